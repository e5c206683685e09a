package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
	"jianbao/ingest"
)

// XLSX writes briefing.xlsx: the citywide summary, the figures by unit, the
// sheets the figures came from and the validation findings. Cells hold
// values, never formulas, and every text that came from a submission is
// written as a string.
type XLSX struct{}

// Name returns "briefing.xlsx".
func (XLSX) Name() string { return "briefing.xlsx" }

// Sheet names of briefing.xlsx.
const (
	sheetSummary  = "汇总"
	sheetByUnit   = "分单位"
	sheetSources  = "数据来源"
	sheetFindings = "校验问题"
)

// Fonts found on Chinese Windows.
const (
	fontBody  = "宋体"
	fontTitle = "微软雅黑"
)

// Render writes the workbook of r to w.
func (XLSX) Render(w io.Writer, r *aggregate.Report) error {
	b, err := newBook(r)
	if err != nil {
		return fmt.Errorf("briefing.xlsx：%w", err)
	}
	defer b.f.Close()
	b.summarySheet()
	b.unitSheet()
	b.sourceSheet()
	b.findingSheet()
	if b.err != nil {
		return fmt.Errorf("briefing.xlsx：%w", b.err)
	}
	if err := b.finish(); err != nil {
		return fmt.Errorf("briefing.xlsx：%w", err)
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("briefing.xlsx：%w", err)
	}
	return nil
}

// book is a workbook being written. Its helpers keep the first error and
// do nothing after it, so that the sheet builders read as layouts.
type book struct {
	f      *excelize.File
	r      *aggregate.Report
	st     styles
	widths map[string][]float64
	err    error
}

// styles are the cell style ids of briefing.xlsx.
type styles struct {
	title, note, section, header          int
	text, count, rate                     int
	totalText, totalCount, totalRate, dim int
}

func newBook(r *aggregate.Report) (*book, error) {
	if r == nil || r.Config == nil {
		return nil, fmt.Errorf("报告或配置为空")
	}
	f := excelize.NewFile()
	b := &book{f: f, r: r, widths: map[string][]float64{}}
	if err := f.SetSheetName("Sheet1", sheetSummary); err != nil {
		_ = f.Close()
		return nil, err
	}
	for _, s := range []string{sheetByUnit, sheetSources, sheetFindings} {
		if _, err := f.NewSheet(s); err != nil {
			_ = f.Close()
			return nil, err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	b.st = st
	return b, nil
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	pct := "0.0%"
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 16, Bold: true}, Alignment: center(true)}},
		{&s.note, excelize.Style{Font: bodyFont(false), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.section, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 12, Bold: true}}},
		{&s.header, excelize.Style{Font: bodyFont(true), Alignment: center(true), Border: borders(),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}}},
		{&s.text, excelize.Style{Font: bodyFont(false), Border: borders(), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.count, excelize.Style{Font: bodyFont(false), Border: borders(), NumFmt: 3}},
		{&s.rate, excelize.Style{Font: bodyFont(false), Border: borders(), CustomNumFmt: &pct}},
		{&s.totalText, excelize.Style{Font: bodyFont(true), Border: borders(), Alignment: center(false)}},
		{&s.totalCount, excelize.Style{Font: bodyFont(true), Border: borders(), NumFmt: 3}},
		{&s.totalRate, excelize.Style{Font: bodyFont(true), Border: borders(), CustomNumFmt: &pct}},
		{&s.dim, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 11, Color: "808080"}, Border: borders(), Alignment: center(false)}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, fmt.Errorf("样式：%w", err)
		}
		*d.id = id
	}
	return s, nil
}

func bodyFont(bold bool) *excelize.Font {
	return &excelize.Font{Family: fontBody, Size: 11, Bold: bold}
}

func center(wrap bool) *excelize.Alignment {
	return &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: wrap}
}

func borders() []excelize.Border {
	var bs []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return bs
}

// cell names the cell at a 1-based column and row.
func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // columns and rows here are always in range
	}
	return name
}

// str writes s as a string, never a formula, and widens the column to fit.
func (b *book) str(sheet string, col, row int, s string, style int) {
	if b.err != nil {
		return
	}
	b.fit(sheet, col, textWidth(s))
	if b.err = b.f.SetCellStr(sheet, cell(col, row), s); b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
	}
}

