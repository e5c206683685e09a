package ingest

import (
	"fmt"
	"math"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// The columns of the 校验结果 sheet: heading, width in characters of the
// default font, and whether long text wraps in it.
var summaryCols = []struct {
	head  string
	width float64
	wrap  bool
}{
	{"序号", 6, false}, {"级别", 7, false}, {"工作表", 16, true}, {"位置", 11, true}, {"问题", 58, true}, {"怎样修改", 44, true},
}

// The rows of the 校验结果 sheet: the title and three lines about the file
// above the heading of the list.
const (
	summaryTitleRow = 1
	summaryHeadRow  = 5
	summaryMaxRow   = 409 // points: the highest row Excel allows
	summaryLineH    = 15  // points a line of 11-point text takes
)

// summary writes the 校验结果 sheet and makes it the first sheet, the one
// the copy opens on: what file it is, its verdict, and every finding with
// a link to the cell it is shown on.
func (a *annotator) summary() error {
	f := a.f
	list := f.GetSheetList()
	name := summaryName
	for i := 2; containsFold(list, name); i++ {
		name = fmt.Sprintf("%s（%d）", summaryName, i)
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if wb := f.WorkBook; wb != nil && len(wb.Sheets.Sheet) > 1 {
		// The new sheet, last, goes first. (The library's MoveSheet fails
		// on workbooks with chart sheets, or sheets without a view.)
		sh := wb.Sheets.Sheet
		last := sh[len(sh)-1]
		copy(sh[1:], sh[:len(sh)-1])
		sh[0] = last
		// Names scoped to a sheet (print areas …) name it by position.
		if wb.DefinedNames != nil {
			for i, dn := range wb.DefinedNames.DefinedName {
				if dn.LocalSheetID != nil {
					id := *dn.LocalSheetID + 1
					wb.DefinedNames.DefinedName[i].LocalSheetID = &id
				}
			}
		}
		if wb := f.WorkBook; wb != nil && wb.BookViews != nil {
			for i := range wb.BookViews.WorkBookView {
				wb.BookViews.WorkBookView[i].FirstSheet = 0
			}
		}
	}
	f.SetActiveSheet(0)
	st, err := newSummaryStyles(f)
	if err != nil {
		return err
	}
	w := &summaryWriter{f: f, sheet: name}
	last := string(rune('A' + len(summaryCols) - 1))
	for i, c := range summaryCols {
		col := string(rune('A' + i))
		w.try(f.SetColWidth(name, col, col, c.width))
	}
	total := 0.0
	for _, c := range summaryCols {
		total += c.width
	}
	line := func(row int, text string, style int, height float64) {
		cell := fmt.Sprintf("A%d", row)
		w.try(f.MergeCell(name, cell, fmt.Sprintf("%s%d", last, row)))
		w.try(f.SetCellStr(name, cell, text))
		w.try(f.SetCellStyle(name, cell, fmt.Sprintf("%s%d", last, row), style))
		if height == 0 {
			height = rowHeight(textLines(text, total))
		}
		w.try(f.SetRowHeight(name, row, height))
	}
	s := a.s
	line(summaryTitleRow, "校验结果", st.title, 28)
	line(2, "文件："+path.Base(strings.ReplaceAll(s.File, "\\", "/")), st.info, 0)
	errs, warns := len(s.Errors()), len(s.Warnings())
	verdict := "单位：" + orDash(s.Unit) + "　月份：" + orDash(s.Period.Chinese()) + "　结论：" + s.Verdict()
	switch {
	case errs+warns == 0:
		verdict += "（没有发现问题）"
	case warns == 0:
		verdict += fmt.Sprintf("（错误%d处）", errs)
	case errs == 0:
		verdict += fmt.Sprintf("（提示%d处）", warns)
	default:
		verdict += fmt.Sprintf("（错误%d处，提示%d处）", errs, warns)
	}
	line(3, verdict, st.verdict, 0)
	line(4, "下表列出每一处问题。有问题的单元格已涂色：红色是错误，改正后才能报送；黄色是提示，请核对。"+
		"点击“位置”一栏可跳到该单元格，单元格的批注中也写明了问题。整张表或整个文件的问题标注在A1单元格。", st.info, 0)
	for i, c := range summaryCols {
		cell, _ := excelize.CoordinatesToCellName(i+1, summaryHeadRow)
		w.try(f.SetCellStr(name, cell, c.head))
	}
	w.try(f.SetCellStyle(name, "A5", fmt.Sprintf("%s%d", last, summaryHeadRow), st.head))
	w.try(f.SetRowHeight(name, summaryHeadRow, 20))
	row := summaryHeadRow
	for i, m := range a.marks {
		row++
		msg, fix := noteText(m.Finding)
		sheet := m.Sheet
		if sheet == "" {
			sheet = "—"
		}
		where := m.whole
		if where == "" {
			where = m.Cell
		}
		sevStyle := st.warning
		if m.Severity == Error {
			sevStyle = st.error
		}
		cells := []struct {
			v     any
			style int
		}{{i + 1, st.center}, {m.Severity.Chinese(), sevStyle}, {sheet, st.body}, {where, st.center}, {msg, st.body}, {orDash(fix), st.body}}
		lines := 1
		for j, c := range cells {
			ref, _ := excelize.CoordinatesToCellName(j+1, row)
			w.try(f.SetCellValue(name, ref, c.v))
			w.try(f.SetCellStyle(name, ref, ref, c.style))
			if text, ok := c.v.(string); ok && summaryCols[j].wrap {
				lines = max(lines, textLines(text, summaryCols[j].width))
			}
		}
		if m.sheet != "" {
			ref, _ := excelize.CoordinatesToCellName(4, row)
			tip := "跳到「" + m.sheet + "」" + m.cell
			w.try(f.SetCellHyperLink(name, ref, "'"+strings.ReplaceAll(m.sheet, "'", "''")+"'!"+m.cell, "Location",
				excelize.HyperlinkOpts{Display: &where, Tooltip: &tip}))
			w.try(f.SetCellStyle(name, ref, ref, st.link))
		}
		w.try(f.SetRowHeight(name, row, rowHeight(lines)))
	}
	if len(a.marks) == 0 {
		row++
		line(row, "没有发现问题。", st.info, 0)
	}
	// Printed: A4 across, as wide as the page, the heading on every page.
	landscape, a4, one, any, fit := "landscape", 9, 1, 0, true
	w.try(f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}))
	w.try(f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}))
	margin, edge := 0.5, 0.3
	w.try(f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge}))
	w.try(f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: pageFooterPattern}))
	w.try(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(name, "'", "''"), summaryHeadRow, summaryHeadRow)}))
	w.try(f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: summaryHeadRow, TopLeftCell: fmt.Sprintf("A%d", summaryHeadRow+1), ActivePane: "bottomLeft"}))
	return w.err
}

