package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// Taking the figures from a table, by the rule that makes reading safe:
// every number inside the table is counted (a work-area row under a month
// column), checked (a total, a subtotal, a part of the row above, a 累计),
// or stands where the table says it does not count (序号, 上月, 备注 …).
// Anything else is an error at its cell.

// sheetData is what is taken from the data sheet.
type sheetData struct {
	areas      []AreaFigures
	counts     []int64 // the areas' counts, len(metrics) per area, in order
	total      Figures
	sources    map[string]string
	cumulative Figures // 累计 figures when the sheet has them
	cumCells   map[string]string
	findings   []Finding
}

// accountant takes the figures from one table of one sheet.
type accountant struct {
	m       *HeaderMatcher
	values  *ValueParser
	metrics []string // ids in configuration order
	v       *view
	t       *Table
	out     *sheetData
	loc     func(cell, value string, err error) *CellError
	// colMetric is the metric of each column that has one, for parse.
	colMetric map[int]string
}

func (a *accountant) add(sev Severity, cell, value string, err error) {
	a.out.findings = append(a.out.findings, Finding{sev, a.loc(cell, value, err)})
}

// number parses the value at row, col of the view. Cells covered by a
// merge read as empty: their value is the merge's first cell's.
func (a *accountant) number(row, col int) (int64, bool) {
	c := a.v.at(row, col)
	if c.Covered {
		if strings.TrimSpace(c.Text) == "" {
			return 0, true
		}
		a.add(Error, a.v.ref(row, col), c.Text, errorf(ErrUnclearTable, "这个格与相邻的格合并，看不出数字属于哪一行或哪一列"))
		return 0, false
	}
	if strings.TrimSpace(c.Text) == "" && c.Formula != "" {
		a.add(Error, a.v.ref(row, col), "="+c.Formula, ErrFormulaNoValue)
		return 0, false
	}
	if c.Stale != "" {
		a.add(Error, a.v.ref(row, col), c.Text, fmt.Errorf("%w：按公式算得%s，表中保存的是%s", ErrFormulaStale, c.Stale, c.Text))
		return 0, false
	}
	if c.Date && strings.TrimSpace(c.Text) != "" {
		a.add(Error, a.v.ref(row, col), c.Text, fmt.Errorf("%w（是日期或时间）", ErrNotWholeNumber))
		return 0, false
	}
	n, err := a.parse(col, c.Text, false)
	if err != nil {
		a.add(Error, a.v.ref(row, col), c.Text, err)
		return 0, false
	}
	return n, true
}

// parse reads the text of a cell in column col by the nature of the
// column's metric (a count, or an amount with its decimals); sum allows
// the bound of a total.
func (a *accountant) parse(col int, text string, sum bool) (int64, error) {
	if a.colMetric == nil {
		a.colMetric = map[int]string{}
		for _, c := range a.t.Columns {
			if c.Metric != "" {
				a.colMetric[c.Col] = c.Metric
			}
		}
	}
	if id, ok := a.colMetric[col]; ok {
		return a.values.ParseFor(id, text, sum)
	}
	if sum {
		return a.values.ParseSum(text)
	}
	return a.values.Parse(text)
}

// sum parses a total or subtotal cell, which may be larger than any one
// count; other problems are reported as number reports them.
func (a *accountant) sum(row, col int) (int64, bool) {
	c := a.v.at(row, col)
	if !c.Covered && !c.Date && c.Stale == "" && strings.TrimSpace(c.Text) != "" {
		if n, err := a.parse(col, c.Text, true); err == nil {
			return n, true
		}
	}
	return a.number(row, col)
}

// filled reports whether the cell at row, col holds a value or a formula.
func (a *accountant) filled(row, col int) bool {
	c := a.v.at(row, col)
	return !c.Covered && (strings.TrimSpace(c.Text) != "" || c.Formula != "")
}

