package ingest

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"jianbao/templates"
)

// ValueParser reads a count from a cell's text: an exact whole number ≥ 0.
// Blank cells and the configured zero marks (— - / 无) read as zero.
type ValueParser struct {
	zero     map[string]bool
	measures []string // folded, longest first
	natures  map[string]metricNature
}

// NewValueParser builds a parser from the zero marks and measure words.
func NewValueParser(zero, measures []string) *ValueParser {
	p := &ValueParser{zero: map[string]bool{"": true}}
	for _, z := range zero {
		p.zero[fold(z)] = true
	}
	for _, m := range measures {
		if m = fold(m); m != "" {
			p.measures = append(p.measures, m)
		}
	}
	sortLongestFirst(p.measures)
	return p
}

var (
	plainDigits   = regexp.MustCompile(`^\d+$`)
	groupedDigits = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
	wholeDecimal  = regexp.MustCompile(`^(\d+|\d{1,3}(?:,\d{3})+)\.0+$`)
	sciNotation   = regexp.MustCompile(`^\d+(\.\d+)?[eE]\+?\d+$`)
)

// maxCount bounds a single cell: far above any real monthly figure, far below
// where sums could overflow.
const maxCount = 1_000_000_000

// Parse returns the count in s, or an error wrapping ErrNotWholeNumber.
func (p *ValueParser) Parse(s string) (int64, error) { return p.parse(s, maxCount) }

// ParseSum reads a total or subtotal: a sum of counts may pass the bound of
// one count.
func (p *ValueParser) ParseSum(s string) (int64, error) { return p.parse(s, maxSum) }

// maxSum bounds a total: a count for each of many rows.
const maxSum = maxCount * 10_000

