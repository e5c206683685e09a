package render

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"jianbao/aggregate"
	"jianbao/problem"
	"jianbao/render/fonts"
)

func init() {
	// Write the PDF's font and image catalogues in a fixed order, so that the
	// same report always gives the same bytes.
	gofpdf.SetDefaultCatalogSort(true)
}

// PDF renders the briefing. Narrative is the text of templates/briefing.tmpl
// (text/template source).
type PDF struct{ Narrative string }

// Name is the file name of the briefing.
func (p PDF) Name() string { return "briefing.pdf" }

// Render writes the briefing of r to w. The output depends only on r and the
// narrative: every date in it comes from r.GeneratedAt.
func (p PDF) Render(w io.Writer, r *aggregate.Report) error {
	if r == nil || r.Config == nil {
		return fmt.Errorf("%w：没有报告或配置", ErrPDF)
	}
	if r.GeneratedAt.IsZero() {
		return fmt.Errorf("%w：报告没有生成时间", ErrPDF)
	}
	n, err := parsePDFNarrative(p.Narrative)
	if err != nil {
		return err
	}
	v := newPDFView(r)
	d := newPDFDoc(pdfConfig(r, v, n))
	if err := pdfWriteBriefing(d, r, v, n); err != nil {
		return err
	}
	b, err := d.generate()
	if err != nil {
		return err
	}
	b = pdfFixModDate(b, r.GeneratedAt)
	if _, err := w.Write(b); err != nil {
		return problem.Wrap(ErrWrite, err)
	}
	return nil
}

// Page geometry in millimetres (A4 portrait). The grid is one unit per
// millimetre of the text width.
const (
	pdfMarginTop    = 22.0
	pdfMarginBottom = 22.0
	pdfMarginSide   = 20.0
	pdfTextWidth    = 210 - 2*pdfMarginSide
	pdfGrid         = int(pdfTextWidth)
)

func pdfConfig(r *aggregate.Report, v pdfView, n pdfNarrative) *entity.Config {
	title := cjkQuotes(fmt.Sprintf("%s 第%d期", r.Config.Report.Title, r.Config.Report.Issue))
	subject, _ := n.line("headline", v) // errors surface when the body is written
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(pdfMarginSide).
		WithRightMargin(pdfMarginSide).
		WithTopMargin(pdfMarginTop).
		WithBottomMargin(pdfMarginBottom).
		WithMaxGridSize(pdfGrid).
		WithSequentialMode().
		WithCompression(true).
		WithCustomFonts(pdfCustomFonts()).
		WithDefaultFont(&props.Font{Family: fonts.Song, Style: fontstyle.Normal, Size: 12, Color: &pdfBlack}).
		WithPageNumber(props.PageNumber{Pattern: "{current}{total}", Place: props.Bottom,
			Family: fonts.Song, Style: fontstyle.Normal, Size: 11, Color: &pdfBlack}).
		WithTitle(title, true).
		WithSubject(cjkQuotes(subject), true).
		WithAuthor(cjkQuotes(r.Config.Report.Office), true).
		WithCreator("jianbao", true).
		WithCreationDate(r.GeneratedAt).
		Build()
	// The builder insists on a {total}; a briefing numbers pages as "— 1 —".
	cfg.PageNumber.Pattern = "— {current} —"
	return cfg
}

// pdfCustomFonts registers each embedded family in the normal style only; the
// renderer never asks for another style.
func pdfCustomFonts() []*entity.CustomFont {
	var out []*entity.CustomFont
	for _, f := range fonts.Families() {
		out = append(out, &entity.CustomFont{Family: f, Style: fontstyle.Normal, Bytes: fonts.Bytes(f)})
	}
	return out
}

// pdfFixModDate gives the document the same modification date as its creation
// date; the PDF library would otherwise stamp the current time. The dates
// have a fixed width, so the cross-reference offsets stay valid.
func pdfFixModDate(b []byte, t time.Time) []byte {
	key := []byte("/ModDate (D:")
	i := bytes.Index(b, key)
	stamp := t.Format("20060102150405")
	if i < 0 || len(b) < i+len(key)+len(stamp) {
		return b
	}
	copy(b[i+len(key):], stamp)
	return b
}