// run takes the figures and checks the table.
func (a *accountant) run() {
	for _, p := range a.t.problems {
		a.add(p.sev, p.cell, p.value, p.err)
	}
	cols := a.metricColumns()
	a.unaccountedColumns()
	a.rows(cols)
	a.totals(cols)
	a.cumulatives()
}

// metricColumns maps each metric to its counted column, and reports the
// metrics with none and those with more than one.
func (a *accountant) metricColumns() map[string]int {
	cols := map[string]int{}
	var missing []string
	for _, c := range a.t.Columns {
		if c.Role != ColCount {
			continue
		}
		if prev, dup := cols[c.Metric]; dup && prev != c.Col {
			a.add(Error, a.v.ref(a.t.Header[len(a.t.Header)-1], c.Col), c.Text,
				fmt.Errorf("%w：“%s”出现在%s和%s", ErrDuplicateColumn, a.m.name(c.Metric), a.v.colName(prev), a.v.colName(c.Col)))
			continue
		}
		cols[c.Metric] = c.Col
	}
	for _, id := range a.metrics {
		if _, ok := cols[id]; !ok {
			missing = append(missing, a.m.name(id))
		}
	}
	if len(missing) > 0 {
		a.add(Error, "", "", fmt.Errorf("%w：%s", ErrMissingMetric, strings.Join(missing, "、")))
	}
	return cols
}

// unaccountedColumns: a column whose header names nothing configured may
// not hold numbers in the table's rows; one that only looks like a metric
// is reported so that nothing is dropped unseen.
func (a *accountant) unaccountedColumns() {
	for _, c := range a.t.Columns {
		if c.Role != ColUnknown && c.Role != ColGroup {
			continue
		}
		if r, ok := a.numberIn(c.Col); ok {
			what := a.v.colName(c.Col) + "没有列名"
			if c.Text != "" {
				what = a.v.colName(c.Col) + "的列名“" + c.Text + "”不是配置中的指标，也不是序号、备注等说明列"
			}
			a.add(Error, a.v.ref(r, c.Col), a.v.text(r, c.Col), fmt.Errorf("%w：%s", ErrUnaccounted, what))
			continue
		}
		if c.Text != "" && !a.m.IsIgnorable(c.Text) && a.m.LooksLikeMetric(c.Text) {
			a.add(Warning, a.v.ref(a.t.Header[len(a.t.Header)-1], c.Col), c.Text, ErrUnmatchedColumn)
		}
	}
}

// numberIn finds a row of the table holding a value in column c.
func (a *accountant) numberIn(c int) (int, bool) {
	for _, r := range a.t.Rows {
		switch r.Role {
		case RowBlank, RowHeader, RowNote, RowHeading:
			continue
		}
		t := a.v.text(r.Row, c)
		if t == "" {
			continue
		}
		if _, err := a.parse(c, t, false); err == nil || plainNumber(t) || a.m.valueLike(t) {
			return r.Row, true
		}
	}
	return 0, false
}

// rows reads every data row and checks that rows which do not count hold
// no figures where figures would be counted.
func (a *accountant) rows(cols map[string]int) {
	labels := a.t.labelColumns()
	unlabelled := 0
	for _, r := range a.t.Rows {
		if r.Role == RowData && r.Area == "" && r.Label == "" {
			unlabelled++
		}
	}
	a.repeatsAfterHeader()
	a.shiftedRows()
	a.hiddenFigures()
	a.indentedAreas()
	a.continueParts()
	for i := range a.t.Rows {
		r := &a.t.Rows[i]
		switch r.Role {
		case RowData:
			if r.Area == "" && r.Label == "" && len(labels) == 0 && unlabelled == 1 && a.onlyRowWithFigures(r.Row) {
				r.Role = RowFigures // a list without labels: its one row of values
				continue
			}
			a.dataRow(r, cols, labels)
		case RowNote:
			a.noFigures(r, cols)
		}
	}
}

