package ingest

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// ValueParser reads a count from a cell's text: an exact whole number ≥ 0.
// Blank cells and the configured zero marks (— - / 无) read as zero.
type ValueParser struct {
	zero     map[string]bool
	measures []string // folded, longest first
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
