package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Finding the data among a workbook's sheets and a sheet's tables.

// found table: a table of a sheet, read one way.
type sheetTable struct {
	sheet *Sheet
	view  *view
	table *Table
	other string // the title above the table, when it says another period
	// stray names a metric header beside the table, in its header rows,
	// that belongs to no table: a column nobody can place.
	stray string
}

// tables lists the tables of a sheet that name at least minScore metrics,
// read either way round (metrics across the top, or down the side), top to
// bottom.
func (m *HeaderMatcher) tables(s *Sheet, values *ValueParser, minScore int) []sheetTable {
	var out []sheetTable
	for _, across := range []bool{false, true} {
		if across && !m.mayLieAcross(s, minScore) {
			continue
		}
		v := newView(s, across)
		var prev *sheetTable
		headers := m.findHeaders(v, values)
		first := len(out)
		for _, h := range headers {
			if h.score < minScore {
				continue
			}
			if prev != nil && h.r0 <= prev.table.End && h.v.lo < prev.view.cols && prev.view.lo < h.v.cols {
				continue // a header repeated inside the table above
			}
			out = append(out, sheetTable{sheet: s, view: h.v, table: m.build(h.v, h, values)})
			prev = &out[len(out)-1]
		}
		for i := first; i < len(out); i++ {
			out[i].stray = strayHeader(out[i], headers, minScore)
		}
	}
	out = dropCrossReadings(out)
	slices.SortStableFunc(out, func(a, b sheetTable) int { return a.top() - b.top() })
	for i := range out {
		from := 0
		for _, above := range out[:i] {
			if above.sharesColumns(out[i]) {
				from = max(from, above.bottom()+1)
			}
		}
		lo, hi := out[i].sheetColumns()
		out[i].other = m.titledOther(s, max(from, out[i].top()-3), out[i].top(), lo, hi)
	}
	return out
}

// dropCrossReadings drops a table read across where the same cells are
// read down as a table whose header gives a metric both a month column
// and a 累计 column (派出人员 over 本月 | 累计): that header can only be
// read down, so the other reading is not a second table.
func dropCrossReadings(ts []sheetTable) []sheetTable {
	var downs []sheetTable
	for _, t := range ts {
		if !t.table.Across && monthAndCumulative(t.table) {
			downs = append(downs, t)
		}
	}
	if len(downs) == 0 {
		return ts
	}
	keep := ts[:0:0]
	for _, t := range ts {
		crossed := false
		for _, d := range downs {
			crossed = crossed || t.table.Across && overlaps(t, d)
		}
		if !crossed {
			keep = append(keep, t)
		}
	}
	return keep
}

// monthAndCumulative reports whether some metric of t has both a counted
// column and a 累计 column.
func monthAndCumulative(t *Table) bool {
	counted := map[string]bool{}
	for _, c := range t.Columns {
		if c.Role == ColCount {
			counted[c.Metric] = true
		}
	}
	for _, c := range t.Columns {
		if c.Role == ColCumulative && counted[c.Metric] {
			return true
		}
	}
	return false
}

// overlaps reports whether an across table a and a down table d share
// sheet cells: a's sheet columns (its rows) meet d's rows, and its rows
// (sheet rows from its header on) meet d's columns.
func overlaps(a, d sheetTable) bool {
	lo, hi := d.sheetColumns()
	return a.top() <= hi && lo <= a.bottom() && a.view.lo <= d.bottom() && d.top() < a.view.cols
}

// strayHeader finds a header of too few metrics in the rows of a table's
// header but beside it, and names its first cell.
func strayHeader(st sheetTable, headers []*header, minScore int) string {
	t := st.table
	for _, h := range headers {
		if h.score >= minScore || h.r1 < t.Header[0] || h.r0 > t.Header[len(t.Header)-1] {
			continue
		}
		if h.v.lo < st.view.cols && st.view.lo < h.v.cols {
			continue // the table's own columns
		}
		for _, hc := range h.cols {
			if hc.Metric != "" {
				return h.v.ref(h.r1, hc.Col)
			}
		}
	}
	return ""
}