// continueParts reads a row that names nothing, right below a part-of row,
// as one more part of the same row (其中：信访件督办, then 领导批示件) — but
// only in a table with a total, which then checks that it was not a row to
// count, or where every work area is numbered and this row is not.
func (a *accountant) continueParts() {
	checked, numbered := a.totalHasValues(), true
	for _, r := range a.t.Rows {
		if r.Role == RowData && r.Area != "" && !r.numbered {
			numbered = false
		}
	}
	for i := 1; i < len(a.t.Rows); i++ {
		r, prev := &a.t.Rows[i], a.t.Rows[i-1]
		if r.Role == RowData && r.Area == "" && r.Label != "" && prev.Role == RowPart && prev.Parent >= 0 && (checked || numbered && !r.numbered) {
			r.Role, r.Parent = RowPart, prev.Parent
		}
	}
}

// totalHasValues reports whether the table has a total row with a value
// in a counted column, which can check the rows above it.
func (a *accountant) totalHasValues() bool {
	for _, r := range a.t.Rows {
		if r.Role != RowTotal {
			continue
		}
		for _, c := range a.t.Columns {
			if c.Role == ColCount && a.v.text(r.Row, c.Col) != "" {
				return true
			}
		}
	}
	return false
}

// repeatsAfterHeader reports a work area that comes again after a row that
// may begin another block of the table — a repeated header, or a row naming
// another period (上月情况, 注：以下为9月数据): it may be a second copy of
// the table, or another period's.
func (a *accountant) repeatsAfterHeader() {
	seen := map[string]bool{}
	split := -1
	for _, r := range a.t.Rows {
		switch {
		case r.Role == RowHeader || r.Role == RowOther || r.Role == RowCumulative || ((r.Role == RowNote || r.Role == RowHeading) && a.m.namesPeriod(r.Label)):
			split = r.Row
		case r.Role == RowData && r.Area != "":
			if split >= 0 && seen[r.Area] {
				a.add(Error, a.v.ref(r.Row, a.t.firstCol()), r.Label, errorf(ErrUnclearTable, "%s之后又有“%s”，看不出是同一张表的续表还是另一张表", a.v.rowName(split), r.Label))
				return
			}
			seen[r.Area] = true
		}
	}
}

// shiftedRows reports a row of a CSV table with more fields than the
// file's rows have: a number typed as 1,234 without quotes split in two,
// and the fields after it moved one column.
func (a *accountant) shiftedRows() {
	if len(a.v.s.Ragged) == 0 {
		return
	}
	for _, r := range a.t.Rows {
		sheetRow := r.Row
		if a.v.across {
			continue
		}
		if a.v.s.Ragged[sheetRow] && r.Role != RowBlank && r.Role != RowNote {
			a.add(Error, a.v.ref(r.Row, a.t.firstCol()), r.Label, errorf(ErrUnclearTable, "%s比其他行多出格子，可能有没加引号的千分位数字（如1,234），后面各列已错位；请给这个数字加上引号或去掉逗号", a.v.rowName(r.Row)))
			return
		}
	}
	if a.v.across {
		for _, c := range a.t.Columns {
			if a.v.s.Ragged[c.Col] {
				a.add(Error, a.v.ref(a.t.Header[0], c.Col), c.Text, errorf(ErrUnclearTable, "%s比其他行多出格子，可能有没加引号的千分位数字（如1,234），后面各列已错位；请给这个数字加上引号或去掉逗号", a.v.colName(c.Col)))
				return
			}
		}
	}
}

// hiddenFigures reports a hidden row of the table that holds figures: it
// would be counted unseen by whoever checks the sheet.
func (a *accountant) hiddenFigures() {
	for _, r := range a.t.Rows {
		if !a.v.hiddenRow(r.Row) {
			continue
		}
		switch r.Role {
		case RowOther, RowCumulative, RowBlank, RowHeader, RowHeading, RowNote:
			continue // shown, or nothing to count
		}
		for _, c := range a.t.Columns {
			if (c.Role == ColCount || c.Role == ColUnknown) && a.isValue(r.Row, c.Col) {
				a.add(Error, a.v.ref(r.Row, c.Col), a.v.text(r.Row, c.Col), errorf(ErrUnclearTable, "%s是隐藏的，却填有数字", a.v.rowName(r.Row)))
				return
			}
		}
	}
}

