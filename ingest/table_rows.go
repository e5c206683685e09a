package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The rows of a table: below its header, each row is given a role from its
// label (the text in the label columns) and from whether it holds figures.
// The table ends at its total row, or where another table or section
// begins, or at the end of the sheet.

// build makes the table of a header block: the roles of its columns and
// rows, and where it ends.
func (m *HeaderMatcher) build(v *view, h *header, values *ValueParser) *Table {
	t := &Table{Across: v.across, Score: h.score}
	for r := h.r0; r <= h.r1; r++ {
		t.Header = append(t.Header, r)
	}
	m.columns(v, h, t, values)
	m.rows(v, t, values)
	return t
}

// columns sets the column roles: the header's reading of each column, and
// the label columns left of the first metric.
func (m *HeaderMatcher) columns(v *view, h *header, t *Table, values *ValueParser) {
	first := -1
	byCol := map[int]headerColumn{}
	for _, hc := range h.cols {
		byCol[hc.Col] = hc
		if hc.Metric != "" && (first < 0 || hc.Col < first) {
			first = hc.Col
		}
	}
	left := m.labelStart(v, h, first, byCol)
	body := h.r1 + 1
	for c := left; c < v.cols; c++ {
		hc, ok := byCol[c]
		col := hc.Column
		if !ok {
			col = Column{Col: c, Role: ColBlank, Hidden: v.hiddenCol(c)}
		}
		if c < first && col.Role != ColIndex && col.Role != ColNote && col.Role != ColLabel {
			col.Role = m.leftColumnRole(v, c, body, values)
		}
		if col.Role == ColBlank && !columnHasContent(v, c, body) {
			continue
		}
		if col.Role == ColBlank {
			col.Role = ColUnknown
		}
		t.Columns = append(t.Columns, col)
	}
}

// leftColumnRole gives a column left of the figures, whose header is not a
// label word, its role from what it holds: any words make it a label
// column; numbers alone are a 序号 column when they count up from 1, and
// otherwise figures nobody named.
func (m *HeaderMatcher) leftColumnRole(v *view, c, body int, values *ValueParser) ColRole {
	var ns []int64
	for r := body; r < v.rows; r++ {
		t := v.text(r, c)
		if t == "" {
			continue
		}
		n, err := values.Parse(t)
		if err != nil && !plainNumber(t) && !m.valueLike(t) {
			return ColLabel
		}
		ns = append(ns, n)
	}
	if len(ns) == 0 || (ns[0] <= 1 && ascending(ns)) {
		return ColLabel
	}
	return ColUnknown
}

func ascending(ns []int64) bool {
	for i := 1; i < len(ns); i++ {
		if ns[i] <= ns[i-1] {
			return false
		}
	}
	return true
}

// labelStart finds the first label column. When the table lies across,
// what stands left of its label column is the sheet's title block, so only
// the nearest column (and a 序号 column beside it) is taken.
func (m *HeaderMatcher) labelStart(v *view, h *header, first int, byCol map[int]headerColumn) int {
	if !v.across {
		return v.lo
	}
	left := first
	for c := first - 1; c >= v.lo; c-- {
		hc, named := byCol[c]
		if left == first {
			if !columnHasContent(v, c, h.r1+1) {
				if named && !numbering.MatchString(fold(hc.Text)) {
					break // a title beside the header: the table starts right of it
				}
				continue // a blank row, or a heading of the list (一、督查检查情况)
			}
			left = c
			continue
		}
		if named && (hc.Role == ColIndex || hc.Role == ColLabel) && columnHasContent(v, c, h.r1+1) || !named && m.labelsAbove(v, c, h.r1+1) {
			left = c // 序号, or a row of labels above the work areas (合计 | 工作类别)
			continue
		}
		break
	}
	return left
}

// labelsAbove reports whether column c, beside the labels of a table lying
// across, holds a total or a label column's name (合计 | 工作类别): a row
// of labels above the work areas.
func (m *HeaderMatcher) labelsAbove(v *view, c, from int) bool {
	for r := from; r < v.rows; r++ {
		if t := v.text(r, c); t != "" && (m.IsTotal(t) || m.IsAreaColumn(t)) {
			return true
		}
	}
	return false
}