// sheetColumns are the sheet columns a table occupies.
func (st sheetTable) sheetColumns() (lo, hi int) {
	if st.table.Across {
		return 0, st.sheet.Width() - 1
	}
	return st.view.lo, st.view.cols - 1
}

// sharesColumns reports whether two tables stand in some of the same
// sheet columns (one above the other rather than side by side).
func (st sheetTable) sharesColumns(o sheetTable) bool {
	a0, a1 := st.sheetColumns()
	b0, b1 := o.sheetColumns()
	return a0 <= b1 && b0 <= a1
}

// mayLieAcross reports whether some column of the sheet names at least
// minScore metrics: only then can a table lie across.
func (m *HeaderMatcher) mayLieAcross(s *Sheet, minScore int) bool {
	for c := range s.Width() {
		n := 0
		for r := range s.Rows {
			if t := s.At(r, c); !t.Covered && m.Metric(t.Text) != "" {
				if n++; n >= minScore {
					return true
				}
			}
		}
	}
	return false
}

// top and bottom are the first and last sheet rows a table occupies.
func (st sheetTable) top() int { return st.table.Top() }

func (st sheetTable) bottom() int {
	if st.table.Across {
		last := st.table.Top()
		for _, c := range st.table.Columns {
			last = max(last, c.Col)
		}
		return last
	}
	return st.table.End
}

// sheetMonth reads the month a sheet's name gives: 10月, 10月份, 2018.10,
// 2018年10月. The year is 0 when the name gives none.
func (m *HeaderMatcher) sheetMonth(name string) (Period, bool) {
	if q, p := m.qualifier(name); q == qualPeriod {
		return p, true
	}
	if p, ok := PeriodIn(name); ok {
		return p, true
	}
	return Period{}, false
}

// bookChoice is the data sheet and table chosen in a workbook, and the
// sheets of earlier months when the workbook keeps one sheet per month.
type bookChoice struct {
	sheetTable
	earlier []sheetTable // sheets of earlier months of the same year
	aside   []string     // other sheets that were not read, named
}

// pickTable chooses the data: the one visible sheet (a hidden one only
// when no visible sheet has a table) with one table of the configured
// metrics. A workbook with a sheet per month gives the sheet of the
// period. Several equally likely tables are an error naming them.
func (m *HeaderMatcher) pickTable(wb *Workbook, values *ValueParser, minScore int, period func() Period) (bookChoice, error) {
	var visible, hidden []sheetTable
	for _, s := range wb.Sheets {
		ts := m.tables(s, values, minScore)
		if len(ts) == 0 {
			continue
		}
		if len(ts) > 1 {
			ts = m.tablesForPeriod(ts)
		}
		if s.Hidden {
			hidden = append(hidden, ts...)
		} else {
			visible = append(visible, ts...)
		}
	}
	group := visible
	if len(group) == 0 {
		group = hidden
	}
	switch len(group) {
	case 0:
		return bookChoice{}, ErrNoDataSheet
	case 1:
		if t := group[0]; t.other != "" {
			return bookChoice{}, fmt.Errorf("%w：表格上方写的是“%s”，这张表不是本月数", ErrTablePeriod, t.other)
		}
		return bookChoice{sheetTable: group[0], aside: otherSheets(wb, group[0].sheet)}, nil
	}
	if c, ok, err := m.monthSheets(wb, group, period); ok {
		return c, err
	}
	names := make([]string, len(group))
	for i, c := range group {
		names[i] = fmt.Sprintf("第%d张表「%s」", c.sheet.Index, c.sheet.Name)
		if c.sheet == group[max(i-1, 0)].sheet && i > 0 {
			names[i] += c.view.rowName(c.table.Header[0]) + "起"
		}
	}
	err := ErrManyDataSheets
	if group[0].sheet == group[1].sheet {
		err = ErrManyTables
	}
	return bookChoice{}, fmt.Errorf("%w：%s", err, strings.Join(names, "、"))
}

