package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
	"jianbao/problem"
	"jianbao/templates"
)

// XLSX writes briefing.xlsx, the office's record of the month: the citywide
// summary, the figures by unit, by work area and by month, native charts,
// where every figure came from and the validation findings. Cells hold
// values, never formulas, and every text that came from a submission is
// written as a string.
type XLSX struct{}

// Name returns "briefing.xlsx".
func (XLSX) Name() string { return "briefing.xlsx" }

// Sheet names of briefing.xlsx, in order.
const (
	sheetSummary  = "汇总"
	sheetByUnit   = "分单位"
	sheetByArea   = "分类别"
	sheetByMonth  = "逐月"
	sheetCharts   = "图表"
	sheetSources  = "数据来源"
	sheetFindings = "校验问题"
)

// Fonts found on Chinese Windows.
const (
	fontBody  = "宋体"
	fontTitle = "微软雅黑"
)

// xlSheets are the sheets of the workbook and the functions that fill them.
var xlSheets = []struct {
	name  string
	build func(*book)
}{
	{sheetSummary, (*book).summarySheet},
	{sheetByUnit, (*book).unitSheet},
	{sheetByArea, (*book).areaSheet},
	{sheetByMonth, (*book).monthSheet},
	{sheetCharts, (*book).chartSheet},
	{sheetSources, (*book).sourceSheet},
	{sheetFindings, (*book).findingSheet},
}

// Render writes the workbook of r to w.
func (XLSX) Render(w io.Writer, r *aggregate.Report) error {
	b, err := newBook(r)
	if err != nil {
		return problemOr(ErrWorkbook, err)
	}
	defer b.f.Close()
	for _, s := range xlSheets {
		s.build(b)
	}
	if b.err != nil {
		return problemOr(ErrWorkbook, b.err)
	}
	if err := b.finish(); err != nil {
		return problemOr(ErrWorkbook, err)
	}
	if err := b.f.Write(w); err != nil {
		return problem.Wrap(ErrWrite, err)
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
	pages  map[string]xlPage
	caps   map[string]map[int]float64
	err    error
	// amounts are the styles of amount cells, by count style and places.
	amounts map[[2]int]int
}

func newBook(r *aggregate.Report) (*book, error) {
	if r == nil || r.Config == nil {
		return nil, fmt.Errorf("%w：没有报告或配置", ErrWorkbook)
	}
	f := excelize.NewFile()
	b := &book{f: f, r: r, widths: map[string][]float64{}, pages: map[string]xlPage{}, caps: map[string]map[int]float64{}}
	if err := b.addSheets(); err != nil {
		_ = f.Close()
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	b.st = st
	return b, nil
}

// addSheets renames the first sheet and adds the others in order.
func (b *book) addSheets() error {
	if err := b.f.SetSheetName("Sheet1", xlSheets[0].name); err != nil {
		return err
	}
	for _, s := range xlSheets[1:] {
		if _, err := b.f.NewSheet(s.name); err != nil {
			return err
		}
	}
	return nil
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

// xlAbs names the cell at col, row of sheet absolutely, for charts and
// defined names: '分单位'!$A$4.
func xlAbs(sheet string, col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row, true)
	if err != nil {
		panic(err) // columns and rows here are always in range
	}
	return xlQuote(sheet) + "!" + name
}

// xlRange names the range c1,r1:c2,r2 of sheet absolutely.
func xlRange(sheet string, c1, r1, c2, r2 int) string {
	to, err := excelize.CoordinatesToCellName(c2, r2, true)
	if err != nil {
		panic(err)
	}
	return xlAbs(sheet, c1, r1) + ":" + to
}

// xlQuote quotes a sheet name for a reference.
func xlQuote(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
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

// span names the months from January to the period: 2018年1—10月, or
// 2018年1月 for January.
func span(p aggregate.Period) string {
	if p.Month <= 1 {
		return p.Chinese()
	}
	return fmt.Sprintf("%d年1—%d月", p.Year, p.Month)
}

// cumulativeLabel heads the year-to-date column: 1—10月累计.
func cumulativeLabel(p aggregate.Period) string {
	if p.Month <= 1 {
		return fmt.Sprintf("%d月累计", p.Month)
	}
	return fmt.Sprintf("1—%d月累计", p.Month)
}

// rollupTitle is 2018年1—10月全市“两重两问”督查工作 followed by what.
func rollupTitle(r *aggregate.Report, what string) string {
	c := r.Config.Report
	return span(r.Period) + cjkQuotes(c.Scope+c.Subject) + what
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
	case aggregate.Conflict:
		return "待核实"
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

// metricHead is a metric's short header, or its name.
func metricHead(m templates.Metric) string {
	if m.Short != "" {
		return m.Short
	}
	return m.Name
}

// rateOf is the configured headline rate of figures f (never valid when
// none is configured).
func (b *book) rateOf(f aggregate.Figures) aggregate.Rate { return b.r.Rate(f) }

// rateCols is the number of columns a headline rate takes in a group of
// figures: 1, or 0 when no rate is configured.
func (b *book) rateCols() int {
	if b.r.HasRate() {
		return 1
	}
	return 0
}

// derivedShort is the short name of a derived figure, for narrow headers.
func derivedShort(d templates.Derived) string {
	if d.Short != "" {
		return d.Short
	}
	return d.Name
}