func columnHasContent(v *view, c, from int) bool {
	for r := from; r < v.rows; r++ {
		if v.text(r, c) != "" {
			return true
		}
	}
	return false
}

// rowLook is what one row of the body shows.
type rowLook struct {
	labels  []string // the texts of its label cells, numbering dropped
	raw     string   // the first label as typed
	indent  int      // of the first label
	figures bool     // a figure cell of the table holds something
	texts   int      // figure cells holding words that are not values
	names   int      // figure cells naming the metric of their column
	metrics int      // figure cells naming any metric
	numbers int      // figure cells holding a value
	notes   int      // figure cells holding a note (审核：…, 批准：…)
	number  bool     // a label cell holds a list number (1., 一, ①)
}

// look reads row r: its label cells and its figure cells.
func (m *HeaderMatcher) look(v *view, t *Table, r int, values *ValueParser) rowLook {
	var l rowLook
	for _, c := range t.Columns {
		cell := v.at(r, c.Col)
		txt := strings.TrimSpace(cell.Text)
		switch c.Role {
		case ColLabel, ColIndex:
			if cell.Covered || txt == "" || c.Hidden {
				continue // a hidden label gives no row its role
			}
			if l.raw == "" {
				l.raw, l.indent = txt, v.indent(r, c.Col)
			}
			if isNumbering(txt) {
				l.number = true
			}
			if k := m.norm.Key(txt); k != "" && !isNumbering(txt) {
				if len(l.labels) == 0 {
					l.indent = v.indent(r, c.Col) // the label's, not its number's
				}
				l.labels = append(l.labels, txt)
			}
		case ColNote:
		default:
			if cell.Covered || (txt == "" && cell.Formula == "") {
				continue
			}
			if c.Metric == "" && m.IsNote(txt) {
				continue // a footer (批准：…) in a column of no metric: not a figure
			}
			l.figures = true
			if txt == "" {
				continue
			}
			if _, err := values.Parse(txt); err == nil {
				l.numbers++
				continue
			}
			if plainNumber(txt) || m.valueLike(txt) {
				l.numbers++
				continue // a value, if not a good one
			}
			l.texts++
			if m.IsNote(txt) {
				l.notes++
			}
			if m.Metric(txt) != "" || m.joinedID(txt) != "" {
				l.metrics++
			}
			if c.Metric != "" && m.namesMetric(txt, c.Metric) {
				l.names++
			}
		}
	}
	return l
}

// label is the row's label as shown: its first label that is more than a
// list number, else what its label cells hold.
func (l rowLook) label() string {
	if len(l.labels) > 0 {
		return l.labels[0]
	}
	return l.raw
}

// namesMetric reports whether a cell's text names the metric id, alone or
// joined to a period.
func (m *HeaderMatcher) namesMetric(text, id string) bool {
	if m.Metric(text) == id {
		return true
	}
	joined, _, _ := m.qualifiedMetric(text)
	return joined == id
}

// isNumbering reports whether a label is only a list number: 1, 1., 一、,
// (一), ①.
func isNumbering(s string) bool {
	t := fold(s)
	if t == "" {
		return true
	}
	if plainDigits.MatchString(t) {
		return true // 1, 12: a 序号 (2018.10 is a month, not a number)
	}
	rest := numbering.ReplaceAllString(t, "")
	if rest == "" {
		return true
	}
	for _, r := range t {
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			return false
		}
	}
	return true
}

