package ingest

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// found is a unit or period and where it was read.
type found[T comparable] struct {
	value T
	where string // e.g. 「统计表」A2, or 文件名
	cell  string // the cell it was read from, e.g. A2; "" when not from a cell of the sheet
}

// identify sets the submission's unit and period from the sheet (labelled
// cells such as 填报单位：…, then the title rows) and from the file's path,
// and reports when they are missing or disagree.
func (r *Reader) identify(sub *Submission, s *Sheet, top int, header found[Period]) {
	var sheetUnit found[string]
	var sheetPeriod found[Period]
	if s != nil {
		sheetUnit, sheetPeriod = r.fromSheet(s, top)
	}
	if sheetPeriod.value.IsZero() {
		sheetPeriod = header
	}
	fileUnit, filePeriod := r.fromPath(sub.File)
	unit, uerr := pick(sheetUnit, fileUnit, ErrUnitMismatch, func(u string) string { return u })
	period, perr := pick(sheetPeriod, filePeriod, ErrPeriodMismatch, Period.Chinese)
	sub.Unit, sub.UnitFrom = unit.value, unit.where
	sub.Period, sub.PeriodFrom = period.value, period.where
	// loc places a finding on the cell that causes it, or on the whole
	// sheet when no cell does.
	loc := func(cell string, err error) *CellError {
		e := &CellError{File: sub.File, Err: err}
		if s != nil {
			e.Sheet, e.Index, e.Cell = s.Name, s.Index, cell
		}
		return e
	}
	if !r.Period.IsZero() && sub.Period.IsZero() && perr == nil {
		sub.Period, sub.PeriodFrom = r.Period, "指定月份"
	}
	if uerr != nil {
		sub.fail(loc(sheetUnit.cell, uerr))
	}
	if perr != nil {
		sub.fail(loc(sheetPeriod.cell, perr))
	}
	if s == nil {
		return // the file could not be read: its unit and period are not the problem
	}
	if sub.Unit == "" && uerr == nil {
		sub.fail(loc(r.labelCell(s, top, r.cfg.Labels.UnitLabel), ErrUnknownUnit))
	}
	if sub.Period.IsZero() && perr == nil {
		sub.fail(loc(r.labelCell(s, top, r.cfg.Labels.PeriodLabel), ErrUnknownPeriod))
	}
	if !sub.Period.IsZero() && perr == nil {
		if cell, where, said := r.otherMonthStated(s, top, sub.Period); where != "" {
			sub.fail(loc(cell, fmt.Errorf("%w：%s写的是“%s”，报送月份是%s", ErrPeriodMismatch, where, said, sub.Period.Chinese())))
		}
	}
	if !r.Period.IsZero() && !sub.Period.IsZero() && sub.Period != r.Period {
		sub.fail(loc(period.cell, fmt.Errorf("%w：表中为%s，要求%s", ErrWrongPeriod, sub.Period.Chinese(), r.Period.Chinese())))
	}
}

// labelCell is the cell above the table labelled with the first of labels
// that labels one (填报单位：, left empty or naming no unit), where the
// clerk is to write it; "" when there is none.
func (r *Reader) labelCell(s *Sheet, top int, labels []string) string {
	rows := identityRows(s, top)
	for _, lab := range labels {
		if got := r.labelled(s, rows, []string{lab}); len(got) > 0 {
			return got[0].cell
		}
	}
	return ""
}

// unitBelow reads the unit written in a labelled cell below the table
// (填报单位：… in the footer): it names the unit when nothing else does,
// and is an error when it names another.
func (r *Reader) unitBelow(sub *Submission, s *Sheet, from int) {
	var rows []int
	for i := max(from, 0); i < len(s.Rows); i++ {
		rows = append(rows, i)
	}
	for _, lab := range r.labelled(s, rows, r.cfg.Labels.UnitLabel) {
		u := r.units.Unit(lab.value)
		switch {
		case u == "":
		case sub.Unit == "":
			sub.Unit, sub.UnitFrom = u, lab.where
			sub.Findings = slices.DeleteFunc(sub.Findings, func(f Finding) bool { return f.Code() == ErrUnknownUnit.Code })
		case u != sub.Unit:
			sub.fail(&CellError{File: sub.File, Sheet: s.Name, Index: s.Index, Cell: lab.cell,
				Err: fmt.Errorf("%w：%s写的是“%s”，%s是“%s”", ErrUnitMismatch, lab.where, u, orDash(sub.UnitFrom), sub.Unit)})
		}
		return
	}
}

// pick prefers what the sheet says, and reports a disagreement with the
// file name as an error naming both.
func pick[T comparable](sheet, file found[T], mismatch *Problem, show func(T) string) (found[T], error) {
	var zero T
	switch {
	case sheet.value == zero:
		return file, nil
	case file.value == zero || file.value == sheet.value:
		return sheet, nil
	}
	return found[T]{}, fmt.Errorf("%w：%s写的是“%s”，文件名是“%s”", mismatch, sheet.where, show(sheet.value), show(file.value))
}

