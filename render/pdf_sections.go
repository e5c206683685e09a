package render

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"jianbao/aggregate"
	"jianbao/render/fonts"
)

// Text styles of the briefing.
var (
	pdfStMasthead = pdfStyle{family: fonts.Hei, size: 32, color: &pdfRed, align: align.Center, lead: 1.3}
	pdfStIssue    = pdfStyle{family: fonts.Song, size: 14, align: align.Center}
	pdfStOffice   = pdfStyle{family: fonts.Song, size: 12}
	pdfStHeadline = pdfStyle{family: fonts.Hei, size: 17, align: align.Center, lead: 1.6}
	pdfStHeading  = pdfStyle{family: fonts.Hei, size: 14, lead: 2.1}
	pdfStBody     = pdfStyle{family: fonts.Song, size: 12}
	pdfStLevel2   = pdfStyle{family: fonts.Kai, size: 12} // （一）… headings, run into their paragraph
	pdfStSmall    = pdfStyle{family: fonts.Song, size: 10.5, lead: 1.6}
)

// pdfUsableHeight is the height of the text area of a page.
const pdfUsableHeight = 297 - pdfMarginTop - pdfMarginBottom

// pdfWriteBriefing lays out every section of the briefing.
func pdfWriteBriefing(d *pdfDoc, r *aggregate.Report, v pdfView, n pdfNarrative) error {
	steps := []func() error{
		func() error { pdfMasthead(d, r, v); return nil },
		func() error { return pdfHeadline(d, v, n) },
		func() error { return pdfSection(d, v, n, "title_overview", "overview") },
		func() error { return pdfFiguresBlock(d, v, n) },
		func() error { return pdfSection(d, v, n, "title_units", "units_note") },
		func() error { return pdfUnitTable(d, r, v, n) },
		func() error { return pdfCharts(d, r, v) },
		func() error { return pdfSection(d, v, n, "title_issues", "issues") },
		func() error { return pdfRankingBlock(d, v, n) },
		func() error { return pdfSection(d, v, n, "title_next", "next_steps") },
		func() error { pdfClosing(d, r, v); return nil },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
		if d.err != nil {
			return d.err
		}
	}
	return nil
}

// pdfMasthead is the red title, the issue number, the office and date, and the
// red rule.
func pdfMasthead(d *pdfDoc, r *aggregate.Report, v pdfView) {
	d.space(6)
	title := cjkQuotes(r.Config.Report.Title)
	for _, l := range cjkWrap(title, d.face(title, pdfStMasthead.family), pdfStMasthead.size, pdfTextWidth, 0) {
		d.add(d.textRow(l, pdfStMasthead))
	}
	d.space(3)
	d.add(d.textRow(fmt.Sprintf("第%d期", v.Issue), pdfStIssue))
	d.space(6)
	h := pdfStOffice.lineHeight()
	right := pdfStOffice
	right.align = align.Right
	d.add(row.New(h).Add(
		col.New(pdfGrid/2).Add(d.label(v.Office, pdfStOffice, h, 0)),
		col.New(pdfGrid-pdfGrid/2).Add(d.label(v.Date, right, h, 0)),
	))
	d.rule(2, 0.8, pdfRed)
	d.space(6)
}

func pdfHeadline(d *pdfDoc, v pdfView, n pdfNarrative) error {
	s, err := n.line("headline", v)
	if err != nil || s == "" {
		return err
	}
	s = cjkQuotes(s)
	for _, l := range cjkWrap(s, d.face(s, pdfStHeadline.family), pdfStHeadline.size, pdfTextWidth-20, 0) {
		d.add(d.textRow(l, pdfStHeadline))
	}
	d.space(4)
	return nil
}

// pdfSection writes a heading and the paragraphs of a narrative template,
// keeping the heading on the page of the text that follows it.
func pdfSection(d *pdfDoc, v pdfView, n pdfNarrative, title, body string) error {
	t, err := n.line(title, v)
	if err != nil {
		return err
	}
	ps, err := n.paragraphs(body, v)
	if err != nil {
		return err
	}
	if t != "" {
		d.keep(pdfStHeading.lineHeight() + 3*pdfStBody.lineHeight())
		d.add(d.textRow(t, pdfStHeading))
	}
	for _, p := range ps {
		pdfBodyParagraph(d, p)
	}
	return nil
}

// pdfLevel2RE matches the number of a level-2 heading: （一）, （二）….
var pdfLevel2RE = regexp.MustCompile(`^（[一二三四五六七八九十0-9]+）`)

// pdfLevel2Split splits a paragraph that starts with a level-2 heading
// ("（一）报送不及时。截至……") into the heading, up to and including its
// first 。, and the text after it. Other paragraphs have no heading.
func pdfLevel2Split(p string) (head, rest string) {
	if !pdfLevel2RE.MatchString(p) {
		return "", p
	}
	if i := strings.Index(p, "。"); i >= 0 {
		i += len("。")
		return p[:i], p[i:]
	}
	return p, ""
}

