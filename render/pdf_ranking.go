package render

import (
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"jianbao/render/fonts"
)

// Geometry of the 红黑榜: two lists side by side with a gap between them.
const (
	pdfRankSideW  = 80
	pdfRankGapW   = pdfGrid - 2*pdfRankSideW
	pdfRankPlaceW = 7
	pdfRankRateW  = 14
	pdfRankHeadH  = 7.0
	pdfRankRowH   = 6.4
)

var (
	pdfDark        = props.Color{Red: 40, Green: 40, Blue: 40}
	pdfStRankHead  = pdfStyle{family: fonts.Hei, size: 10.5, color: &pdfWhite, align: align.Center}
	pdfStRankName  = pdfStyle{family: fonts.Song, size: 10, align: align.Center}
	pdfStRankPlace = pdfStyle{family: fonts.Song, size: 9, color: &pdfGrey, align: align.Right}
	pdfStRankTitle = pdfStyle{family: fonts.Hei, size: 11, align: align.Center, lead: 2}
)

// pdfRankingBlock writes the 红黑榜 under its title, with the notes of the
// narrative template below it. Nothing is written when the configuration
// sets no thresholds.
func pdfRankingBlock(d *pdfDoc, v pdfView, n pdfNarrative) error {
	k := v.Ranking
	if !k.Enabled {
		return nil
	}
	title, err := n.line("title_ranking", v)
	if err != nil {
		return err
	}
	notes, err := n.paragraphs("ranking_note", v)
	if err != nil {
		return err
	}
	rows := max(pdfRankRows(len(k.Red)), pdfRankRows(len(k.Black)), 1)
	h := pdfStRankTitle.lineHeight() + pdfRankHeadH + pdfRankRowH*float64(min(rows, 4)) + 4
	if rows <= 4 { // a short list is kept on one page with its notes
		h += 1.5
		for _, p := range notes {
			h += pdfParagraphHeight(p, pdfStNote, false)
		}
	}
	d.keep(h)
	d.space(2)
	if title != "" {
		d.add(d.textRow(title, pdfStRankTitle))
	}
	d.add(row.New(pdfRankHeadH).Add(
		d.rankHead("红榜（"+k.Name+"≥"+k.RedAt+"）", pdfRed, k.RedAt != "0%"),
		col.New(pdfRankGapW),
		d.rankHead("黑榜（"+k.Name+"<"+k.BlackBelow+"）", pdfDark, k.BlackBelow != "0%"),
	))
	for i := range rows {
		cols := d.rankCells(k.Red, i, k.RedAt != "0%", i%2 == 1)
		cols = append(cols, col.New(pdfRankGapW))
		cols = append(cols, d.rankCells(k.Black, i, k.BlackBelow != "0%", i%2 == 1)...)
		d.add(row.New(pdfRankRowH).Add(cols...))
	}
	d.space(1.5)
	for _, p := range notes {
		d.paragraph(p, pdfStNote, false)
	}
	return nil
}

func (d *pdfDoc) rankHead(s string, bg props.Color, on bool) core.Col {
	if !on {
		s = "（未设）"
	}
	c := col.New(pdfRankSideW).WithStyle(&props.Cell{BackgroundColor: &bg})
	return c.Add(d.label(s, pdfStRankHead, pdfRankHeadH, 0))
}

// pdfRankPerRow is how many units of one list share a row.
const pdfRankPerRow = 2

func pdfRankRows(n int) int { return (n + pdfRankPerRow - 1) / pdfRankPerRow }

// rankCells is row i of one list: two units with their places and rates,
// "无" in the first row of an empty list, blank cells below a shorter list.
func (d *pdfDoc) rankCells(xs []pdfRanked, i int, on, shade bool) []core.Col {
	style := &props.Cell{BorderType: border.Bottom, BorderColor: &pdfRule, BorderThickness: pdfThin}
	if shade {
		style.BackgroundColor = &pdfShade
	}
	var out []core.Col
	for j := range pdfRankPerRow {
		k := i*pdfRankPerRow + j
		place := col.New(pdfRankPlaceW).WithStyle(style)
		name := col.New(pdfRankSideW/pdfRankPerRow - pdfRankPlaceW - pdfRankRateW).WithStyle(style)
		rate := col.New(pdfRankRateW).WithStyle(style)
		switch {
		case k < len(xs):
			place.Add(d.label(fmt.Sprint(xs[k].Place), pdfStRankPlace, pdfRankRowH, 0))
			w := float64(pdfRankSideW/pdfRankPerRow-pdfRankPlaceW-pdfRankRateW) - 1
			name.Add(d.label(xs[k].Name, pdfFit(d, xs[k].Name, pdfStRankName, w), pdfRankRowH, 0))
			rate.Add(d.label(xs[k].Rate, pdfStRankName, pdfRankRowH, 0))
		case k == 0 && on:
			name.Add(d.label("无", pdfStRankName, pdfRankRowH, 0))
		}
		out = append(out, place, name, rate)
	}
	return out
}