// rows gives every row below the header its role, up to the end of the table.
func (m *HeaderMatcher) rows(v *view, t *Table, values *ValueParser) {
	countCols := 0
	for _, c := range t.Columns {
		if c.Role == ColCount || c.Role == ColCumulative || c.Role == ColOther {
			countCols++
		}
	}
	body := t.Header[len(t.Header)-1] + 1
	t.End = body - 1
	data := 0
	for r := body; r < v.rows; r++ {
		l := m.look(v, t, r, values)
		row := Row{Row: r, Label: l.label(), Parent: -1}
		if n := m.repeatsHeader(v, t, r); n > 0 {
			if data > 0 && m.afterGap(t) {
				t.trimTail()
				return // another table with the same header begins
			}
			for i := range n {
				t.Rows = append(t.Rows, Row{Row: r + i, Role: RowHeader, Parent: -1, Label: v.text(r+i, t.firstCol())})
			}
			t.End = r + n - 1
			r += n - 1
			continue
		}
		switch {
		case len(l.labels) == 0 && !l.figures && l.raw == "":
			row.Role = RowBlank
		case l.names >= 2 || (l.names >= 1 && countCols == 1):
			if data > 0 && m.afterGap(t) {
				t.trimTail()
				return // another table with the same columns begins
			}
			row.Role = RowHeader
		case len(t.Rows) > 0 && t.Rows[len(t.Rows)-1].Role == RowHeader && l.numbers == 0 && l.texts > 0 && !m.labelIsRole(l):
			row.Role = RowHeader // the lower row of a repeated header
		case data > 0 && m.headsAnother(l):
			// a row of column names that are not ours: another table begins
			t.trimTail()
			t.aside(m, v, t.End+1, values)
			return
		default:
			m.classify(&row, l)
		}
		row.indent, row.numbered = l.indent, l.number
		switch {
		case row.Role == RowData && row.Area == "" && l.indent > 0:
			if p := t.parentOf(l.indent); p >= 0 {
				row.Role, row.Parent = RowPart, p // indented under its parent
			}
		case row.Role == RowPart:
			row.Parent = t.parentOf(-1)
		}
		t.Rows = append(t.Rows, row)
		t.End = r
		if row.Role == RowData || row.Role == RowFigures {
			data++
		}
		if row.Role == RowTotal && data > 0 {
			t.endAfterTotal(m, v, r, values)
			return
		}
	}
}

// repeatsHeader reports how many rows from r repeat the table's header
// block cell for cell (a header repeated at a page break), or 0. A repeat
// may leave out the 栏次 and measure-word rows at the block's end.
func (m *HeaderMatcher) repeatsHeader(v *view, t *Table, r int) int {
	lead := 0
	if above := t.Header[0] - 1; above >= 0 && rowHasText(v, above) && sameRow(v, t, r, above) {
		lead = 1 // the group row over the header (监督检查 | 问责问效) comes along
	}
	matched := 0
	for i, hr := range t.Header {
		if r+lead+i >= v.rows || !sameRow(v, t, r+lead+i, hr) {
			break
		}
		matched++
	}
	if matched == 0 {
		return 0
	}
	r += lead
	for _, hr := range t.Header[matched:] {
		if !m.markRow(v, t, hr) {
			return 0
		}
	}
	texts := 0
	for _, c := range t.Columns {
		if v.text(r, c.Col) != "" {
			texts++
		}
	}
	if texts < 2 {
		return 0
	}
	return lead + matched
}

// sameRow reports whether rows a and b hold the same texts in the table's
// columns.
func sameRow(v *view, t *Table, a, b int) bool {
	for _, c := range t.Columns {
		if v.text(a, c.Col) != v.text(b, c.Col) {
			return false
		}
	}
	return true
}

// markRow reports whether row r of a header holds only 栏次 marks,
// numbers and measure words.
func (m *HeaderMatcher) markRow(v *view, t *Table, r int) bool {
	for _, c := range t.Columns {
		if x := v.text(r, c.Col); x != "" && !plainNumber(x) && !m.IsSerialMark(x) && !m.IsMeasure(x) {
			return false
		}
	}
	return true
}

// trimTail gives the blank rows, headings and notes at the end of the
// table back to what follows it: they are the next table's title.
func (t *Table) trimTail() {
	for n := len(t.Rows); n > 0; n-- {
		switch t.Rows[n-1].Role {
		case RowBlank, RowHeading, RowNote:
			t.Rows = t.Rows[:n-1]
			continue
		}
		break
	}
	t.End = t.Header[len(t.Header)-1]
	if n := len(t.Rows); n > 0 {
		t.End = t.Rows[n-1].Row
	}
}

// afterGap reports whether the table's last rows are a gap (a blank row,
// or a title naming a period) rather than rows of the table: a header there
// begins another table, while one right after rows or a group heading is
// repeated (a page break).
func (m *HeaderMatcher) afterGap(t *Table) bool {
	for i := len(t.Rows) - 1; i >= 0; i-- {
		switch r := t.Rows[i]; r.Role {
		case RowBlank:
			return true
		case RowHeading, RowNote:
			if m.namesPeriod(r.Label) {
				return true
			}
			continue // a group heading between two parts of one table
		}
		return false
	}
	return false
}

