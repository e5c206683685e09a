package render

import (
	"fmt"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"jianbao/problem"
	"jianbao/render/fonts"
)

// Colours of the briefing.
var (
	pdfBlack = props.Color{Red: 0, Green: 0, Blue: 0}
	pdfRed   = props.Color{Red: 200, Green: 16, Blue: 16}
	pdfGrey  = props.Color{Red: 90, Green: 90, Blue: 90}
	pdfTint  = props.Color{Red: 252, Green: 241, Blue: 236}
	pdfWhite = props.Color{Red: 255, Green: 255, Blue: 255}
	pdfRule  = props.Color{Red: 170, Green: 170, Blue: 170}
	pdfShade = props.Color{Red: 243, Green: 243, Blue: 243}
)

// pdfPtToMM converts a font size in points to millimetres.
const pdfPtToMM = 25.4 / 72

// pdfStyle is how a piece of text is set.
type pdfStyle struct {
	family string
	size   float64 // points
	color  *props.Color
	align  align.Type
	lead   float64 // line height as a multiple of the size; 0 means 1.7
}

func (s pdfStyle) lineHeight() float64 {
	lead := s.lead
	if lead == 0 {
		lead = 1.7
	}
	return s.size * pdfPtToMM * lead
}

// pdfDoc is a briefing being laid out. It remembers the first error (a missing
// glyph) so that the section writers stay simple.
type pdfDoc struct {
	m   core.Maroto
	err error
}

func newPDFDoc(cfg *entity.Config) *pdfDoc { return &pdfDoc{m: maroto.New(cfg)} }

// generate returns the PDF bytes, or the first error met while laying out.
func (d *pdfDoc) generate() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	out, err := d.m.Generate()
	if err != nil {
		return nil, problemOr(ErrPDF, err)
	}
	return out.GetBytes(), nil
}

// face returns the family to set s in: the wanted one, or the other embedded
// family when only that one has every glyph. When neither has, it records an
// error naming the character.
func (d *pdfDoc) face(s, want string) string {
	missing := fonts.MissingGlyphs(want, s)
	if len(missing) == 0 {
		return want
	}
	for _, f := range fonts.Families() {
		if f != want && len(fonts.MissingGlyphs(f, s)) == 0 {
			return f
		}
	}
	if d.err == nil {
		r := missing[0]
		d.err = &problem.Error{Value: string(r), Err: fmt.Errorf("%w：字符编码%U，见于“%s”", ErrMissingGlyph, r, s)}
	}
	return want
}

// label is a single line of text in a cell of height h, centred vertically,
// moved right by left millimetres.
func (d *pdfDoc) label(s string, st pdfStyle, h, left float64) core.Component {
	return d.labelAt(s, st, h/2-0.62*st.size*pdfPtToMM, left)
}

// labelAt is a single line of text whose line box starts top millimetres
// below the top of its cell.
func (d *pdfDoc) labelAt(s string, st pdfStyle, top, left float64) core.Component {
	s = cjkQuotes(s)
	c := st.color
	if c == nil {
		c = &pdfBlack
	}
	a := st.align
	if a == "" {
		a = align.Left
	}
	return text.New(s, props.Text{Family: d.face(s, st.family), Style: fontstyle.Normal,
		Size: st.size, Color: c, Align: a, Top: max(top, 0), Left: left})
}

// lines is a block of lines in one cell of height h, centred vertically.
func (d *pdfDoc) lines(ls []string, st pdfStyle, h float64) []core.Component {
	lh := st.lineHeight()
	first := (h-lh*float64(len(ls)))/2 + lh/2 - 0.62*st.size*pdfPtToMM
	out := make([]core.Component, len(ls))
	for i, l := range ls {
		out[i] = d.labelAt(l, st, first+float64(i)*lh, 0)
	}
	return out
}

// fits reports whether h more millimetres fit on the current page.
func (d *pdfDoc) fits(h float64) bool { return d.m.FitlnCurrentPage(h) }

// keep starts a new page unless h millimetres fit on the current one.
func (d *pdfDoc) keep(h float64) {
	if !d.fits(h) {
		d.newPage()
	}
}

func (d *pdfDoc) add(rs ...core.Row) { d.m.AddRows(rs...) }

// space adds vertical white space.
func (d *pdfDoc) space(h float64) { d.add(row.New(h)) }

// rule adds a horizontal line across the text width.
func (d *pdfDoc) rule(h, thickness float64, c props.Color) {
	d.add(row.New(h).Add(line.NewCol(pdfGrid, props.Line{Color: &c, Thickness: thickness, OffsetPercent: 50, SizePercent: 100})))
}

// textRow is one line of text across the text width.
func (d *pdfDoc) textRow(s string, st pdfStyle) core.Row {
	h := st.lineHeight()
	return row.New(h).Add(col.New(pdfGrid).Add(d.label(s, st, h, 0)))
}

// paragraph sets s as wrapped lines, the first indented by two characters
// when indent is set, one row per line so that pages may break inside it.
func (d *pdfDoc) paragraph(s string, st pdfStyle, indent bool) {
	s = cjkQuotes(s)
	d.paragraphSpans([]cjkSpan{{text: s, family: d.face(s, st.family)}}, st, indent)
}

// paragraphSpans sets a paragraph whose pieces are in different families,
// at the size and colour of st, like paragraph. The pieces of a line follow
// one another on its baseline. The text must already have its Chinese
// quotation marks.
func (d *pdfDoc) paragraphSpans(spans []cjkSpan, st pdfStyle, indent bool) {
	ind := 0.0
	if indent {
		ind = 2 * st.size * pdfPtToMM
	}
	h := st.lineHeight()
	for i, l := range cjkWrapSpans(spans, st.size, pdfTextWidth, ind) {
		left := 0.0
		if i == 0 {
			left = ind
		}
		c := col.New(pdfGrid)
		for _, sp := range l {
			pst := st
			pst.family = sp.family
			c.Add(d.label(sp.text, pst, h, left))
			left += fonts.StringWidth(sp.family, sp.text, st.size)
		}
		d.add(row.New(h).Add(c))
	}
}

// pdfParagraphHeight is the height paragraph would take.
func pdfParagraphHeight(s string, st pdfStyle, indent bool) float64 {
	ind := 0.0
	if indent {
		ind = 2 * st.size * pdfPtToMM
	}
	return float64(len(cjkWrap(cjkQuotes(s), st.family, st.size, pdfTextWidth, ind))) * st.lineHeight()
}

// remaining is the height left on the current page, to a tenth of a
// millimetre.
func (d *pdfDoc) remaining() float64 {
	lo, hi := 0.0, pdfUsableHeight
	for hi-lo > 0.1 {
		mid := (lo + hi) / 2
		if d.fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// newPage starts a new page.
func (d *pdfDoc) newPage() { d.m.AddPages(page.New()) }