// fromSheet reads the unit and the period from the rows above the table and
// the notes below it: first labelled cells, then any text.
func (r *Reader) fromSheet(s *Sheet, top int) (found[string], found[Period]) {
	var unit found[string]
	var period found[Period]
	rows := identityRows(s, top)
	for _, lab := range r.labelled(s, rows, r.cfg.Labels.UnitLabel) {
		if u := r.units.Unit(lab.value); u != "" && unit.value == "" {
			unit = found[string]{u, lab.where, lab.cell}
		}
	}
	for _, lab := range r.labelled(s, rows, r.cfg.Labels.PeriodLabel) {
		if p, ok := periodOfLabel(lab.value); ok && period.value.IsZero() {
			period = found[Period]{p, lab.where, lab.cell}
		}
	}
	if unit.value == "" || period.value.IsZero() {
		text, where := titleText(s, top)
		if u := r.units.Unit(text); u != "" && unit.value == "" {
			unit = found[string]{u, where, titleCell(s, top, func(t string) bool { return r.units.Unit(t) == u })}
		}
		if p, ok := PeriodIn(text); ok && period.value.IsZero() {
			period = found[Period]{p, where, titleCell(s, top, func(t string) bool { q, ok := PeriodIn(t); return ok && q == p })}
		}
	}
	return unit, period
}

// titleCell is the cell of the title rows that says on its own what the
// joined title text says (by says), or the first of them when none does.
func titleCell(s *Sheet, top int, says func(string) bool) string {
	first := ""
	for _, i := range identityRows(s, top) {
		for j, c := range s.Rows[i] {
			if c.Covered || c.Text == "" || !titleLike(c.Text) {
				continue
			}
			if says(c.Text) {
				return Ref(i, j)
			}
			if first == "" {
				first = Ref(i, j)
			}
		}
	}
	return first
}

// identityRows are the rows above the table, whose first row is top.
func identityRows(s *Sheet, top int) []int {
	var rows []int
	for i := 0; i < top && i < len(s.Rows); i++ {
		rows = append(rows, i)
	}
	return rows
}

// titleText joins the text of the rows above the table, skipping labelled
// cells that are not about the unit or the period (填表人 …).
func titleText(s *Sheet, top int) (string, string) {
	var b strings.Builder
	for _, i := range identityRows(s, top) {
		for _, c := range s.Rows[i] {
			if !c.Covered && c.Text != "" && titleLike(c.Text) {
				b.WriteString(c.Text)
				b.WriteByte(' ')
			}
		}
	}
	return b.String(), sheetLabel(s) + "标题"
}

// titleLike reports whether a cell above a table may be its title: not a
// numbered line of instructions (1. 本表由各县（区）…报市“两重两问”办),
// and short, as titles are.
func titleLike(text string) bool {
	t := fold(text)
	return utf8.RuneCountInString(t) <= maxTitleRunes && !numbering.MatchString(t)
}

// maxTitleRunes is the longest text taken for a title.
const maxTitleRunes = 48

// labelled finds cells that start with one of labels (填报单位：青秀区) and
// returns the text after the label, or the next cell's text when the label
// stands alone.
func (r *Reader) labelled(s *Sheet, rows []int, labels []string) []found[string] {
	var out []found[string]
	for _, i := range rows {
		for j, c := range s.Rows[i] {
			if c.Covered {
				continue
			}
			t := fold(c.Text)
			for _, lab := range labels {
				rest, ok := strings.CutPrefix(t, fold(lab))
				if !ok {
					continue
				}
				rest = strings.TrimLeft(rest, ":：")
				cell := Ref(i, j)
				if rest == "" {
					if k := nextText(s.Rows[i], j); k >= 0 {
						rest, cell = s.Rows[i][k].Text, Ref(i, k)
					}
				}
				out = append(out, found[string]{rest, sheetLabel(s) + Ref(i, j), cell})
				break
			}
		}
	}
	return out
}

// nextText is the column of the first cell after j in row that has text,
// or -1.
func nextText(row []Cell, j int) int {
	for k := j + 1; k < len(row); k++ {
		if !row[k].Covered && strings.TrimSpace(row[k].Text) != "" {
			return k
		}
	}
	return -1
}

// periodOfLabel reads a labelled period cell: written text, or an Excel date
// serial number (the cell holds a date; its month is the period).
func periodOfLabel(v string) (Period, bool) {
	if p, ok := PeriodIn(v); ok {
		return p, true
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f > 20000 && f < 80000 {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return Period{t.Year(), int(t.Month())}, true
		}
	}
	return Period{}, false
}

// fromPath reads the unit and the period from the file name, then from the
// folders above it, nearest first.
func (r *Reader) fromPath(name string) (found[string], found[Period]) {
	var unit found[string]
	var period found[Period]
	if archive, inner, ok := splitMember(name); ok {
		name = strings.TrimSuffix(archive, path.Ext(archive)) + "/" + inner // the archive stands as a folder
	}
	p := strings.TrimSuffix(name, path.Ext(name))
	for p != "" && p != "." && p != "/" {
		base := path.Base(p)
		if u := r.units.Unit(base); u != "" && unit.value == "" {
			unit = found[string]{value: u, where: "文件名“" + base + "”"}
		}
		if q, ok := PeriodIn(base); ok && period.value.IsZero() {
			period = found[Period]{value: q, where: "文件名“" + base + "”"}
		}
		p = path.Dir(p)
	}
	return unit, period
}

// sheetLabel names a sheet in messages: 「统计表」, or nothing for a CSV file.
func sheetLabel(s *Sheet) string {
	if s.Name == "" {
		return ""
	}
	return "「" + s.Name + "」"
}