// num writes a count.
func (b *book) num(sheet string, col, row int, v int64, style int) {
	if b.err != nil {
		return
	}
	b.fit(sheet, col, textWidth(fmt.Sprintf("%d,", v))*1.1)
	if b.err = b.f.SetCellInt(sheet, cell(col, row), v); b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
	}
}

// rate writes a rate as the fraction Num/Den, or "—" when it has no denominator.
func (b *book) rate(sheet string, col, row int, r aggregate.Rate, style int) {
	if b.err != nil {
		return
	}
	if !r.Valid() {
		b.str(sheet, col, row, "—", b.st.dim)
		return
	}
	b.fit(sheet, col, 8)
	if b.err = b.f.SetCellFloat(sheet, cell(col, row), r.Float(), -1, 64); b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
	}
}

// blank puts a bordered empty cell.
func (b *book) blank(sheet string, col, row int) {
	if b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), b.st.dim)
	}
}

// title writes a merged title over columns 1..cols of row.
func (b *book) title(sheet string, row, cols int, s string, style int, height float64) {
	if b.err != nil {
		return
	}
	if b.err = b.f.SetCellStr(sheet, cell(1, row), s); b.err != nil {
		return
	}
	if cols > 1 {
		if b.err = b.f.MergeCell(sheet, cell(1, row), cell(cols, row)); b.err != nil {
			return
		}
	}
	if b.err = b.f.SetCellStyle(sheet, cell(1, row), cell(cols, row), style); b.err == nil {
		b.err = b.f.SetRowHeight(sheet, row, height)
	}
}

// merge merges a header range and styles it.
func (b *book) merge(sheet string, c1, r1, c2, r2 int) {
	if b.err == nil && (c1 != c2 || r1 != r2) {
		b.err = b.f.MergeCell(sheet, cell(c1, r1), cell(c2, r2))
	}
	if b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), b.st.header)
	}
}

// fit records that column col of sheet needs at least w width units.
func (b *book) fit(sheet string, col int, w float64) {
	ws := b.widths[sheet]
	for len(ws) < col {
		ws = append(ws, 0)
	}
	if w > ws[col-1] {
		ws[col-1] = w
	}
	b.widths[sheet] = ws
}

// freeze keeps the first cols columns and rows rows in view.
func (b *book) freeze(sheet string, cols, rows int) {
	if b.err != nil {
		return
	}
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	b.err = b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows,
		TopLeftCell: cell(cols+1, rows+1), ActivePane: pane})
}

// textWidth estimates a text's width in Excel units: about two per CJK
// character, one per Latin one, the longest line of a wrapped text.
func textWidth(s string) float64 {
	widest := 0.0
	for _, line := range strings.Split(s, "\n") {
		w := 0.0
		for _, r := range line {
			if r >= 0x1100 {
				w += 2.1
			} else {
				w += 1.1
			}
		}
		widest = max(widest, w)
	}
	return widest
}

// applyWidths sets every column's width from what was written, within limits.
func (b *book) applyWidths() {
	for _, sheet := range b.f.GetSheetList() {
		for i, w := range b.widths[sheet] {
			w = min(max(w+2, 6), 60)
			if b.err == nil {
				col, _ := excelize.ColumnNumberToName(i + 1)
				b.err = b.f.SetColWidth(sheet, col, col, w)
			}
		}
	}
}

// finish sets column widths, the document properties (from the report's
// time, so that two renders give the same bytes) and the first sheet active.
func (b *book) finish() error {
	b.applyWidths()
	if b.err != nil {
		return b.err
	}
	when := b.r.GeneratedAt
	if when.IsZero() {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ts := when.UTC().Format(time.RFC3339)
	office := b.r.Config.Report.Office
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title: rollupTitle(b.r, "统计汇总"), Creator: office, LastModifiedBy: office,
		Created: ts, Modified: ts, Language: "zh-CN",
	}); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return nil
}

// cnQuotes turns straight double quotes, as typed in the configuration,
// into Chinese quotation marks, opening and closing in turn.
func cnQuotes(s string) string {
	var sb strings.Builder
	open := true
	for _, r := range s {
		if r != '"' {
			sb.WriteRune(r)
			continue
		}
		if open {
			sb.WriteRune('“')
		} else {
			sb.WriteRune('”')
		}
		open = !open
	}
	return sb.String()
}

// span names the months from January to the period: 2018年1—10月, or
// 2018年1月 for January.
func span(p ingest.Period) string {
	if p.Month <= 1 {
		return p.Chinese()
	}
	return fmt.Sprintf("%d年1—%d月", p.Year, p.Month)
}

