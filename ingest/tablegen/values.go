package tablegen

import (
	"fmt"
	"strconv"
)

// Ways a non-zero count is written.
type vstyle int

const (
	vNumber      vstyle = iota // 12
	vText                      // "12"
	vFullWidth                 // "１２"
	vDecText                   // "12.00"
	vDecFormat                 // 12 formatted 0.00
	vThouText                  // "1,234"
	vThouFormat                // 1234 formatted #,##0
	vThouDecText               // "1,234.0"
	vMeasure                   // "12个"
	vPadded                    // " 12 "
)

// Ways a zero is written.
type zstyle int

const (
	zNumber zstyle = iota // 0
	zBlank                // nothing
	zDash                 // —
	zNone                 // 无
	zHyphen               // -
	zSlash                // /
	zText                 // "0"
)

// valuePolicy is how a case writes its counts.
type valuePolicy struct {
	styles      []vstyle // besides vNumber
	zeros       []zstyle
	numericOnly bool // counts are summed by formulas: non-zero ones must be numbers
}

func (g *gen) pickValues() valuePolicy {
	var p valuePolicy
	if g.chance(0.5) {
		all := []vstyle{vText, vFullWidth, vDecText, vDecFormat, vThouText, vThouFormat, vThouDecText, vMeasure, vPadded}
		for n := g.between(1, 3); n > 0; n-- {
			p.styles = append(p.styles, pick(g, all))
		}
	}
	p.zeros = []zstyle{zNumber}
	if g.chance(0.45) {
		p.zeros = []zstyle{pick(g, []zstyle{zBlank, zBlank, zDash, zNone, zHyphen, zSlash, zText})}
		if g.chance(0.3) {
			p.zeros = append(p.zeros, zNumber)
		}
	}
	return p
}

// figure writes count v of metric k at row, col as the case's policy says.
func (g *gen) figure(b *sheetBuilder, row, col int, v int64, k int) {
	p := &g.vals
	if v == 0 {
		z := pick(g, p.zeros)
		if z != zNumber {
			g.apply(ZeroMarks)
		}
		switch z {
		case zNumber:
			b.number(row, col, 0, "")
		case zDash:
			b.text(row, col, "—")
		case zNone:
			b.text(row, col, "无")
		case zHyphen:
			b.text(row, col, "-")
		case zSlash:
			b.text(row, col, "/")
		case zText:
			b.text(row, col, "0")
		}
		return
	}
	st := vNumber
	if len(p.styles) > 0 && g.chance(0.6) {
		st = pick(g, p.styles)
	}
	if p.numericOnly && st != vDecFormat && st != vThouFormat {
		st = vNumber
	}
	s := strconv.FormatInt(v, 10)
	switch st {
	case vNumber:
		b.number(row, col, float64(v), "")
	case vText:
		g.apply(TextNumbers)
		b.text(row, col, s)
	case vFullWidth:
		g.apply(TextNumbers)
		g.apply(FullWidth)
		b.text(row, col, fullWidth(s))
	case vDecText:
		g.apply(TextNumbers)
		g.apply(Decimals)
		b.text(row, col, s+pick(g, []string{".0", ".00"}))
	case vDecFormat:
		g.apply(Decimals)
		b.number(row, col, float64(v), "0.00")
	case vThouText:
		g.apply(TextNumbers)
		if v >= 1000 {
			g.apply(Thousands)
			s = thousands(v)
		}
		b.text(row, col, s)
	case vThouFormat:
		if v >= 1000 {
			g.apply(Thousands)
		}
		b.number(row, col, float64(v), "#,##0")
	case vThouDecText:
		g.apply(TextNumbers)
		g.apply(Decimals)
		if v >= 1000 {
			g.apply(Thousands)
			s = thousands(v)
		}
		b.text(row, col, s+".0")
	case vMeasure:
		g.apply(TextNumbers)
		m := g.cfg.Metrics[k].Measure
		if m != "" {
			g.apply(MeasureSuffix)
		}
		b.text(row, col, s+m)
	case vPadded:
		g.apply(TextNumbers)
		b.text(row, col, pick(g, []string{" " + s, s + " ", " " + s + " "}))
	}
}

// brokenFigure writes a value no count can be: a word, a fraction or a
// negative number.
func (g *gen) brokenFigure(b *sheetBuilder, row, col int, v int64) {
	switch g.broken {
	case BrokenWord:
		b.text(row, col, pick(g, brokenWords))
	case BrokenFraction:
		f := float64(v) + 0.5
		if g.chance(0.5) {
			b.number(row, col, f, "")
		} else {
			b.text(row, col, strconv.FormatFloat(f, 'f', 1, 64))
		}
	case BrokenNegative:
		n := -max(v, 1)
		if g.chance(0.5) {
			b.number(row, col, float64(n), "")
		} else {
			b.text(row, col, strconv.FormatInt(n, 10))
		}
	}
}

// ratio writes a share (同比, 整改率): a percentage as text, or the fraction
// formatted as one; "—" when there is nothing to divide by.
func (g *gen) ratio(b *sheetBuilder, row, col int, num, den int64, asText bool) {
	if den == 0 {
		b.text(row, col, "—")
		return
	}
	f := float64(num) / float64(den)
	if asText {
		b.text(row, col, fmt.Sprintf("%.1f%%", 100*f))
	} else {
		b.number(row, col, float64(int64(f*10000+0.5))/10000, "0.0%")
	}
}