// tablesForPeriod keeps, of several tables in one sheet, those whose title
// does not say they are for another period (上月情况, 1—10月累计情况).
func (m *HeaderMatcher) tablesForPeriod(ts []sheetTable) []sheetTable {
	var keep []sheetTable
	for _, st := range ts {
		if st.other == "" {
			keep = append(keep, st)
		}
	}
	if len(keep) == 1 {
		kept := keep[0].table
		for _, st := range ts {
			if st.table != kept {
				kept.Aside = append(kept.Aside, "第"+strconv.Itoa(st.top()+1)+"行起是另一时期的表（“"+st.other+"”），未计入")
			}
		}
	}
	if len(keep) == 0 {
		return ts
	}
	return keep
}

// titleRange finds a run of months in a title: 1—10月, 1-10月, 截至10月.
var titleRange = regexp.MustCompile(`(?:^|[^0-9])(?:1|一)月?(?:-|~|至|到)(?:\d{4}年)?\d{1,2}月|截[至止](?:\d{4}年)?\d{1,2}月`)

// titledOther returns the text of the sheet rows from..to-1 above a table
// that titles it for another period (上月情况, 1—10月累计情况), or "". A
// title that names the month too (本月及累计) does not.
func (m *HeaderMatcher) titledOther(s *Sheet, from, to, lo, hi int) string {
	for r := max(from, 0); r < to; r++ {
		for c := lo; c <= hi && c < s.Width(); c++ {
			cell := s.At(r, c)
			if cell.Covered {
				continue
			}
			t := fold(cell.Text)
			if t == "" || containsAny(t, m.monthWords) {
				continue
			}
			if containsAny(t, m.otherWords) || containsAny(t, m.cumWords) || containsAny(t, m.spanWords) || titleRange.MatchString(t) {
				return strings.TrimSpace(cell.Text)
			}
		}
	}
	return ""
}

func containsAny(t string, words []string) bool {
	for _, w := range words {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// monthSheets handles a workbook with one sheet per month: the sheet of
// the period is the data; sheets of earlier months are kept to compare with
// what was accepted for them. ok is false when the sheets are not months.
func (m *HeaderMatcher) monthSheets(wb *Workbook, group []sheetTable, period func() Period) (bookChoice, bool, error) {
	months := map[*Sheet]Period{}
	for _, st := range group {
		p, ok := m.sheetMonth(st.sheet.Name)
		if !ok {
			return bookChoice{}, false, nil
		}
		if _, dup := months[st.sheet]; dup {
			return bookChoice{}, false, nil // two tables in one month's sheet
		}
		months[st.sheet] = p
	}
	want := period()
	if want.IsZero() {
		return bookChoice{}, true, fmt.Errorf("%w：工作簿中有多个月份的工作表（%s），但文件名和表内都没有写明报送月份", ErrUnknownPeriod, sheetNames(group))
	}
	var c bookChoice
	var hit []sheetTable
	for _, st := range group {
		p := months[st.sheet]
		switch {
		case p.Month == want.Month && (p.Year == 0 || p.Year == want.Year):
			hit = append(hit, st)
		case p.Year == 0 || p.Year == want.Year:
			if p.Month < want.Month {
				c.earlier = append(c.earlier, st)
			}
		}
	}
	switch len(hit) {
	case 0:
		return bookChoice{}, true, fmt.Errorf("%w：工作簿中没有%s的工作表（有%s）", ErrWrongPeriod, want.Chinese(), sheetNames(group))
	case 1:
		c.sheetTable = hit[0]
		c.aside = otherSheets(wb, hit[0].sheet)
		return c, true, nil
	}
	return bookChoice{}, true, fmt.Errorf("%w：%s", ErrManyDataSheets, sheetNames(hit))
}

func sheetNames(ts []sheetTable) string {
	names := make([]string, len(ts))
	for i, st := range ts {
		names[i] = "「" + st.sheet.Name + "」"
	}
	return strings.Join(names, "、")
}

// otherSheets names the sheets of a workbook other than the data sheet.
func otherSheets(wb *Workbook, data *Sheet) []string {
	var out []string
	for _, s := range wb.Sheets {
		if s != data {
			out = append(out, fmt.Sprintf("第%d张表「%s」", s.Index, s.Name))
		}
	}
	return out
}