// indentedAreas reports a work-area row indented under another when no
// total checks the table: it may be a part of the row above.
func (a *accountant) indentedAreas() {
	if a.totalHasValues() {
		return
	}
	prev := -1
	for _, r := range a.t.Rows {
		if r.Role != RowData || r.Area == "" {
			continue
		}
		if prev >= 0 && r.indent > prev {
			a.add(Error, a.v.ref(r.Row, a.t.firstCol()), r.Label, errorf(ErrUnclearTable, "%s比上一行缩进，看不出是独立的工作类别还是上一行的其中项；请写明“其中”或取消缩进", a.v.rowName(r.Row)))
			return
		}
		prev = r.indent
	}
}

// onlyRowWithFigures reports whether no other row of the table holds
// anything but blanks, notes and headers.
func (a *accountant) onlyRowWithFigures(row int) bool {
	for _, r := range a.t.Rows {
		switch r.Role {
		case RowBlank, RowHeader, RowNote, RowHeading:
			continue
		}
		if r.Row != row {
			return false
		}
	}
	return true
}

func (a *accountant) labelRef(row int, labels []int) string {
	if len(labels) > 0 {
		return a.v.ref(row, labels[len(labels)-1])
	}
	return a.v.ref(row, a.t.firstCol())
}

// dataRow reads a work-area row; one whose label names no work area holds
// figures nobody can place.
func (a *accountant) dataRow(r *Row, cols map[string]int, labels []int) {
	if r.Area == "" {
		if r.Label == "" {
			a.add(Error, a.labelRef(r.Row, labels), "", fmt.Errorf("%w：%s有数字，但看不出这一行是工作类别、合计还是小计", ErrUnlabelledRow, a.v.rowName(r.Row)))
		} else {
			a.add(Error, a.labelRef(r.Row, labels), r.Label, fmt.Errorf("%w：%s有数字，但看不出是哪个工作类别，也不是合计、小计或其中项", ErrUnknownArea, a.v.rowName(r.Row)))
		}
		return
	}
	for _, id := range a.metrics {
		var n int64
		if c, ok := cols[id]; ok {
			n, _ = a.number(r.Row, c)
		}
		a.out.counts = append(a.out.counts, n)
	}
	a.out.areas = append(a.out.areas, AreaFigures{Area: r.Area, Row: r.Row + 1})
}

// isValue reports whether the cell holds a number, good or bad (12, 12.5,
// ４２人次), rather than words.
func (a *accountant) isValue(row, col int) bool {
	t := a.v.text(row, col)
	if t == "" {
		return a.v.at(row, col).Formula != ""
	}
	_, err := a.parse(col, t, false)
	return err == nil || plainNumber(t) || a.m.valueLike(t)
}

// noFigures reports a figure in a row that does not count.
func (a *accountant) noFigures(r *Row, cols map[string]int) {
	for _, id := range a.metrics {
		c, ok := cols[id]
		if ok && a.isValue(r.Row, c) {
			a.add(Error, a.v.ref(r.Row, c), a.v.text(r.Row, c), fmt.Errorf("%w：%s是说明文字（“%s”），却填有数字", ErrUnaccounted, a.v.rowName(r.Row), r.Label))
			return
		}
	}
}

