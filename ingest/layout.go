package ingest

import (
	"fmt"
	"strings"
)

// Layout kinds.
const (
	TableLayout = "table" // metrics are columns, work areas are rows
	ListLayout  = "list"  // metrics are rows of a two-column list (指标 | 数值)
)

// Layout records how a sheet was read, for --explain and for tracing.
type Layout struct {
	Kind       string
	HeaderRows []int             // 0-based rows holding the header
	Columns    map[string]int    // table: metric id -> 0-based column of the month figure
	CumColumns map[string]int    // table: metric id -> column of a 累计 figure, if any
	LabelCol   int               // table: work-area column; list: metric-name column; -1 if none
	Rows       map[string]int    // list: metric id -> 0-based row
	ValueCol   int               // list: column of the month figure
	CumCol     int               // list: column of the 累计 figure, -1 if none
	Headers    map[string]string // table: metric id -> the header text as read (parent and child joined)
	Ignored    []Column          // table: header cells that matched no metric
	TotalRow   int               // table: 0-based row of the 合计 row, -1 if none
	Duplicates []string          // metric ids matched by more than one column
	Score      int               // distinct metrics found
}

// Column is a header cell of a table.
type Column struct {
	Col  int    // 0-based
	Cell string // e.g. K3
	Text string
}

// Top is the first row of the header (table) or of the list.
func (l *Layout) Top() int {
	if l.Kind == TableLayout {
		return l.HeaderRows[0]
	}
	top := -1
	for _, r := range l.Rows {
		if top < 0 || r < top {
			top = r
		}
	}
	if len(l.HeaderRows) > 0 && l.HeaderRows[0] < top {
		top = l.HeaderRows[0]
	}
	return top
}

const headerSearchRows = 40

// findTable looks for the best one- or two-row header in the first rows.
func (m *HeaderMatcher) findTable(s *Sheet) *Layout {
	var best *Layout
	for r := 0; r < len(s.Rows) && r < headerSearchRows; r++ {
		for _, span := range []int{1, 2} {
			if r+span > len(s.Rows) {
				continue
			}
			l := m.tableHeader(s, r, span)
			if l != nil && (best == nil || l.Score > best.Score) {
				best = l
			}
		}
	}
	if best == nil || best.Score == 0 {
		return nil
	}
	best.LabelCol = m.areaColumn(s, best)
	for i, c := range best.Ignored {
		best.Ignored[i].Cell = Ref(lastHeaderRow(best), c.Col)
	}
	return best
}

// lastHeaderRow is the last header row of a table layout, where ignored columns are
// named.
func lastHeaderRow(l *Layout) int { return l.HeaderRows[len(l.HeaderRows)-1] }

// namesMetric reports whether any column of rows r..r+span-1 is headed by
// a metric, before a layout is built for them: most rows are not.
func (m *HeaderMatcher) namesMetric(s *Sheet, r, span int) bool {
	for c := 0; c < s.Width(); c++ {
		if id, _, _ := m.headerCell(s, r, span, c); id != "" {
			return true
		}
	}
	return false
}

// tableHeader matches the header cells of rows r..r+span-1; it returns nil
// when no column names a metric. The cells of ignored columns are named by
// findTable for the layout it picks.
func (m *HeaderMatcher) tableHeader(s *Sheet, r, span int) *Layout {
	if !m.namesMetric(s, r, span) {
		return nil
	}
	l := &Layout{Kind: TableLayout, Columns: map[string]int{}, CumColumns: map[string]int{}, Headers: map[string]string{},
		LabelCol: -1, CumCol: -1, TotalRow: -1}
	for i := 0; i < span; i++ {
		l.HeaderRows = append(l.HeaderRows, r+i)
	}
	usedTop := 0
	for c := 0; c < s.Width(); c++ {
		id, cum, text := m.headerCell(s, r, span, c)
		if id != "" && (span == 1 || m.Metric(s.At(r+1, c).Text) != id) {
			usedTop++
		}
		switch {
		case id == "":
			if text != "" {
				l.Ignored = append(l.Ignored, Column{Col: c, Text: text})
			}
		case cum:
			if _, dup := l.CumColumns[id]; !dup {
				l.CumColumns[id] = c
			}
		default:
			if prev, dup := l.Columns[id]; dup && prev != c {
				l.Duplicates = append(l.Duplicates, id)
				continue
			}
			l.Columns[id], l.Headers[id] = c, text
		}
	}
	l.Score = len(l.Columns)
	if usedTop == 0 {
		l.Score = 0 // the upper row adds nothing: it is a title above a one-row header
	}
	return l
}

// headerCell says which metric column c names in a header of span rows, and
// whether it is a 累计 column. In a two-row header the lower cell may be a
// child of a merged parent (约谈 over 责任单位 / 责任人), a 本月 / 累计 marker,
// or a repeat of the same merged cell.
// It also returns the header text as read, parent and child joined.
func (m *HeaderMatcher) headerCell(s *Sheet, r, span, c int) (id string, cum bool, text string) {
	top := strings.TrimSpace(s.At(r, c).Text)
	if span == 1 {
		return m.Metric(top), false, top
	}
	bottom := strings.TrimSpace(s.At(r+1, c).Text)
	if top == "" && bottom != "" {
		top = groupParent(s, r, c)
	}
	switch {
	case bottom == "" || bottom == top:
		return m.Metric(top), false, top
	case m.IsMonth(bottom):
		return m.Metric(top), false, top + "/" + bottom
	case m.IsCumulative(bottom):
		return m.Metric(top), true, top + "/" + bottom
	}
	for _, t := range []string{top + bottom, bottom, top} {
		if id := m.Metric(t); id != "" {
			return id, false, joinHeader(top, bottom)
		}
	}
	return "", false, joinHeader(top, bottom)
}