// cumulativeLabel heads the year-to-date column: 1—10月累计.
func cumulativeLabel(p ingest.Period) string {
	if p.Month <= 1 {
		return fmt.Sprintf("%d月累计", p.Month)
	}
	return fmt.Sprintf("1—%d月累计", p.Month)
}

// rollupTitle is 2018年1—10月全市“两重两问”督查工作 followed by what.
func rollupTitle(r *aggregate.Report, what string) string {
	c := r.Config.Report
	return span(r.Period) + cnQuotes(c.Scope+c.Subject) + what
}

// statusText says in Chinese how a unit took part.
func statusText(s aggregate.Status) string {
	switch s {
	case aggregate.Accepted:
		return "已报送"
	case aggregate.Missing:
		return "未报送"
	case aggregate.Excluded:
		return "已退回"
	}
	return string(s)
}

// severityText names a finding's severity in Chinese.
func severityText(s string) string {
	switch s {
	case "error":
		return "错误"
	case "warning":
		return "提示"
	}
	return s
}

// summarySheet writes 汇总: the citywide figures of the month and the year
// to date, then the rectification rate and the problems not yet rectified.
func (b *book) summarySheet() {
	s, r := sheetSummary, b.r
	b.title(s, 1, 4, rollupTitle(r, "统计汇总"), b.st.title, 40)
	b.title(s, 2, 4, b.summaryNote(), b.st.note, 20)
	for i, h := range []string{"指标", "计量单位", "本月", cumulativeLabel(r.Period)} {
		b.str(s, i+1, 3, h, b.st.header)
	}
	row := 4
	for _, m := range r.Metrics() {
		b.str(s, 1, row, m.Name, b.st.text)
		b.str(s, 2, row, m.Measure, b.st.totalText)
		b.num(s, 3, row, r.Month[m.ID], b.st.count)
		b.num(s, 4, row, r.YearToDate[m.ID], b.st.count)
		row++
	}
	b.str(s, 1, row, "整改率", b.st.text)
	b.str(s, 2, row, "%", b.st.totalText)
	b.rate(s, 3, row, r.MonthRate, b.st.rate)
	b.rate(s, 4, row, r.YTDRate, b.st.rate)
	row++
	b.str(s, 1, row, "未整改问题", b.st.text)
	b.str(s, 2, row, "个", b.st.totalText)
	b.num(s, 3, row, r.MonthRate.Den-r.MonthRate.Num, b.st.count)
	b.num(s, 4, row, r.YTDRate.Den-r.YTDRate.Num, b.st.count)
	b.freeze(s, 0, 3)
}

// summaryNote says how many units sent a sheet, and when the rollup was made.
func (b *book) summaryNote() string {
	accepted := 0
	for _, u := range b.r.Units {
		if u.Status == aggregate.Accepted {
			accepted++
		}
	}
	note := fmt.Sprintf("本月报送单位：%d/%d", accepted, len(b.r.Units))
	if !b.r.GeneratedAt.IsZero() {
		note += "　　生成时间：" + b.r.GeneratedAt.Format("2006-01-02 15:04")
	}
	return note
}

// unitSheet writes 分单位: one row per unit with the month's and the year's
// figures, both rates and the rank, then the citywide total.
func (b *book) unitSheet() {
	s, r := sheetByUnit, b.r
	n := len(r.Metrics())
	cols := 5 + 2*n
	b.title(s, 1, cols, rollupTitle(r, "分单位统计"), b.st.title, 32)
	b.unitHeader(s, n)
	row := 4
	for _, u := range r.Units {
		b.str(s, 1, row, u.Name, b.st.text)
		b.str(s, 2, row, statusText(u.Status), b.st.totalText)
		b.unitFigures(row, u.Status == aggregate.Accepted, u.Month, u.YearToDate, u.MonthRate, u.YTDRate, false)
		if u.Rank > 0 {
			b.num(s, cols, row, int64(u.Rank), b.st.totalText)
		} else {
			b.str(s, cols, row, "—", b.st.dim)
		}
		row++
	}
	b.str(s, 1, row, cnQuotes(r.Config.Report.Scope)+"合计", b.st.totalText)
	b.blank(s, 2, row)
	b.unitFigures(row, true, r.Month, r.YearToDate, r.MonthRate, r.YTDRate, true)
	b.blank(s, cols, row)
	b.freeze(s, 1, 3)
	if b.err == nil {
		b.err = landscape(b.f, s)
	}
}