// shareCounts points each area row at its part of the counts block, once
// all rows are read, and trims the growth slack of both.
func (a *accountant) shareCounts() {
	out, m := a.out, len(a.metrics)
	block := slices.Clip(out.counts)
	if cap(out.counts) > len(out.counts) {
		block = slices.Clone(block)
	}
	if cap(out.areas) > len(out.areas) {
		out.areas = slices.Clone(out.areas)
	}
	for i := range out.areas {
		out.areas[i].Counts = block[i*m : (i+1)*m : (i+1)*m]
	}
	out.counts = nil
}

// totals sets the month's figures: the sum of the work-area rows, checked
// against every total, subtotal and part; or, in a table without work
// areas, its row of figures or its total row.
func (a *accountant) totals(cols map[string]int) {
	a.shareCounts()
	out := a.out
	out.total, out.sources = make(Figures, len(a.metrics)), make(map[string]string, len(a.metrics))
	first, last := -1, -1
	for _, r := range a.t.Rows {
		if r.Role == RowData && r.Area != "" {
			if first < 0 {
				first = r.Row
			}
			last = r.Row
		}
	}
	for j, id := range a.metrics {
		if _, ok := cols[id]; !ok {
			continue
		}
		var sum int64
		for _, ar := range out.areas {
			sum += ar.Counts[j]
		}
		out.total[id] = sum
		if first >= 0 {
			out.sources[id] = a.v.rangeRef(first, last, cols[id])
		}
	}
	figures := a.figuresRows()
	switch {
	case len(figures) > 0 && first >= 0:
		a.add(Error, a.v.ref(figures[0].Row, a.t.firstCol()), figures[0].Label, fmt.Errorf("%w：%s既有工作类别行，又有“%s”行", ErrUnclearTable, a.v.rowName(figures[0].Row), figures[0].Label))
	case len(figures) > 1:
		a.add(Error, a.v.ref(figures[1].Row, a.t.firstCol()), figures[1].Label, fmt.Errorf("%w：%s和%s都像本月数", ErrUnclearTable, a.v.rowName(figures[0].Row), a.v.rowName(figures[1].Row)))
	case len(figures) == 1:
		a.takeRow(figures[0].Row, cols)
	case first < 0:
		if total := a.firstRole(RowTotal); total >= 0 {
			a.takeRow(total, cols)
		} else {
			a.add(Error, "", "", ErrNoDataRows)
		}
	}
	a.checkSums(cols, first >= 0)
}

// figuresRows lists the rows of figures for the month.
func (a *accountant) figuresRows() []Row {
	var out []Row
	for _, r := range a.t.Rows {
		if r.Role == RowFigures {
			out = append(out, r)
		}
	}
	return out
}

func (a *accountant) firstRole(role RowRole) int {
	for _, r := range a.t.Rows {
		if r.Role == role {
			return r.Row
		}
	}
	return -1
}

// takeRow takes the month's figures from one row.
func (a *accountant) takeRow(row int, cols map[string]int) {
	for id, c := range cols {
		if n, ok := a.number(row, c); ok {
			a.out.total[id] = n
		}
		a.out.sources[id] = a.v.ref(row, c)
	}
}

// checkSums checks every total, subtotal and part in every counted and
// 累计 column.
func (a *accountant) checkSums(cols map[string]int, haveAreas bool) {
	for _, c := range a.t.Columns {
		if c.Role != ColCount && c.Role != ColCumulative {
			continue
		}
		if c.Role == ColCount && cols[c.Metric] != c.Col {
			continue // a second column of the same metric, already reported
		}
		a.checkColumn(c, haveAreas)
	}
}