func joinHeader(top, bottom string) string {
	if top == "" {
		return bottom
	}
	return top + "/" + bottom
}

// groupParent finds the group header over column c when it was typed once
// and not merged: the nearest text to the left in row r whose own column has
// a sub-header too (约谈 | (blank) over 责任单位 | 责任人).
func groupParent(s *Sheet, r, c int) string {
	for k := c - 1; k >= 0; k-- {
		if strings.TrimSpace(s.At(r+1, k).Text) == "" {
			return ""
		}
		if t := strings.TrimSpace(s.At(r, k).Text); t != "" {
			return t
		}
	}
	return ""
}

// areaColumn finds the work-area column: a header named 工作类别, or else the
// non-metric column whose cells below the header most often name an area.
func (m *HeaderMatcher) areaColumn(s *Sheet, l *Layout) int {
	metricCol := map[int]bool{}
	for _, c := range l.Columns {
		metricCol[c] = true
	}
	for _, r := range l.HeaderRows {
		for c := 0; c < s.Width(); c++ {
			if !metricCol[c] && m.IsAreaColumn(s.At(r, c).Text) {
				return c
			}
		}
	}
	best, bestN := -1, 0
	below := l.HeaderRows[len(l.HeaderRows)-1] + 1
	for c := 0; c < s.Width(); c++ {
		if metricCol[c] {
			continue
		}
		n := 0
		for r := below; r < len(s.Rows); r++ {
			if t := s.At(r, c).Text; m.Area(t) != "" || m.IsTotal(t) {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// findList looks for a column of metric names with a value column beside it.
func (m *HeaderMatcher) findList(s *Sheet, values *ValueParser) *Layout {
	var best *Layout
	for c := 0; c < s.Width(); c++ {
		rows := map[string]int{}
		for r := range s.Rows {
			if id := m.Metric(s.At(r, c).Text); id != "" && !s.At(r, c).Covered {
				if _, dup := rows[id]; !dup {
					rows[id] = r
				}
			}
		}
		if len(rows) == 0 || (best != nil && len(rows) <= best.Score) {
			continue
		}
		l := &Layout{Kind: ListLayout, LabelCol: c, Rows: rows, CumCol: -1, ValueCol: -1, Score: len(rows)}
		if m.listColumns(s, l, values) {
			best = l
		}
	}
	return best
}

// listColumns finds the value (本月 / 数值) and 累计 columns of a list: by a
// header above the first metric row, or else the first column to the right
// that holds counts in most metric rows.
func (m *HeaderMatcher) listColumns(s *Sheet, l *Layout, values *ValueParser) bool {
	first := l.Top()
	for r := first - 1; r >= 0 && r >= first-3; r-- {
		for c := l.LabelCol + 1; c < s.Width(); c++ {
			t := s.At(r, c).Text
			switch {
			case m.IsCumulative(t) && l.CumCol < 0:
				l.CumCol = c
			case (m.IsMonth(t) || m.IsValueColumn(t)) && l.ValueCol < 0:
				l.ValueCol = c
			}
		}
		if l.ValueCol >= 0 {
			l.HeaderRows = []int{r}
			return true
		}
	}
	for c := l.LabelCol + 1; c < s.Width(); c++ {
		n := 0
		for _, r := range l.Rows {
			if t := s.At(r, c).Text; strings.TrimSpace(t) != "" {
				if _, err := values.Parse(t); err == nil {
					n++
				}
			}
		}
		if 2*n >= len(l.Rows) {
			l.ValueCol = c
			return true
		}
	}
	return false
}

// chooseLayout picks the table or list reading of a sheet, whichever finds
// more metrics.
func (m *HeaderMatcher) chooseLayout(s *Sheet, values *ValueParser) *Layout {
	t, l := m.findTable(s), m.findList(s, values)
	switch {
	case t == nil:
		return l
	case l == nil:
		return t
	case l.Score > t.Score:
		return l
	}
	return t
}

// candidate is a sheet that looks like the data sheet.
type candidate struct {
	sheet  *Sheet
	layout *Layout
}

// pickSheet chooses the data sheet: the one visible sheet that looks like a
// statistics table (a hidden one only when no visible sheet does). Several
// equally likely sheets are an error naming them.
func (m *HeaderMatcher) pickSheet(wb *Workbook, values *ValueParser, minScore int) (candidate, error) {
	var visible, hidden []candidate
	for _, s := range wb.Sheets {
		l := m.chooseLayout(s, values)
		if l == nil || l.Score < minScore {
			continue
		}
		if s.Hidden {
			hidden = append(hidden, candidate{s, l})
		} else {
			visible = append(visible, candidate{s, l})
		}
	}
	group := visible
	if len(group) == 0 {
		group = hidden
	}
	switch len(group) {
	case 0:
		return candidate{}, ErrNoDataSheet
	case 1:
		return group[0], nil
	}
	names := make([]string, len(group))
	for i, c := range group {
		names[i] = fmt.Sprintf("第%d张表「%s」", c.sheet.Index, c.sheet.Name)
	}
	return candidate{}, fmt.Errorf("%w：%s", ErrManyDataSheets, strings.Join(names, "、"))
}
