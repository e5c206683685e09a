package render

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"jianbao/problem"
	"jianbao/templates"
)

// TemplateSheet is the name of the data sheet of the standard submission.
const TemplateSheet = "统计表"

// Rows of the standard submission.
const (
	tplTitleRow  = 1
	tplInfoRow   = 2
	tplHeadRow   = 3 // parent headers; single headers span this row and the next
	tplSubRow    = 4 // child headers
	tplFirstArea = 5
	// tplOpenRows is the number of blank rows, label and figures to be
	// filled in, after the configured areas when row labels are open.
	tplOpenRows = 10
)

// tplNote is the note row under the totals row.
const tplNote = "填表人：          联系电话：          说明：请填写本月数（非累计数），没有发生的填0。"

// WriteTemplate writes the standard blank submission for one unit and month
// (unit "" or year 0 leave those blank to fill by hand).
func WriteTemplate(w io.Writer, cfg *templates.Config, unit string, year, month int) error {
	if cfg == nil || len(cfg.Metrics) == 0 {
		return fmt.Errorf("%w：配置中没有指标", ErrBlankTemplate)
	}
	if year != 0 && (month < 1 || month > 12) {
		return fmt.Errorf("%w：月份%d无效", ErrBlankTemplate, month)
	}
	t, err := newTemplate(cfg, unit, year, month)
	if err != nil {
		return problemOr(ErrBlankTemplate, err)
	}
	defer t.f.Close()
	if err := t.build(); err != nil {
		return problemOr(ErrBlankTemplate, err)
	}
	if err := t.f.Write(w); err != nil {
		return problem.Wrap(ErrWrite, err)
	}
	return nil
}

// tpl is a standard submission being written; like book it keeps the first
// error and does nothing after it.
type tpl struct {
	f           *excelize.File
	cfg         *templates.Config
	unit        string
	year, month int
	cols        int // 2 + number of metrics
	totalRow    int
	widths      map[int]float64 // metric column -> width that fits its header in two lines
	st          tplStyles
	err         error
}

type tplStyles struct {
	title, info, header, text, input, total, note int
}

func newTemplate(cfg *templates.Config, unit string, year, month int) (*tpl, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", TemplateSheet); err != nil {
		_ = f.Close()
		return nil, err
	}
	t := &tpl{f: f, cfg: cfg, unit: unit, year: year, month: month, cols: 2 + len(cfg.Metrics), widths: map[int]float64{}}
	t.totalRow = tplFirstArea + len(cfg.Areas)
	if cfg.OpenAreas() {
		t.totalRow += tplOpenRows
	}
	st, err := newTplStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	t.st = st
	return t, nil
}

func newTplStyles(f *excelize.File) (tplStyles, error) {
	var s tplStyles
	unlocked := &excelize.Protection{Locked: false}
	locked := &excelize.Protection{Locked: true}
	left := &excelize.Alignment{Vertical: "center"}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 16, Bold: true}, Alignment: center(false), Protection: locked}},
		{&s.info, excelize.Style{Font: bodyFont(false), Alignment: left, Protection: unlocked}},
		{&s.header, excelize.Style{Font: bodyFont(true), Alignment: center(true), Border: borders(), Protection: locked}},
		{&s.text, excelize.Style{Font: bodyFont(false), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: borders(), Protection: locked}},
		{&s.input, excelize.Style{Font: bodyFont(false), Alignment: center(false), Border: borders(), Protection: unlocked, NumFmt: 1}},
		{&s.total, excelize.Style{Font: bodyFont(true), Alignment: center(false), Border: borders(), Protection: locked, NumFmt: 1}},
		{&s.note, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: unlocked}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, problem.Wrap(ErrBlankTemplate, err)
		}
		*d.id = id
	}
	return s, nil
}

func (t *tpl) build() error {
	t.titleRows()
	t.headerRows()
	t.areaRows()
	t.totalAndNote()
	t.validate()
	t.layout()
	if t.err != nil {
		return t.err
	}
	return t.finish()
}