// checkColumn checks one column: totals equal the sum of the work-area
// rows, subtotals the sum of their group, and a part is at most its parent.
// The counted cells of work-area rows were read (and reported) already.
func (a *accountant) checkColumn(c Column, haveAreas bool) {
	values := map[int]int64{}
	read := func(r Row) (int64, bool) {
		if v, ok := values[r.Row]; ok {
			return v, true
		}
		if !a.filled(r.Row, c.Col) {
			return 0, false
		}
		var n int64
		var ok bool
		switch {
		case c.Role == ColCount && r.Role == RowData:
			n, ok = a.quiet(r.Row, c.Col)
		case r.Role == RowTotal || r.Role == RowSubtotal:
			n, ok = a.sum(r.Row, c.Col)
		default:
			n, ok = a.number(r.Row, c.Col)
		}
		if ok {
			values[r.Row] = n
		}
		return n, ok
	}
	rows := map[int]Row{}
	var all int64
	for _, r := range a.t.Rows {
		rows[r.Row] = r
		if r.Role == RowData && r.Area != "" {
			n, _ := read(r)
			all += n
		}
	}
	var group int64
	open, totalSeen := false, false
	for _, r := range a.t.Rows {
		switch r.Role {
		case RowData:
			if r.Area != "" {
				n, _ := read(r)
				group += n
				open = true
			}
		case RowHeading:
			group, open = 0, false
		case RowSubtotal:
			if !open {
				a.subtotalBelow(r, c, read)
			} else if n, ok := read(r); ok && n != group {
				a.mismatch(r.Row, c, n, group, "小计", "本组各行之和")
			}
			group, open = 0, false
		case RowTotal:
			if !haveAreas {
				continue
			}
			if cell := a.v.at(r.Row, c.Col); cell.Formula != "" && strings.TrimSpace(cell.Text) == "" {
				continue // a total never computed: the work-area rows are the figures
			}
			n, ok := read(r)
			switch {
			case ok && n != all:
				a.mismatch(r.Row, c, n, all, "合计", "各行之和")
			case ok && c.Role == ColCount && !totalSeen:
				a.out.sources[c.Metric] = a.v.ref(r.Row, c.Col) // the checked total names the figure
			}
			totalSeen = true
		case RowPart:
			if r.Parent < 0 {
				if c.Col == a.firstMetricCol() {
					a.add(Error, a.v.ref(r.Row, a.t.firstCol()), r.Label, fmt.Errorf("%w：%s是其中项，但上面没有它所属的行", ErrUnclearTable, a.v.rowName(r.Row)))
				}
				continue
			}
			n, ok := read(r)
			p, pok := read(rows[r.Parent])
			if !a.filled(r.Parent, c.Col) {
				p, pok = 0, true // a blank parent is zero: no part of it can be more
			}
			if ok && pok && n > p {
				a.add(Error, a.v.ref(r.Row, c.Col), a.v.text(r.Row, c.Col), fmt.Errorf("%w：其中项%s大于所属%s的%s", ErrPartExceeds, a.values.Text(c.Metric, n), a.v.rowName(r.Parent), a.values.Text(c.Metric, p)))
			}
		}
	}
}

// firstMetricCol is the first counted column, where a problem of a whole
// row is reported once.
func (a *accountant) firstMetricCol() int {
	for _, c := range a.t.Columns {
		if c.Role == ColCount || c.Role == ColCumulative {
			return c.Col
		}
	}
	return -1
}

// quiet parses a cell whose problems were reported already.
func (a *accountant) quiet(row, col int) (int64, bool) {
	c := a.v.at(row, col)
	if c.Covered {
		return 0, true
	}
	if c.Date {
		return 0, false
	}
	n, err := a.parse(col, c.Text, false)
	return n, err == nil && (strings.TrimSpace(c.Text) != "" || c.Formula == "")
}

// subtotalBelow checks a subtotal that opens its group: the work-area rows
// after it up to the next heading, subtotal or total.
func (a *accountant) subtotalBelow(sub Row, c Column, read func(Row) (int64, bool)) {
	var sum int64
	started := false
	for _, r := range a.t.Rows {
		if r.Row <= sub.Row {
			continue
		}
		if r.Role == RowHeading || r.Role == RowSubtotal || r.Role == RowTotal {
			break
		}
		if r.Role == RowData && r.Area != "" {
			n, _ := read(r)
			sum += n
			started = true
		}
	}
	if n, ok := read(sub); ok && started && n != sum {
		a.mismatch(sub.Row, c, n, sum, "小计", "本组各行之和")
	}
}

