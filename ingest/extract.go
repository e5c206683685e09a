package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// sheetData is what extraction finds in the data sheet.
type sheetData struct {
	areas      []AreaFigures
	counts     []int64 // the areas' counts, len(metrics) per area, in order
	total      Figures
	sources    map[string]string
	cumulative Figures // 累计 figures when the sheet has them
	cumCells   map[string]string
	end        int // last row of the data, 0-based
	findings   []Finding
}

// extractor reads figures from a sheet whose layout is known.
type extractor struct {
	m       *HeaderMatcher
	values  *ValueParser
	metrics []string // ids in configuration order
	notes   []string // folded prefixes of note rows below a table
	s       *Sheet
	l       *Layout
	out     *sheetData
	loc     func(cell, value string, err error) *CellError
}

func (x *extractor) fail(sev Severity, row, col int, value string, err error) {
	x.out.findings = append(x.out.findings, Finding{sev, x.loc(Ref(row, col), value, err)})
}

// cell parses the count at row, col. Cells covered by a merge read as empty:
// their value belongs to the merge's first cell and is counted there once.
func (x *extractor) cell(row, col int) (int64, bool) {
	c := x.s.At(row, col)
	if c.Covered {
		return 0, true
	}
	if c.Text == "" && c.Formula != "" {
		x.fail(Error, row, col, "="+c.Formula, ErrFormulaNoValue)
		return 0, false
	}
	n, err := x.values.Parse(c.Text)
	if err != nil {
		x.fail(Error, row, col, c.Text, err)
		return 0, false
	}
	return n, true
}

func (x *extractor) missingMetrics(found func(id string) bool) {
	var missing []string
	for _, id := range x.metrics {
		if !found(id) {
			missing = append(missing, x.m.name(id))
		}
	}
	if len(missing) > 0 {
		x.out.findings = append(x.out.findings, Finding{Error,
			x.loc("", "", fmt.Errorf("%w：%s", ErrMissingMetric, strings.Join(missing, "、")))})
	}
}

// table reads a table layout: one row per work area and an optional 合计 row.
func (x *extractor) table() {
	l := x.l
	x.missingMetrics(func(id string) bool { _, ok := l.Columns[id]; return ok })
	for _, id := range l.Duplicates {
		x.out.findings = append(x.out.findings, Finding{Error,
			x.loc("", "", fmt.Errorf("%w：“%s”出现在多列", ErrDuplicateColumn, x.m.name(id)))})
	}
	totalRow, first, last := -1, -1, -1
	for r := l.HeaderRows[len(l.HeaderRows)-1] + 1; r < len(x.s.Rows); r++ {
		label := x.rowLabel(r)
		if x.isNote(r) {
			break
		}
		if x.m.IsTotal(label) {
			if totalRow < 0 {
				totalRow, x.l.TotalRow = r, r
			}
			x.out.end = r
			continue
		}
		if !x.areaRow(r, label) {
			continue
		}
		if first < 0 {
			first = r
		}
		last, x.out.end = r, r
	}
	x.totals(totalRow, first, last)
	x.unmatchedColumns(first, last)
}

// unmatchedColumns warns about columns that matched no metric yet hold
// numbers in the data rows or are named like a metric, so that nothing is
// dropped silently. Columns the configuration lists as ignorable (序号, 备注
// …) and the work-area column are passed over.
func (x *extractor) unmatchedColumns(first, last int) {
	for _, c := range x.l.Ignored {
		if c.Col == x.l.LabelCol || x.m.IsIgnorable(c.Text) {
			continue
		}
		if x.m.LooksLikeMetric(c.Text) || (first >= 0 && x.columnHasNumbers(c.Col, first, last)) {
			x.out.findings = append(x.out.findings, Finding{Warning, x.loc(c.Cell, c.Text, ErrUnmatchedColumn)})
		}
	}
}

func (x *extractor) columnHasNumbers(col, first, last int) bool {
	for r := first; r <= last; r++ {
		if t := strings.TrimSpace(x.s.At(r, col).Text); t != "" {
			if n, err := x.values.Parse(t); err == nil && n > 0 {
				return true
			}
		}
	}
	return false
}

// areaRow reads row r as a work-area row; it reports false for rows that
// hold no figures (blank rows, sub-titles).
func (x *extractor) areaRow(r int, label string) bool {
	area := x.m.Area(label)
	if area == "" && !x.hasFigures(r) {
		return false
	}
	if area == "" {
		if label == "" {
			x.fail(Error, r, max(x.l.LabelCol, 0), "", ErrUnlabelledRow)
		} else {
			x.fail(Warning, r, max(x.l.LabelCol, 0), label, ErrUnknownArea)
		}
		area = label
	}
	for _, id := range x.metrics {
		var n int64
		if c, ok := x.l.Columns[id]; ok {
			n, _ = x.cell(r, c)
		}
		x.out.counts = append(x.out.counts, n)
	}
	x.out.areas = append(x.out.areas, AreaFigures{Area: area, Row: r + 1})
	return true
}