// summaryWriter keeps the first error of the library's calls.
type summaryWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (w *summaryWriter) try(err error) {
	if w.err == nil {
		w.err = err
	}
}

type summaryStyles struct {
	title, info, verdict, head, body, center, link, error, warning int
}

// newSummaryStyles makes the cell styles of the 校验结果 sheet: 宋体
// 11 point, thin borders round the list, long text wrapped.
func newSummaryStyles(f *excelize.File) (summaryStyles, error) {
	var st summaryStyles
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := func(bold bool, size float64, color string) *excelize.Font {
		ft := &excelize.Font{Family: "宋体", Size: size, Bold: bold, Color: color}
		if color != "" {
			ft.Underline = "single"
		}
		return ft
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	middle := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	for _, s := range []struct {
		to    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: font(true, 16, ""), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.info, excelize.Style{Font: font(false, 11, ""), Alignment: top}},
		{&st.verdict, excelize.Style{Font: font(true, 11, ""), Alignment: top}},
		{&st.head, excelize.Style{Font: font(true, 11, ""), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Border: border, Fill: fill("D9D9D9")}},
		{&st.body, excelize.Style{Font: font(false, 11, ""), Alignment: top, Border: border}},
		{&st.center, excelize.Style{Font: font(false, 11, ""), Alignment: middle, Border: border}},
		{&st.link, excelize.Style{Font: font(false, 11, "0563C1"), Alignment: middle, Border: border}},
		{&st.error, excelize.Style{Font: font(false, 11, ""), Alignment: middle, Border: border, Fill: fill(errorFill)}},
		{&st.warning, excelize.Style{Font: font(false, 11, ""), Alignment: middle, Border: border, Fill: fill(warningFill)}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.to = id
	}
	return st, nil
}

// displayWidth is how many characters of the default font text takes: a
// Chinese character (or any wide one) about two.
func displayWidth(text string) float64 {
	w := 0.0
	for _, r := range text {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2.1
		default:
			w += 1.1
		}
	}
	return w
}

// textLines is how many lines text takes wrapped in a column of the given
// width.
func textLines(text string, col float64) int {
	n := 0
	for _, par := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(displayWidth(par)/max(col-1, 1))))
	}
	return n
}

// rowHeight is the height in points of a row of n lines, within Excel's
// limit.
func rowHeight(n int) float64 {
	return min(float64(n*summaryLineH+4), summaryMaxRow)
}

func containsFold(list []string, name string) bool {
	for _, s := range list {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// pageFooterPattern is the summary's printed footer, in Excel's codes:
// centred, 第1页，共2页.
const pageFooterPattern = "&C第&P页，共&N页"
