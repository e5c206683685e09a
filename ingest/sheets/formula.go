package sheets

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellFormula is a formula held in a cell (0-based row and column), with
// the value the file holds for it.
type cellFormula struct {
	row, col int
	formula  string
}

// checkFormulas works out again each formula this program trusts (sums and
// arithmetic of one sheet's cells, see formulaTrusted), from the values the
// file holds for the cells it refers to, and marks the cells whose held
// value is not what their formula gives (Cell.Stale). Circular formulas and
// formulas over cells that are not numbers are left alone.
func (l *layout) checkFormulas(s *Sheet) {
	if len(l.formulas) == 0 {
		return
	}
	all := make(map[[2]int]string, len(l.formulas))
	for _, f := range l.formulas {
		all[[2]int{f.row, f.col}] = f.formula
	}
	circular := inCycles(all)
	for _, f := range l.formulas {
		if circular[[2]int{f.row, f.col}] || !formulaTrusted(f.formula) || f.row >= len(s.Rows) || f.col >= len(s.Rows[f.row]) {
			continue
		}
		c := &s.Rows[f.row][f.col]
		held, err := strconv.ParseFloat(strings.TrimSpace(c.Text), 64)
		if err != nil {
			continue
		}
		got, ok := evalFormula(f.formula, s.number)
		if ok && !sameNumber(got, held) {
			c.Stale = strconv.FormatFloat(got, 'f', -1, 64)
		}
	}
}

// sameNumber compares two results as a spreadsheet shows them: to 15
// significant digits.
func sameNumber(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// number is the value of the cell at (0-based) row, col for a formula: 0
// when empty, and ok false when it is text.
func (s *Sheet) number(row, col int) (v float64, text bool) {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return 0, false
	}
	t := strings.TrimSpace(s.Rows[row][col].Text)
	if t == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, true
	}
	return v, false
}

// evalFormula computes a trusted formula: numbers, cells, + - * / and
// parentheses, and SUM of cells, ranges and expressions. cell gives a
// cell's value, or says it holds text: text in a SUM's range is passed
// over, as a spreadsheet does; elsewhere it makes the formula an error,
// and ok is false.
func evalFormula(f string, cell func(row, col int) (float64, bool)) (v float64, ok bool) {
	p := &formulaParser{s: strings.ToUpper(strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(f), "="), " ", "")), cell: cell, ok: true}
	v = p.expr()
	return v, p.ok && p.i == len(p.s) && !math.IsInf(v, 0) && !math.IsNaN(v)
}

// formulaParser reads a formula by recursive descent.
type formulaParser struct {
	s    string
	i    int
	cell func(row, col int) (float64, bool)
	ok   bool
}

func (p *formulaParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *formulaParser) expr() float64 {
	v := p.term()
	for p.ok && (p.peek() == '+' || p.peek() == '-') {
		op := p.peek()
		p.i++
		if w := p.term(); op == '+' {
			v += w
		} else {
			v -= w
		}
	}
	return v
}

func (p *formulaParser) term() float64 {
	v := p.factor()
	for p.ok && (p.peek() == '*' || p.peek() == '/') {
		op := p.peek()
		p.i++
		w := p.factor()
		if op == '*' {
			v *= w
		} else if w == 0 {
			p.ok = false // #DIV/0!
		} else {
			v /= w
		}
	}
	return v
}

func (p *formulaParser) factor() float64 {
	switch c := p.peek(); {
	case c == '-':
		p.i++
		return -p.factor()
	case c == '+':
		p.i++
		return p.factor()
	case c == '(':
		p.i++
		v := p.expr()
		p.expect(')')
		return v
	case strings.HasPrefix(p.s[p.i:], "SUM("):
		p.i += len("SUM(")
		return p.sum()
	case c >= '0' && c <= '9' || c == '.':
		return p.number()
	case c == '$' || c >= 'A' && c <= 'Z':
		r1, c1, r2, c2 := p.ref()
		if r1 != r2 || c1 != c2 {
			p.ok = false // a range outside SUM
			return 0
		}
		v, text := p.cell(r1, c1)
		if text {
			p.ok = false // #VALUE!
		}
		return v
	}
	p.ok = false
	return 0
}

// sum reads the arguments of SUM( up to its closing parenthesis.
func (p *formulaParser) sum() float64 {
	var total float64
	for p.ok {
		if p.peek() == '$' || p.peek() >= 'A' && p.peek() <= 'Z' && !strings.HasPrefix(p.s[p.i:], "SUM(") {
			save := p.i
			r1, c1, r2, c2 := p.ref()
			if next := p.peek(); p.ok && (next == ',' || next == ')') {
				total += p.rangeSum(r1, c1, r2, c2)
			} else {
				p.i, p.ok = save, true
				total += p.expr()
			}
		} else {
			total += p.expr()
		}
		switch p.peek() {
		case ',':
			p.i++
		case ')':
			p.i++
			return total
		default:
			p.ok = false
		}
	}
	return total
}

// rangeSum adds the numbers of a range, passing over text.
func (p *formulaParser) rangeSum(r1, c1, r2, c2 int) float64 {
	var total float64
	if (r2-r1+1)*(c2-c1+1) > maxRangeCells {
		p.ok = false
		return 0
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if v, text := p.cell(r, c); !text {
				total += v
			}
		}
	}
	return total
}

// ref reads a cell or a range, as 0-based corners in order.
func (p *formulaParser) ref() (r1, c1, r2, c2 int) {
	r1, c1 = p.oneCell()
	r2, c2 = r1, c1
	if p.ok && p.peek() == ':' {
		p.i++
		r2, c2 = p.oneCell()
	}
	return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
}

// oneCell reads a reference such as C5 or $C$5.
func (p *formulaParser) oneCell() (row, col int) {
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] == '$' || p.s[p.i] >= 'A' && p.s[p.i] <= 'Z' || p.s[p.i] >= '0' && p.s[p.i] <= '9') {
		p.i++
	}
	c, r, err := excelize.CellNameToCoordinates(strings.ReplaceAll(p.s[start:p.i], "$", ""))
	if err != nil {
		p.ok = false
		return 0, 0
	}
	return r - 1, c - 1
}

func (p *formulaParser) number() float64 {
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] >= '0' && p.s[p.i] <= '9' || p.s[p.i] == '.') {
		p.i++
	}
	v, err := strconv.ParseFloat(p.s[start:p.i], 64)
	if err != nil {
		p.ok = false
	}
	return v
}

func (p *formulaParser) expect(c byte) {
	if p.peek() != c {
		p.ok = false
		return
	}
	p.i++
}