func (p *ValueParser) parse(s string, limit int64) (int64, error) {
	if n, ok := plainCount(s); ok {
		return n, nil
	}
	t := strings.TrimSpace(foldWidth(strings.Trim(s, "\u200b\ufeff\u3000 \t\r\n")))
	if strings.ContainsFunc(t, unicode.IsSpace) {
		return 0, fmt.Errorf("%w（数字中间有空格）", ErrNotWholeNumber)
	}
	t = fold(t)
	if p.zero[t] {
		return 0, nil
	}
	t = p.trimMeasure(t)
	var digits string
	switch {
	case plainDigits.MatchString(t):
		digits = t
	case groupedDigits.MatchString(t):
		digits = strings.ReplaceAll(t, ",", "")
	case wholeDecimal.MatchString(t):
		digits = strings.ReplaceAll(wholeDecimal.FindStringSubmatch(t)[1], ",", "")
	case sciNotation.MatchString(t):
		return p.parseScientific(t, limit)
	default:
		return 0, p.explain(t)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > limit {
		return 0, fmt.Errorf("%w（数值过大）", ErrNotWholeNumber)
	}
	return n, nil
}

// plainCount reads the commonest cell, a number of up to nine ASCII digits
// and nothing else, without the general parse.
func plainCount(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// trimMeasure removes one measure word after the number: 12个, 35人次.
func (p *ValueParser) trimMeasure(t string) string {
	for _, m := range p.measures {
		if strings.HasSuffix(t, m) && len(t) > len(m) {
			return t[:len(t)-len(m)]
		}
	}
	return t
}

// parseScientific accepts 1.2E+3 as written by some programs for 1200, but
// only when it denotes a whole number exactly: the decimal digits are read
// as written, so 1.9999999999999999E+1 is not taken for 20.
func (p *ValueParser) parseScientific(t string, limit int64) (int64, error) {
	r, ok := new(big.Rat).SetString(t)
	if !ok || r.Sign() < 0 || !r.IsInt() {
		return 0, fmt.Errorf("%w（不是整数）", ErrNotWholeNumber)
	}
	if r.Cmp(big.NewRat(limit, 1)) > 0 {
		return 0, fmt.Errorf("%w（数值过大）", ErrNotWholeNumber)
	}
	return r.Num().Int64(), nil
}

var (
	negative = regexp.MustCompile(`^-\d`)
	fraction = regexp.MustCompile(`^\d*\.\d+$`)
)

// explain says which kind of wrong value t is.
func (p *ValueParser) explain(t string) error {
	switch {
	case negative.MatchString(t):
		return fmt.Errorf("%w（是负数）", ErrNotWholeNumber)
	case fraction.MatchString(t):
		return fmt.Errorf("%w（有小数）", ErrNotWholeNumber)
	case strings.HasPrefix(t, "#"):
		return fmt.Errorf("%w（公式出错）", ErrNotWholeNumber)
	case strings.Contains(t, ",") && plainDigits.MatchString(strings.ReplaceAll(t, ",", "")):
		return fmt.Errorf("%w（千位分隔符位置不对）", ErrNotWholeNumber)
	default:
		return fmt.Errorf("%w（不是数字）", ErrNotWholeNumber)
	}
}

// metricNature is how the cells of one metric are read: an amount's
// decimal places, and the metric's own measure word.
type metricNature struct {
	amount  bool
	places  int
	measure string // folded
}

// ForMetrics gives the parser the nature of each metric, for ParseFor: an
// amount is read as an exact decimal, and a metric's own measure word (元,
// 户, 万元) may follow its figures. It returns p.
func (p *ValueParser) ForMetrics(ms []templates.Metric) *ValueParser {
	p.natures = map[string]metricNature{}
	for _, m := range ms {
		p.natures[m.ID] = metricNature{amount: m.Amount(), places: m.Places(), measure: fold(m.Measure)}
	}
	return p
}

// ParseFor reads a cell of the metric id: as Parse for a count, exactly
// with the metric's decimal places for an amount (87686.6 with two places
// is held as 8768660). sum allows the larger bound of a total.
func (p *ValueParser) ParseFor(id, s string, sum bool) (int64, error) {
	nat, ok := p.natures[id]
	limit := int64(maxCount)
	if sum {
		limit = maxSum
	}
	if !ok || (!nat.amount && nat.measure == "") {
		return p.parse(s, limit)
	}
	if !nat.amount {
		if n, err := p.parse(s, limit); err == nil {
			return n, nil
		}
		t := fold(strings.TrimSpace(foldWidth(strings.Trim(s, "\u200b\ufeff\u3000 \t\r\n"))))
		if strings.HasSuffix(t, nat.measure) && len(t) > len(nat.measure) {
			return p.parse(t[:len(t)-len(nat.measure)], limit)
		}
		return p.parse(s, limit)
	}
	return p.parseAmount(s, nat, limit)
}

// Text writes a held figure of the metric id as it reads: with the
// decimals of an amount (8768660 → 87686.60), as digits for a count.
func (p *ValueParser) Text(id string, n int64) string {
	return templates.DecimalText(n, p.natures[id].places)
}

var amountText = regexp.MustCompile(`^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$`)

// parseAmount reads an exact decimal ≥ 0 with at most nat.places decimal
// places, scaled by 10^places; never through a float.
func (p *ValueParser) parseAmount(s string, nat metricNature, limit int64) (int64, error) {
	t := strings.TrimSpace(foldWidth(strings.Trim(s, "\u200b\ufeff\u3000 \t\r\n")))
	if strings.ContainsFunc(t, unicode.IsSpace) {
		return 0, fmt.Errorf("%w（数字中间有空格）", ErrNotAmount)
	}
	t = fold(t)
	if p.zero[t] {
		return 0, nil
	}
	if nat.measure != "" && strings.HasSuffix(t, nat.measure) && len(t) > len(nat.measure) {
		t = t[:len(t)-len(nat.measure)]
	} else {
		t = p.trimMeasure(t)
	}
	if sciNotation.MatchString(t) {
		return p.amountScientific(t, nat.places, limit)
	}
	m := amountText.FindStringSubmatch(t)
	if m == nil {
		switch {
		case negative.MatchString(t):
			return 0, fmt.Errorf("%w（是负数）", ErrNotAmount)
		case strings.HasPrefix(t, "#"):
			return 0, fmt.Errorf("%w（公式出错）", ErrNotAmount)
		case strings.ContainsAny(t, "万亿千百"):
			return 0, fmt.Errorf("%w（带“万”“千”等倍数字，请按%d位小数写出数字本身）", ErrNotAmount, nat.places)
		}
		return 0, fmt.Errorf("%w（不是数字）", ErrNotAmount)
	}
	whole, frac := strings.ReplaceAll(m[1], ",", ""), strings.TrimRight(m[2], "0")
	if len(frac) > nat.places {
		return 0, fmt.Errorf("%w（小数超过%d位）", ErrNotAmount, nat.places)
	}
	digits := strings.TrimLeft(whole+frac+strings.Repeat("0", nat.places-len(frac)), "0")
	if digits == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n/pow10(nat.places) > limit {
		return 0, fmt.Errorf("%w（数值过大）", ErrNotAmount)
	}
	return n, nil
}

// amountScientific reads 8.76866E+4 exactly, as written.
func (p *ValueParser) amountScientific(t string, places int, limit int64) (int64, error) {
	r, ok := new(big.Rat).SetString(t)
	if !ok || r.Sign() < 0 {
		return 0, fmt.Errorf("%w（不是数字）", ErrNotAmount)
	}
	r.Mul(r, new(big.Rat).SetInt64(pow10(places)))
	if !r.IsInt() {
		return 0, fmt.Errorf("%w（小数超过%d位）", ErrNotAmount, places)
	}
	if r.Cmp(new(big.Rat).SetInt64(limit*pow10(places))) > 0 {
		return 0, fmt.Errorf("%w（数值过大）", ErrNotAmount)
	}
	return r.Num().Int64(), nil
}

func pow10(n int) int64 {
	s := int64(1)
	for range n {
		s *= 10
	}
	return s
}