// put writes a string into a cell, or a range merged from it, and styles it.
func (t *tpl) put(c1, r1, c2, r2 int, s string, style int) {
	if t.err != nil {
		return
	}
	if t.err = t.f.SetCellStr(TemplateSheet, cell(c1, r1), s); t.err != nil {
		return
	}
	if c1 != c2 || r1 != r2 {
		if t.err = t.f.MergeCell(TemplateSheet, cell(c1, r1), cell(c2, r2)); t.err != nil {
			return
		}
	}
	t.style(c1, r1, c2, r2, style)
}

func (t *tpl) style(c1, r1, c2, r2, style int) {
	if t.err == nil {
		t.err = t.f.SetCellStyle(TemplateSheet, cell(c1, r1), cell(c2, r2), style)
	}
}

// titleRows writes the title and the 填报单位 and 统计时段 cells.
func (t *tpl) titleRows() {
	t.put(1, tplTitleRow, t.cols, tplTitleRow, t.title(), t.st.title)
	unitEnd := min(4, t.cols/2)
	periodStart := max(t.cols-2, unitEnd+1)
	t.put(1, tplInfoRow, unitEnd, tplInfoRow, "填报单位："+t.unit, t.st.info)
	period := ""
	if t.year != 0 {
		period = fmt.Sprintf("%d年%d月", t.year, t.month)
	}
	t.put(periodStart, tplInfoRow, t.cols, tplInfoRow, "统计时段："+period, t.st.info)
}

// title is 青秀区2018年10月“两重两问”督查工作统计表, without the parts left blank.
func (t *tpl) title() string {
	s := t.unit
	if t.year != 0 {
		s += fmt.Sprintf("%d年%d月", t.year, t.month)
	}
	return s + cjkQuotes(t.cfg.Report.Subject) + "统计表"
}

// headerRows writes the two header rows: 序号, 工作类别, then the metrics;
// two neighbouring metrics whose names start with the same two characters
// share a parent cell (约谈 over 责任单位 and 责任人).
func (t *tpl) headerRows() {
	t.put(1, tplHeadRow, 1, tplSubRow, "序号", t.st.header)
	t.put(2, tplHeadRow, 2, tplSubRow, "工作类别", t.st.header)
	ms := t.cfg.Metrics
	for i := 0; i < len(ms); i++ {
		col := 3 + i
		if i+1 < len(ms) {
			if p := sharedPrefix(ms[i].Name, ms[i+1].Name); p != "" {
				t.put(col, tplHeadRow, col+1, tplHeadRow, p, t.st.header)
				t.leaf(col, tplSubRow, withMeasure(ms[i].Name[len(p):], ms[i].Measure))
				t.leaf(col+1, tplSubRow, withMeasure(ms[i+1].Name[len(p):], ms[i+1].Measure))
				i++
				continue
			}
		}
		t.leaf(col, tplHeadRow, withMeasure(ms[i].Name, ms[i].Measure))
	}
}

// leaf writes a metric's own header, down to the header's last row, and
// sizes its column so the header takes at most two lines.
func (t *tpl) leaf(col, row int, s string) {
	t.put(col, row, col, tplSubRow, s, t.st.header)
	t.widths[col] = max(12, textWidth(s)/2+2.5)
}

// sharedPrefix returns the first two characters of a and b when they are
// the same and both names go on after them, else "".
func sharedPrefix(a, b string) string {
	if utf8.RuneCountInString(a) <= 2 || utf8.RuneCountInString(b) <= 2 {
		return ""
	}
	n := 0
	for i := 0; i < 2; i++ {
		_, size := utf8.DecodeRuneInString(a[n:])
		n += size
	}
	if len(b) < n || a[:n] != b[:n] {
		return ""
	}
	return a[:n]
}

// withMeasure gives 派出监督检查人员（人次）.
func withMeasure(name, measure string) string {
	if measure == "" {
		return name
	}
	return name + "（" + measure + "）"
}