// headsAnother reports whether a row is another table's header: words in
// two or more figure cells, no values, and no label that gives it a role.
func (m *HeaderMatcher) headsAnother(l rowLook) bool {
	return l.texts >= 2 && l.numbers == 0 && !m.labelIsRole(l)
}

// labelIsRole reports whether a row's label gives it a role, so that words
// in its figure cells are bad values or notes rather than another table's
// header: a work area, a total, a part, or a note (编制人 | 审核 | 批准).
func (m *HeaderMatcher) labelIsRole(l rowLook) bool {
	if l.notes == l.texts || (len(l.labels) > 0 && m.IsNote(l.labels[0])) {
		return true
	}
	for _, lab := range l.labels {
		if m.Area(lab) != "" || m.IsTotal(lab) || m.IsSubtotal(lab) || m.IsPartOf(lab) {
			return true
		}
	}
	return false
}

// isHeading reports whether a label heads a group of rows: it is numbered
// (一、重点工作, （二）日常督查, 1. 专项工作) or short, as group names are.
func isHeading(lab string) bool {
	t := fold(lab)
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		return false // a remark in brackets
	}
	return numbering.MatchString(t) || utf8.RuneCountInString(t) <= 8
}

// namesPeriod reports whether a line of text names a period: another
// period (上月, 累计) or a month (2018年9月, 9月份).
func (m *HeaderMatcher) namesPeriod(lab string) bool {
	if m.otherPeriodLabel(lab) {
		return true
	}
	t := fold(lab)
	return len(Periods(t)) > 0 || aMonth.MatchString(t)
}

// aMonth finds a month in a line of text: 9月, 10月份.
var aMonth = regexp.MustCompile(`\d{1,2}月`)

// otherPeriodLabel reports whether a label names another period than the
// month (上月合计, 1-10月累计, 去年同期).
func (m *HeaderMatcher) otherPeriodLabel(lab string) bool {
	t := fold(lab)
	if containsAny(t, m.monthWords) {
		return false
	}
	if containsAny(t, m.otherWords) || containsAny(t, m.cumWords) {
		return true
	}
	q, _ := m.qualifier(lab)
	return q == qualOther || q == qualCumulative
}

// classify gives a row its role from its label.
func (m *HeaderMatcher) classify(row *Row, l rowLook) {
	var areas []string
	role, set := RowData, false
	for _, lab := range l.labels {
		t := fold(lab)
		if l.figures && !containsAny(t, m.monthWords) && m.Area(lab) == "" {
			switch {
			case containsAny(t, m.otherWords):
				row.Role = RowOther // 上月合计, 去年同期: shown, not counted
				return
			case containsAny(t, m.cumWords):
				row.Role = RowCumulative // 累计合计
				return
			}
		}
	}
	for _, lab := range l.labels {
		switch {
		case m.IsAreaColumn(lab) || m.isMetricColumn(lab):
			continue // a label column's own header word (工作类别) over its labels
		case m.IsTotal(lab):
			role, set = RowTotal, true
		case m.IsSubtotal(lab) || m.IsGroupSum(lab):
			if !set {
				role, set = RowSubtotal, true
			}
		case m.IsPartOf(lab):
			if !set {
				role, set = RowPart, true
			}
		case m.Area(lab) != "":
			areas = appendNew(areas, m.Area(lab))
		}
	}
	if set {
		row.Role = role
		return
	}
	if len(areas) == 1 {
		row.Role, row.Area = RowData, areas[0]
		return
	}
	if len(areas) > 1 {
		row.Role, row.Area = RowData, "" // two areas in one row: unaccounted
		return
	}
	for _, lab := range l.labels {
		if q, p := m.qualifier(lab); q != qualNone && l.figures {
			row.Period = p
			switch q {
			case qualMonth, qualPeriod:
				row.Role = RowFigures
			case qualCumulative:
				row.Role = RowCumulative
			default:
				row.Role = RowOther
			}
			return
		}
	}
	switch {
	case len(l.labels) > 0 && m.IsNote(l.labels[0]):
		row.Role = RowNote
	case !l.figures && isHeading(l.label()):
		row.Role = RowHeading
	case !l.figures:
		row.Role = RowNote // a line of text in the table (（以下各项为市级交办事项）): no group begins
	default:
		// figures under a label that names no configured area: a work area
		// of its own when labels are open, else unaccounted
		row.Role, row.Area = RowData, m.openArea(l.labels)
	}
}