// unitHeader writes the two header rows of 分单位.
func (b *book) unitHeader(s string, n int) {
	cols := 5 + 2*n
	b.str(s, 1, 2, "单位", b.st.header)
	b.merge(s, 1, 2, 1, 3)
	b.str(s, 2, 2, "状态", b.st.header)
	b.merge(s, 2, 2, 2, 3)
	b.str(s, 3, 2, "本月", b.st.header)
	b.merge(s, 3, 2, 2+n, 2)
	b.str(s, 3+n, 2, cumulativeLabel(b.r.Period), b.st.header)
	b.merge(s, 3+n, 2, 2+2*n, 2)
	for i, m := range b.r.Metrics() {
		h := m.Short
		if h == "" {
			h = m.Name
		}
		b.str(s, 3+i, 3, h, b.st.header)
		b.str(s, 3+n+i, 3, h, b.st.header)
	}
	b.str(s, 3+2*n, 2, "整改率", b.st.header)
	b.merge(s, 3+2*n, 2, 4+2*n, 2)
	b.str(s, 3+2*n, 3, "本月", b.st.header)
	b.str(s, 4+2*n, 3, "累计", b.st.header)
	b.str(s, cols, 2, "排名", b.st.header)
	b.merge(s, cols, 2, cols, 3)
}

// unitFigures writes a row's figures and rates; a month that was not
// accepted is left blank rather than shown as zeros.
func (b *book) unitFigures(row int, hasMonth bool, month, ytd ingest.Figures, mr, yr aggregate.Rate, total bool) {
	s, n := sheetByUnit, len(b.r.Metrics())
	count, rate := b.st.count, b.st.rate
	if total {
		count, rate = b.st.totalCount, b.st.totalRate
	}
	for i, m := range b.r.Metrics() {
		if hasMonth {
			b.num(s, 3+i, row, month[m.ID], count)
		} else {
			b.blank(s, 3+i, row)
		}
		b.num(s, 3+n+i, row, ytd[m.ID], count)
	}
	b.rate(s, 3+2*n, row, mr, rate)
	b.rate(s, 4+2*n, row, yr, rate)
}

// landscape prints a sheet on A4 landscape, one page wide.
func landscape(f *excelize.File, sheet string) error {
	a4, orient, one, zero := 9, "landscape", 1, 0
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero})
}

// sourceSheet writes 数据来源: the accepted sheets, then the excluded ones.
func (b *book) sourceSheet() {
	s, r := sheetSources, b.r
	b.str(s, 1, 1, fmt.Sprintf("已采用的报表（%d份）", len(r.Sources)), b.st.section)
	for i, h := range []string{"文件", "单位", "月份", "工作表", "SHA-256"} {
		b.str(s, i+1, 2, h, b.st.header)
	}
	row := 3
	for _, src := range r.Sources {
		for i, v := range []string{src.File, src.Unit, src.Period, src.Sheet, src.SHA256} {
			b.str(s, i+1, row, v, b.st.text)
		}
		row++
	}
	row++
	b.str(s, 1, row, fmt.Sprintf("已退回的报表（%d份）", len(r.Excluded)), b.st.section)
	row++
	for i, h := range []string{"文件", "单位", "月份", "退回原因"} {
		b.str(s, i+1, row, h, b.st.header)
	}
	for _, x := range r.Excluded {
		row++
		for i, v := range []string{x.File, x.Unit, x.Period, strings.Join(x.Reasons, "\n")} {
			b.str(s, i+1, row, v, b.st.text)
		}
	}
	b.freeze(s, 0, 2)
}

// findingSheet writes 校验问题, one row per finding.
func (b *book) findingSheet() {
	s := sheetFindings
	for i, h := range []string{"级别", "文件", "工作表", "单元格", "单元格内容", "代码", "说明"} {
		b.str(s, i+1, 1, h, b.st.header)
	}
	for j, fd := range b.r.Findings {
		row := j + 2
		for i, v := range []string{severityText(fd.Severity), fd.File, fd.Sheet, fd.Cell, fd.Value, fd.Code, fd.Message} {
			b.str(s, i+1, row, v, b.st.text)
		}
	}
	if len(b.r.Findings) == 0 {
		b.str(s, 1, 2, "无", b.st.text)
	}
	b.freeze(s, 0, 1)
}