// areaRows writes one row per work area with blank, unlocked number cells.
func (t *tpl) areaRows() {
	for i, a := range t.cfg.Areas {
		row := tplFirstArea + i
		if t.err == nil {
			t.err = t.f.SetCellInt(TemplateSheet, cell(1, row), int64(i+1))
		}
		t.style(1, row, 1, row, t.st.header)
		t.put(2, row, 2, row, a.Name, t.st.text)
		t.style(3, row, t.cols, row, t.st.input)
	}
	for row := tplFirstArea + len(t.cfg.Areas); row < t.totalRow; row++ {
		t.style(1, row, 1, row, t.st.header)
		t.style(2, row, t.cols, row, t.st.input) // open labels: the label is filled in too
	}
}

// totalAndNote writes the 合计 row of SUM formulas and the note row.
func (t *tpl) totalAndNote() {
	label := "合计"
	if len(t.cfg.Labels.Total) > 0 {
		label = t.cfg.Labels.Total[0]
	}
	t.style(1, t.totalRow, 1, t.totalRow, t.st.total)
	t.put(2, t.totalRow, 2, t.totalRow, label, t.st.total)
	for col := 3; col <= t.cols && t.err == nil; col++ {
		f := "SUM(" + cell(col, tplFirstArea) + ":" + cell(col, t.totalRow-1) + ")"
		if t.totalRow == tplFirstArea {
			f = "0"
		}
		t.err = t.f.SetCellFormula(TemplateSheet, cell(col, t.totalRow), f)
	}
	t.style(3, t.totalRow, t.cols, t.totalRow, t.st.total)
	t.put(1, t.totalRow+1, t.cols, t.totalRow+1, tplNote, t.st.note)
}

// validate allows only whole numbers from 0 in the number cells.
func (t *tpl) validate() {
	if t.err != nil || t.totalRow == tplFirstArea {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cell(3, tplFirstArea) + ":" + cell(t.cols, t.totalRow-1))
	if t.err = dv.SetRange(0, "", excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual); t.err != nil {
		return
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", "请填写0或正整数")
	dv.SetInput("填写说明", "请填写本月数，没有发生的填0")
	t.err = t.f.AddDataValidation(TemplateSheet, dv)
}

// layout sets column widths, row heights, frozen headers and printing.
func (t *tpl) layout() {
	set := func(err error) {
		if t.err == nil {
			t.err = err
		}
	}
	set(t.f.SetColWidth(TemplateSheet, "A", "A", 6))
	set(t.f.SetColWidth(TemplateSheet, "B", "B", 22))
	for col := 3; col <= t.cols; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		set(t.f.SetColWidth(TemplateSheet, name, name, t.widths[col]))
	}
	set(t.f.SetRowHeight(TemplateSheet, tplTitleRow, 36))
	set(t.f.SetRowHeight(TemplateSheet, tplInfoRow, 24))
	set(t.f.SetRowHeight(TemplateSheet, tplHeadRow, 30))
	set(t.f.SetRowHeight(TemplateSheet, tplSubRow, 36))
	for row := tplFirstArea; row <= t.totalRow; row++ {
		set(t.f.SetRowHeight(TemplateSheet, row, 22))
	}
	set(t.f.SetRowHeight(TemplateSheet, t.totalRow+1, 36))
	set(t.f.SetPanes(TemplateSheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: tplSubRow,
		TopLeftCell: cell(3, tplFirstArea), ActivePane: "bottomRight"}))
	set(landscape(t.f, TemplateSheet))
}

// finish protects the sheet (no password: it guards against slips, not
// people) and sets fixed document properties so the bytes never vary.
func (t *tpl) finish() error {
	err := t.f.ProtectSheet(TemplateSheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
	if err != nil {
		return err
	}
	when := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if t.year != 0 {
		when = time.Date(t.year, time.Month(t.month), 1, 0, 0, 0, 0, time.UTC)
	}
	ts := when.Format(time.RFC3339)
	office := t.cfg.Report.Office
	return t.f.SetDocProps(&excelize.DocProperties{Title: t.title(), Creator: office, LastModifiedBy: office,
		Created: ts, Modified: ts, Language: "zh-CN"})
}
