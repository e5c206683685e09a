package render

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlPage is how a sheet prints.
type xlPage struct {
	landscape bool // always landscape (charts); otherwise chosen by width
	titleRows [2]int
}

// xlPortraitWidth is the widest table, in Excel width units, that prints
// on A4 portrait without shrinking much.
const xlPortraitWidth = 100

// print records how sheet prints: rows r1..r2 repeat on every page (none
// when r1 is 0); landscape forces landscape.
func (b *book) print(sheet string, landscape bool, r1, r2 int) {
	b.pages[sheet] = xlPage{landscape: landscape, titleRows: [2]int{r1, r2}}
}

// landscape prints a sheet on A4 landscape, one page wide.
func landscape(f *excelize.File, sheet string) error {
	return xlPageSetup(f, sheet, "landscape")
}

// xlPageSetup prints sheet on A4 in the given orientation, one page wide
// and as many pages high as needed.
func xlPageSetup(f *excelize.File, sheet, orient string) error {
	a4, one, zero := 9, 1, 0
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero})
}

// setupPages sets paper, margins, headers and footers and print titles of
// every sheet.
func (b *book) setupPages() error {
	for _, s := range b.f.GetSheetList() {
		p := b.pages[s]
		orient := "portrait"
		if p.landscape || b.span(s, len(b.widths[s])) > xlPortraitWidth {
			orient = "landscape"
		}
		if err := xlPageSetup(b.f, s, orient); err != nil {
			return err
		}
		if err := b.margins(s); err != nil {
			return err
		}
		if err := b.headerFooter(s); err != nil {
			return err
		}
		if p.titleRows[0] > 0 {
			if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s,
				RefersTo: xlQuote(s) + "!$" + strconv.Itoa(p.titleRows[0]) + ":$" + strconv.Itoa(p.titleRows[1])}); err != nil {
				return err
			}
		}
	}
	return nil
}

// margins are narrow, in inches, and the table is centred across the page.
func (b *book) margins(sheet string) error {
	lr, tb, hf, yes := 0.4, 0.6, 0.3, true
	return b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf, Horizontally: &yes})
}

// headerFooter puts the title and the sheet name above, the page numbers below.
func (b *book) headerFooter(sheet string) error {
	esc := strings.NewReplacer("&", "&&").Replace
	return b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + esc(rollupTitle(b.r, "统计汇总")) + "&R&A",
		OddFooter: "&C第 &P 页，共 &N 页",
	})
}

// finish sets column widths, print setup, the document properties (from
// the report's time, so that two renders give the same bytes) and the
// first sheet active.
func (b *book) finish() error {
	b.applyWidths()
	if b.err != nil {
		return b.err
	}
	if err := b.setupPages(); err != nil {
		return err
	}
	if err := b.docProps(); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	b.sortContentTypes()
	return nil
}

// sortContentTypes puts the default content types in order: the library
// adds the image types in map order, which would make two renders of the
// same report differ.
func (b *book) sortContentTypes() {
	if ct := b.f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
}

// docProps names the workbook: title, period, the office and the program.
func (b *book) docProps() error {
	r := b.r
	when := r.GeneratedAt
	if when.IsZero() {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ts := when.UTC().Format(time.RFC3339)
	office := r.Config.Report.Office
	generator := "jianbao " + r.Version
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:   rollupTitle(r, "统计汇总"),
		Subject: r.Period.Chinese() + "（" + cumulativeLabel(r.Period) + "）",
		Creator: office, LastModifiedBy: office, Created: ts, Modified: ts,
		Description: "由 " + generator + " 根据各单位报表生成；配置 SHA-256：" + r.Config.Hash,
		Keywords:    cjkQuotes(r.Config.Report.Subject) + ";" + r.Period.String(),
		Category:    "统计汇总", Identifier: r.Period.String(), Language: "zh-CN",
	}); err != nil {
		return err
	}
	if err := b.f.SetAppProps(&excelize.AppProperties{Application: generator, Company: office}); err != nil {
		return err
	}
	for _, p := range []excelize.CustomProperty{
		{Name: "汇总月份", Value: r.Period.String()},
		{Name: "生成程序", Value: generator},
		{Name: "配置SHA256", Value: r.Config.Hash},
	} {
		if err := b.f.SetCustomProps(p); err != nil {
			return err
		}
	}
	return nil
}
