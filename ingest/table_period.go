package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// Columns and rows headed by a month (2018年10月, 10月) belong to the month
// they name: the one of the submission's period is counted, the others are
// shown and not counted. No column is chosen by its position.

// headerPeriod is the month a table's header states, when its month
// columns (or rows) name exactly one month with its year.
func (m *HeaderMatcher) headerPeriod(v *view, t *Table) found[Period] {
	var ps []Period
	var where string
	for _, c := range t.Columns {
		if c.Role == ColCount && !c.Period.IsZero() {
			if !slices.Contains(ps, c.Period) {
				ps = append(ps, c.Period)
				where = v.ref(t.Header[len(t.Header)-1], c.Col)
			}
		}
	}
	for _, r := range t.Rows {
		if r.Role == RowFigures && !r.Period.IsZero() && !slices.Contains(ps, r.Period) {
			ps = append(ps, r.Period)
			where = v.ref(r.Row, t.firstCol())
		}
	}
	if len(ps) != 1 || ps[0].Year == 0 {
		return found[Period]{}
	}
	return found[Period]{ps[0], sheetLabel(v.s) + "表头" + where, where}
}

// resolveMonths gives month-headed columns and rows their role for the
// period: counted when they name it, shown and not counted when they name
// another month.
func (m *HeaderMatcher) resolveMonths(v *view, t *Table, p Period) error {
	var named []string
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Role != ColCount || c.Period.IsZero() {
			continue
		}
		named = appendNew(named, monthText(c.Period))
		if !sameMonth(c.Period, p) {
			c.Role = ColOther
		}
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Role != RowFigures || r.Period.IsZero() {
			continue
		}
		named = appendNew(named, monthText(r.Period))
		if !sameMonth(r.Period, p) {
			r.Role = RowOther
		}
	}
	if len(named) == 0 {
		return nil
	}
	if p.IsZero() {
		return fmt.Errorf("%w：表头有%s的数字，不知道哪一个是本月", ErrUnknownPeriod, strings.Join(named, "、"))
	}
	for _, c := range t.Columns {
		if c.Role == ColCount {
			return nil
		}
	}
	for _, r := range t.Rows {
		if r.Role == RowFigures {
			return nil
		}
	}
	return fmt.Errorf("%w：表头只有%s，没有%s", ErrMonthColumn, strings.Join(named, "、"), p.Chinese())
}

func sameMonth(named, p Period) bool {
	return named.Month == p.Month && (named.Year == 0 || named.Year == p.Year)
}

func monthText(p Period) string {
	if p.Year == 0 {
		return fmt.Sprintf("%d月", p.Month)
	}
	return p.Chinese()
}