func appendNew(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}

// parentOf finds the row a part-of row belongs to: the nearest row above
// that is a work area, a total or a subtotal; for a part marked only by its
// indent (indent ≥ 0), the nearest such row that is less indented.
func (t *Table) parentOf(indent int) int {
	for i := len(t.Rows) - 1; i >= 0; i-- {
		row := t.Rows[i]
		switch row.Role {
		case RowData, RowTotal, RowSubtotal, RowFigures:
			if indent < 0 || row.indent < indent {
				return row.Row
			}
			continue
		case RowPart, RowBlank, RowNote:
			continue
		}
		return -1
	}
	return -1
}

// endAfterTotal ends the table at its total row; parts of the total right
// below it (其中 …) still belong to it.
func (t *Table) endAfterTotal(m *HeaderMatcher, v *view, total int, values *ValueParser) {
	r := total + 1
	for ; r < v.rows; r++ {
		l := m.look(v, t, r, values)
		if len(l.labels) == 0 || !m.IsPartOf(l.labels[0]) {
			break
		}
		t.Rows = append(t.Rows, Row{Row: r, Label: l.label(), Role: RowPart, Parent: total})
		t.End = r
	}
	t.aside(m, v, r, values)
}

// aside looks at the sheet below the table from row r. Figures there are
// set aside with a warning when something closes the table: a 合计 that
// was checked, then another table's own header. A row there that names a
// work area and holds figures is otherwise an error: nothing tells whether
// it belongs to the table. Text alone (notes, signatures) is passed over.
func (t *Table) aside(m *HeaderMatcher, v *view, r int, values *ValueParser) {
	closed := t.hasRole(RowTotal)
	from, numbers, other := -1, -1, false
	for ; r < v.rows; r++ {
		l := m.look(v, t, r, values)
		if l.metrics >= 2 && l.numbers == 0 {
			break // another table of the same metrics: the sheet decides
		}
		if from < 0 && (l.raw != "" || l.figures || rowHasText(v, r)) {
			from = r
		}
		if m.headsAnother(l) {
			other = true // another table's header: what follows is that table's
			continue
		}
		if !l.figures {
			continue
		}
		if lab := l.label(); lab != "" && l.numbers > 0 && !m.IsNote(lab) && !m.otherPeriodLabel(lab) && !(closed && other) && !(other && m.Area(lab) == "") {
			what := "在合计行下面"
			if !closed {
				what = "在另一段表头下面，而本表没有合计行"
			}
			t.problem(Error, v.ref(r, t.firstCol()), l.raw, errorf(ErrRowOutside, "%s%s，看不出是否应计入", v.rowName(r), what))
			return
		}
		if numbers < 0 && l.numbers > 0 {
			numbers = r
		}
	}
	switch {
	case numbers >= 0:
		t.problem(Warning, v.ref(numbers, t.firstCol()), "", errorf(ErrTableAside, "%s起的数字不属于本表（另一张表或其他时期），未计入", v.rowName(from)))
		t.Aside = append(t.Aside, v.rowName(from)+"起另有表格，未计入")
	case from >= 0:
		t.Aside = append(t.Aside, v.rowName(from)+"起为表外文字（备注、落款等）")
	}
}

func (t *Table) hasRole(role RowRole) bool {
	for _, r := range t.Rows {
		if r.Role == role {
			return true
		}
	}
	return false
}

func rowHasText(v *view, r int) bool {
	for c := v.lo; c < v.cols; c++ {
		if v.text(r, c) != "" {
			return true
		}
	}
	return false
}

// tableProblem is a problem found while giving rows and columns their
// roles, before the sheet's place is known.
type tableProblem struct {
	sev   Severity
	cell  string
	value string
	err   error
}

func (t *Table) problem(sev Severity, cell, value string, err error) {
	t.problems = append(t.problems, tableProblem{sev, cell, value, err})
}