// pdfBodyParagraph sets a paragraph of body text, indented by two
// characters. A level-2 heading at its start is set in Kai, as GB/T 9704
// has it, and the rest of the paragraph in Song.
func pdfBodyParagraph(d *pdfDoc, p string) {
	p = cjkQuotes(p)
	head, rest := pdfLevel2Split(p)
	if head == "" {
		d.paragraph(p, pdfStBody, true)
		return
	}
	spans := []cjkSpan{{text: head, family: d.face(head, pdfStLevel2.family)}}
	if rest != "" {
		spans = append(spans, cjkSpan{text: rest, family: d.face(rest, pdfStBody.family)})
	}
	d.paragraphSpans(spans, pdfStBody, true)
}

// pdfFiguresBlock is the "数说督查" panel: the year-to-date figures as large
// numbers, four to a row (fewer figures share the row's width, so that a
// report of one metric shows one wide cell, not one and three empty).
func pdfFiguresBlock(d *pdfDoc, v pdfView, n pdfNarrative) error {
	const cellH, titleH = 23.0, 10.0
	perRow := min(4, max(1, len(v.YTDFigures)))
	rows := (len(v.YTDFigures) + perRow - 1) / perRow
	title, err := n.line("title_figures", v)
	if err != nil {
		return err
	}
	notes, err := n.paragraphs("figures_note", v)
	if err != nil {
		return err
	}
	noteH := 0.0
	for _, p := range notes {
		noteH += 1.5 + pdfParagraphHeight(p, pdfStNote, false)
	}
	d.space(2)
	d.keep(titleH + float64(rows)*cellH + noteH + 4)
	if title != "" {
		st := pdfStyle{family: fonts.Hei, size: 13, color: &pdfRed, align: align.Center}
		d.add(row.New(titleH).Add(col.New(pdfGrid).Add(d.label(title, st, titleH, 0)).
			WithStyle(&props.Cell{BackgroundColor: &pdfTint, BorderType: border.Full, BorderColor: &pdfWhite, BorderThickness: 0.8})))
	}
	for i := 0; i < len(v.YTDFigures); i += perRow {
		end := min(i+perRow, len(v.YTDFigures))
		d.add(pdfFigureRow(d, v.YTDFigures[i:end], perRow, cellH))
	}
	if len(notes) > 0 {
		d.space(1.5)
	}
	for _, p := range notes {
		d.paragraph(p, pdfStNote, false)
	}
	d.space(4)
	return nil
}

func pdfFigureRow(d *pdfDoc, fs []pdfFigure, perRow int, h float64) core.Row {
	cells := make([]core.Col, perRow)
	widths := pdfSplit(pdfGrid, perRow)
	for i := range cells {
		c := col.New(widths[i])
		if i < len(fs) {
			c.Add(pdfFigureCell(d, fs[i], float64(widths[i]))...)
		}
		cells[i] = c.WithStyle(&props.Cell{BackgroundColor: &pdfTint, BorderType: border.Full, BorderColor: &pdfWhite, BorderThickness: 0.8})
	}
	return row.New(h).Add(cells...)
}

// pdfFigureCell is a large number with its measure, and the metric's name
// below, centred in a cell w millimetres wide.
func pdfFigureCell(d *pdfDoc, f pdfFigure, w float64) []core.Component {
	num := pdfStyle{family: fonts.Hei, size: 22, color: &pdfRed}
	unit := pdfStyle{family: fonts.Song, size: 10, color: &pdfGrey}
	name := pdfStyle{family: fonts.Hei, size: 9.5, color: &pdfGrey, align: align.Center}
	n := pdfNum(f.Value, f.Decimals)
	wn := fonts.StringWidth(d.face(n, num.family), n, num.size)
	wu := fonts.StringWidth(d.face(f.Measure, unit.family), f.Measure, unit.size)
	left := max((w-wn-wu-1)/2, 0)
	out := []core.Component{
		d.labelAt(n, num, 3, left),
		d.labelAt(f.Measure, unit, 3+(num.size-unit.size)*pdfPtToMM*0.95, left+wn+1),
	}
	ls := cjkWrap(cjkQuotes(f.Name), d.face(cjkQuotes(f.Name), name.family), name.size, w-4, 0)
	for i, l := range ls {
		out = append(out, d.labelAt(l, name, 13+float64(i)*name.lineHeight()*0.8, 0))
	}
	return out
}

// pdfSplit divides total into n integer parts that differ by at most one.
func pdfSplit(total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// pdfClosing is the distribution note at the end: copies to, issuing office and
// date, between rules.
func pdfClosing(d *pdfDoc, r *aggregate.Report, v pdfView) {
	cc := cjkQuotes(r.Config.Report.CC)
	by := r.Config.Report.PrintedBy
	if cc == "" && by == "" {
		return
	}
	h := pdfStSmall.lineHeight()
	need := pdfParagraphHeight(cc, pdfStSmall, false) + h + 3.6
	d.keep(need + 3)
	d.space(2)
	// The distribution note sits at the foot of the last page.
	d.space(d.remaining() - need - 0.5)
	d.rule(1.2, 0.5, pdfBlack)
	if cc != "" {
		d.paragraph(cc, pdfStSmall, false)
		d.rule(1.2, 0.25, pdfBlack)
	}
	right := pdfStSmall
	right.align = align.Right
	d.add(row.New(h).Add(
		col.New(pdfGrid/2).Add(d.label(by, pdfStSmall, h, 0)),
		col.New(pdfGrid-pdfGrid/2).Add(d.label(v.Date+"印发", right, h, 0)),
	))
	d.rule(1.2, 0.5, pdfBlack)
}