func (a *accountant) mismatch(row int, c Column, got, want int64, what, of string) {
	a.add(Error, a.v.ref(row, c.Col), a.v.text(row, c.Col), fmt.Errorf("%w：%s填%s，%s为%s", ErrTotalMismatch, what, a.values.Text(c.Metric, got), of, a.values.Text(c.Metric, want)))
}

// cumulatives reads the 累计 figures: a 累计 column (its total row, or
// the sum of its work-area rows), or a 累计 row of a list.
func (a *accountant) cumulatives() {
	cum, cells := Figures{}, map[string]string{}
	for _, c := range a.t.Columns {
		if c.Role != ColCumulative {
			continue
		}
		if _, dup := cells[c.Metric]; dup {
			continue
		}
		if total := a.firstRole(RowTotal); total >= 0 && a.filled(total, c.Col) {
			if n, ok := a.quiet(total, c.Col); ok {
				cum[c.Metric], cells[c.Metric] = n, a.v.ref(total, c.Col)
			}
			continue
		}
		var sum int64
		first, last := -1, -1
		for _, r := range a.t.Rows {
			if (r.Role == RowData && r.Area != "") || r.Role == RowFigures {
				n, _ := a.quiet(r.Row, c.Col)
				sum += n
				if first < 0 {
					first = r.Row
				}
				last = r.Row
			}
		}
		if first >= 0 {
			cum[c.Metric], cells[c.Metric] = sum, a.v.rangeRef(first, last, c.Col)
		}
	}
	if row := a.firstRole(RowCumulative); row >= 0 {
		for _, c := range a.t.Columns {
			if c.Role != ColCount {
				continue
			}
			if _, dup := cells[c.Metric]; dup {
				continue
			}
			if n, ok := a.number(row, c.Col); ok {
				cum[c.Metric], cells[c.Metric] = n, a.v.ref(row, c.Col)
			}
		}
	}
	if len(cells) > 0 {
		a.out.cumulative, a.out.cumCells = cum, cells
	}
}

// figureArea names the cells the figures are read from, the rows of work
// areas by the counted columns (C5:J12), or "" when there are none.
func (a *accountant) figureArea() string {
	r1, r2, c1, c2 := -1, -1, -1, -1
	for _, r := range a.t.Rows {
		if r.Role == RowData || r.Role == RowFigures {
			r1, r2 = minSet(r1, r.Row), max(r2, r.Row)
		}
	}
	for _, c := range a.t.Columns {
		if c.Role == ColCount {
			c1, c2 = minSet(c1, c.Col), max(c2, c.Col)
		}
	}
	if r1 < 0 || c1 < 0 {
		return ""
	}
	if r1 == r2 && c1 == c2 {
		return a.v.ref(r1, c1)
	}
	return a.v.ref(r1, c1) + ":" + a.v.ref(r2, c2)
}

// minSet is the smaller of a and b, or b when a is -1 (not yet set).
func minSet(a, b int) int {
	if a < 0 {
		return b
	}
	return min(a, b)
}

// allBlank reports whether every figure cell of the sheet was left empty:
// nothing typed in a work-area or figures row, and no number typed (rather
// than computed by a formula) in a total, subtotal or part row. A zero mark
// (—, 无) is something typed.
func (a *accountant) allBlank() bool {
	for _, r := range a.t.Rows {
		typedOnly := false
		switch r.Role {
		case RowData, RowFigures:
		case RowTotal, RowSubtotal, RowPart:
			typedOnly = true
		default:
			continue
		}
		for _, c := range a.t.Columns {
			if c.Role != ColCount || !a.filled(r.Row, c.Col) {
				continue
			}
			if !typedOnly || a.v.at(r.Row, c.Col).Formula == "" {
				return false
			}
		}
	}
	return true
}