// shareCounts points each area row at its part of the counts block, once
// all rows are read (the block may have moved while it grew), and trims the
// growth slack of both.
func (x *extractor) shareCounts() {
	out, m := x.out, len(x.metrics)
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

func (x *extractor) hasFigures(r int) bool {
	for _, c := range x.l.Columns {
		cell := x.s.At(r, c)
		if !cell.Covered && (strings.TrimSpace(cell.Text) != "" || cell.Formula != "") {
			return true
		}
	}
	return false
}

// rowLabel is the work-area label of row r: the area column, or the first
// text cell outside the metric columns.
func (x *extractor) rowLabel(r int) string {
	if x.l.LabelCol >= 0 {
		return strings.TrimSpace(x.s.At(r, x.l.LabelCol).Text)
	}
	used := map[int]bool{}
	for _, c := range x.l.Columns {
		used[c] = true
	}
	for c := 0; c < x.s.Width(); c++ {
		t := strings.TrimSpace(x.s.At(r, c).Text)
		if !used[c] && t != "" {
			if _, err := x.values.Parse(t); err != nil {
				return t
			}
		}
	}
	return ""
}

// isNote reports whether row r is a note below the table (填表人, 说明 …).
func (x *extractor) isNote(r int) bool {
	for c := 0; c < x.s.Width() && c < 3; c++ {
		t := fold(x.s.At(r, c).Text)
		for _, p := range x.notes {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
	}
	return false
}

// totals sets the month figures: the sum of the area rows, checked against
// the 合计 row where it holds a value; the 合计 row alone when there are no
// area rows. A 合计 formula without a cached value is replaced by the sum.
func (x *extractor) totals(totalRow, first, last int) {
	x.shareCounts()
	out := x.out
	out.total, out.sources = make(Figures, len(x.metrics)), make(map[string]string, len(x.metrics))
	for j, id := range x.metrics {
		col, ok := x.l.Columns[id]
		if !ok {
			continue
		}
		var sum int64
		for _, a := range out.areas {
			sum += a.Counts[j]
		}
		out.total[id] = sum
		if first >= 0 {
			out.sources[id] = RangeRef(first, last, col)
		}
		if totalRow >= 0 {
			x.checkTotal(id, totalRow, col, first >= 0)
		}
	}
	if totalRow < 0 && first < 0 {
		out.findings = append(out.findings, Finding{Error, x.loc("", "", ErrNoDataRows)})
	}
}

func (x *extractor) checkTotal(id string, row, col int, haveAreas bool) {
	c := x.s.At(row, col)
	if c.Covered || (c.Text == "" && c.Formula != "" && haveAreas) {
		return // a total that was never computed: the area rows are the figures
	}
	if !haveAreas {
		n, ok := x.cell(row, col)
		if ok {
			x.out.total[id] = n
		}
		x.out.sources[id] = Ref(row, col)
		return
	}
	if strings.TrimSpace(c.Text) == "" {
		return
	}
	n, ok := x.cell(row, col)
	if !ok {
		return
	}
	if n != x.out.total[id] {
		x.fail(Error, row, col, c.Text, fmt.Errorf("%w：合计填%d，各行之和为%d", ErrTotalMismatch, n, x.out.total[id]))
		return
	}
	x.out.sources[id] = Ref(row, col)
}

// list reads a list layout: one row per metric, the month figure in the
// value column and, when present, the year-to-date figure in the 累计 column.
func (x *extractor) list() {
	l := x.l
	x.missingMetrics(func(id string) bool { _, ok := l.Rows[id]; return ok })
	x.out.total, x.out.sources = Figures{}, map[string]string{}
	if l.CumCol >= 0 {
		x.out.cumulative, x.out.cumCells = Figures{}, map[string]string{}
	}
	for _, id := range x.metrics {
		r, ok := l.Rows[id]
		if !ok {
			continue
		}
		if n, ok := x.cell(r, l.ValueCol); ok {
			x.out.total[id] = n
		}
		x.out.sources[id] = Ref(r, l.ValueCol)
		if l.CumCol >= 0 {
			if n, ok := x.cell(r, l.CumCol); ok {
				x.out.cumulative[id] = n
			}
			x.out.cumCells[id] = Ref(r, l.CumCol)
		}
		x.out.end = max(x.out.end, r)
	}
}
