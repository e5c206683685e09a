package render

import (
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"jianbao/aggregate"
	"jianbao/render/fonts"
	"jianbao/templates"
)

// Geometry and styles of the table by unit.
const (
	pdfNameW  = 18
	pdfRateW  = 12
	pdfRankW  = 7
	pdfGroupH = 6.0
	pdfHeadH  = 10.0
	pdfBodyH  = 6.1
)

var (
	pdfStHead   = pdfStyle{family: fonts.Hei, size: 7.5, align: align.Center, lead: 1.3}
	pdfStCell   = pdfStyle{family: fonts.Song, size: 8.5, align: align.Center}
	pdfStTotal  = pdfStyle{family: fonts.Hei, size: 8.5, align: align.Center}
	pdfStStatus = pdfStyle{family: fonts.Song, size: 8.5, color: &pdfGrey, align: align.Center}
	pdfStLow    = pdfStyle{family: fonts.Song, size: 8.5, color: &pdfRed, align: align.Center}
)

// pdfTable is the layout of the table by unit: the month's problems found and
// rectified and its rate, every metric for the year to date and its rate,
// and the rank.
type pdfTable struct {
	month, ytd []templates.Metric
	numW       []int // widths of the month then the year-to-date metric columns
	cityRate   aggregate.Rate
	// rateName, rateW and rankW are the headline rate's name and the widths
	// of its columns and of the rank; 0 when none is configured.
	rateName     string
	rateW, rankW int
	// monthHead and ytdHead head the two column groups, with the coverage
	// when a sheet is missing or refused; status words the month of a
	// unit not counted, by status.
	monthHead, ytdHead string
	shade              bool // the row being made is an alternate one, on a light background
	status             map[aggregate.Status]string
}

func newPDFTable(r *aggregate.Report) pdfTable {
	t := pdfTable{cityRate: r.YTDRate}
	var shown []templates.Metric
	for _, m := range r.Config.Metrics {
		if m.InBriefing() {
			shown = append(shown, m)
		}
	}
	t.ytd = shown
	// The month shows the headline rate's two metrics (the whole, then
	// the part) and the rate; without a rate, every metric shown.
	if d, ok := r.Config.HeadlineRate(); ok {
		t.rateName, t.rateW = d.Name, pdfRateW
		for _, id := range []string{d.Right, d.Left} {
			if m, ok := pdfMetricOf(shown, id); ok {
				t.month = append(t.month, m)
			}
		}
	} else {
		t.month = shown
	}
	if _, ok := r.Config.Ranked(); ok {
		t.rankW = pdfRankW
	}
	n := len(t.month) + len(t.ytd)
	t.numW = pdfSplit(pdfGrid-pdfNameW-2*t.rateW-t.rankW, n)
	return t
}

func pdfMetricOf(ms []templates.Metric, id string) (templates.Metric, bool) {
	for _, m := range ms {
		if m.ID == id {
			return m, true
		}
	}
	return templates.Metric{}, false
}

func (t pdfTable) monthWidth() int { return pdfSum(t.numW[:len(t.month)]) + t.rateW }
func (t pdfTable) ytdWidth() int   { return pdfSum(t.numW[len(t.month):]) + t.rateW }

// pdfAddCols appends the columns whose width w is not 0.
func pdfAddCols(cols []core.Col, w int, add ...core.Col) []core.Col {
	if w == 0 {
		return cols
	}
	return append(cols, add...)
}

func pdfSum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

var pdfThin = 0.2

func pdfCell(w int, b border.Type) core.Col {
	return col.New(w).WithStyle(&props.Cell{BorderType: b, BorderColor: &pdfBlack, BorderThickness: pdfThin})
}

// pdfShadedCell is a cell of an alternate body row: bordered like the
// others, on the light background. (A background given to the whole row
// would stand in place of its cells, borders and all.)
func pdfShadedCell(w int) core.Col {
	return col.New(w).WithStyle(&props.Cell{BorderType: border.Full, BorderColor: &pdfBlack, BorderThickness: pdfThin, BackgroundColor: &pdfShade})
}

// pdfUnitTable writes the table, repeating its header on each page it spans.
func pdfUnitTable(d *pdfDoc, r *aggregate.Report, v pdfView, n pdfNarrative) error {
	t := newPDFTable(r)
	if err := t.words(r, v, n); err != nil {
		return err
	}
	head := t.header(d, r, v)
	body := t.bodyRows(d, r)
	whole := pdfGroupH + pdfHeadH + float64(len(body))*pdfBodyH
	if whole <= pdfUsableHeight {
		d.keep(whole)
	} else {
		d.keep(pdfGroupH + pdfHeadH + 3*pdfBodyH)
	}
	d.add(head...)
	for _, b := range body {
		if !d.fits(pdfBodyH) {
			d.newPage()
			d.add(t.header(d, r, v)...)
		}
		d.add(b)
	}
	d.space(3)
	return nil
}

// words takes the group heads and status words from the narrative.
func (t *pdfTable) words(r *aggregate.Report, v pdfView, n pdfNarrative) error {
	t.monthHead, t.ytdHead = fmt.Sprintf("%d月", v.Month), v.Span+"累计"
	if !v.MonthComplete {
		c, err := n.line("month_coverage", v)
		if err != nil {
			return err
		}
		if c != "" {
			t.monthHead += "（" + c + "）"
		}
	}
	if !v.YTDComplete {
		c, err := n.line("ytd_coverage", v)
		if err != nil {
			return err
		}
		if c != "" {
			t.ytdHead += "（" + c + "）"
		}
	}
	t.status = map[aggregate.Status]string{}
	for _, u := range r.Units {
		if u.Reported() || t.status[u.Status] != "" {
			continue
		}
		w, err := n.text("status", string(u.Status))
		if err != nil {
			return err
		}
		if w == "" {
			w = pdfStatusWord(u.Status)
		}
		t.status[u.Status] = w
	}
	return nil
}

func (t pdfTable) header(d *pdfDoc, r *aggregate.Report, v pdfView) []core.Row {
	unitLabel := d.labelAt("单位", pdfStHead, (pdfGroupH+pdfHeadH)/2-0.62*pdfStHead.size*pdfPtToMM, 0)
	rankLabel := d.labelAt("排名", pdfStHead, (pdfGroupH+pdfHeadH)/2-0.62*pdfStHead.size*pdfPtToMM, 0)
	tops := []core.Col{
		pdfCell(pdfNameW, border.Left|border.Top|border.Right).Add(unitLabel),
		pdfCell(t.monthWidth(), border.Full).Add(d.label(t.monthHead, pdfFit(d, t.monthHead, pdfStHead, float64(t.monthWidth())-1), pdfGroupH, 0)),
		pdfCell(t.ytdWidth(), border.Full).Add(d.label(t.ytdHead, pdfFit(d, t.ytdHead, pdfStHead, float64(t.ytdWidth())-1), pdfGroupH, 0)),
	}
	if t.rankW > 0 {
		tops = append(tops, pdfCell(t.rankW, border.Left|border.Top|border.Right).Add(rankLabel))
	}
	top := row.New(pdfGroupH).Add(tops...)
	cols := []core.Col{pdfCell(pdfNameW, border.Left|border.Bottom|border.Right)}
	for i, m := range t.month {
		cols = append(cols, t.headCell(d, m, t.numW[i]))
	}
	cols = pdfAddCols(cols, t.rateW, t.headText(d, t.rateName, t.rateW))
	for i, m := range t.ytd {
		cols = append(cols, t.headCell(d, m, t.numW[len(t.month)+i]))
	}
	cols = pdfAddCols(cols, t.rateW, t.headText(d, t.rateName, t.rateW))
	cols = pdfAddCols(cols, t.rankW, pdfCell(t.rankW, border.Left|border.Bottom|border.Right))
	return []core.Row{top, row.New(pdfHeadH).Add(cols...)}
}

func (t pdfTable) headCell(d *pdfDoc, m templates.Metric, w int) core.Col {
	name := m.Short
	if name == "" {
		name = m.Name
	}
	return t.headText(d, name, w)
}

func (t pdfTable) headText(d *pdfDoc, s string, w int) core.Col {
	s = cjkQuotes(s)
	ls := cjkWrapBalanced(s, d.face(s, pdfStHead.family), pdfStHead.size, float64(w)-1)
	return pdfCell(w, border.Full).Add(d.lines(ls, pdfStHead, pdfHeadH)...)
}

func (t pdfTable) bodyRows(d *pdfDoc, r *aggregate.Report) []core.Row {
	var out []core.Row
	for i, u := range r.Units {
		shaded := t
		shaded.shade = i%2 == 1
		out = append(out, shaded.unitRow(d, u))
	}
	scope := r.Config.Report.Scope
	if scope == "" {
		scope = "合计"
	}
	total := aggregate.UnitRow{Name: scope, Status: aggregate.Accepted, Month: r.Month, YearToDate: r.YearToDate,
		MonthRate: r.MonthRate, YTDRate: r.YTDRate}
	return append(out, t.totalRow(d, total))
}

func (t pdfTable) unitRow(d *pdfDoc, u aggregate.UnitRow) core.Row {
	cols := []core.Col{t.text(d, u.Name, pdfStCell, pdfNameW)}
	if u.Reported() {
		cols = append(cols, t.monthCols(d, u, pdfStCell)...)
	} else {
		cols = append(cols, t.text(d, t.status[u.Status], pdfStStatus, t.monthWidth()))
	}
	cols = append(cols, t.ytdCols(d, u, pdfStCell)...)
	rateStyle := pdfStCell
	if t.below(u.YTDRate) {
		rateStyle = pdfStLow
	}
	rank := pdfRank(u.Rank)
	if u.Rank > 0 && !u.Reported() {
		rank += "*" // ranked for the year to date, with nothing accepted this month
	}
	cols = pdfAddCols(cols, t.rateW, t.text(d, u.YTDRate.Percent(), rateStyle, t.rateW))
	cols = pdfAddCols(cols, t.rankW, t.text(d, rank, pdfStCell, t.rankW))
	return row.New(pdfBodyH).Add(cols...)
}

func (t pdfTable) totalRow(d *pdfDoc, u aggregate.UnitRow) core.Row {
	cols := []core.Col{t.text(d, u.Name, pdfStTotal, pdfNameW)}
	cols = append(cols, t.monthCols(d, u, pdfStTotal)...)
	cols = append(cols, t.ytdCols(d, u, pdfStTotal)...)
	cols = pdfAddCols(cols, t.rateW, t.text(d, u.YTDRate.Percent(), pdfStTotal, t.rateW))
	cols = pdfAddCols(cols, t.rankW, t.text(d, "", pdfStTotal, t.rankW))
	return row.New(pdfBodyH).Add(cols...)
}

func (t pdfTable) monthCols(d *pdfDoc, u aggregate.UnitRow, st pdfStyle) []core.Col {
	cols := t.numbers(d, u.Month, t.month, t.numW[:len(t.month)], st)
	return pdfAddCols(cols, t.rateW, t.text(d, u.MonthRate.Percent(), st, t.rateW))
}

func (t pdfTable) ytdCols(d *pdfDoc, u aggregate.UnitRow, st pdfStyle) []core.Col {
	return t.numbers(d, u.YearToDate, t.ytd, t.numW[len(t.month):], st)
}

func (t pdfTable) numbers(d *pdfDoc, f aggregate.Figures, ms []templates.Metric, ws []int, st pdfStyle) []core.Col {
	cols := make([]core.Col, len(ms))
	for i, m := range ms {
		cols[i] = t.text(d, pdfNum(f[m.ID], m.Places()), st, ws[i])
	}
	return cols
}

func (t pdfTable) text(d *pdfDoc, s string, st pdfStyle, w int) core.Col {
	c := pdfCell(w, border.Full)
	if t.shade {
		c = pdfShadedCell(w)
	}
	if s == "" {
		return c
	}
	return c.Add(d.label(s, pdfFit(d, s, st, float64(w)-1), pdfBodyH, 0))
}

// pdfFit shrinks the style's size so that s fits width millimetres on one
// line, down to six points at most.
func pdfFit(d *pdfDoc, s string, st pdfStyle, width float64) pdfStyle {
	s = cjkQuotes(s)
	w := fonts.StringWidth(d.face(s, st.family), s, st.size)
	if w > width && w > 0 {
		st.size = max(st.size*width/w, 6)
	}
	return st
}

// below reports whether a unit's rate is under the citywide one.
func (t pdfTable) below(r aggregate.Rate) bool {
	return r.Valid() && t.cityRate.Valid() && r.Num*t.cityRate.Den < t.cityRate.Num*r.Den
}

func pdfRank(n int) string {
	if n <= 0 {
		return "—"
	}
	return fmt.Sprint(n)
}

// pdfStatusWord is the word of a status for a narrative without a
// "status" template.
func pdfStatusWord(s aggregate.Status) string {
	switch s {
	case aggregate.Excluded:
		return "未通过校验"
	case aggregate.Conflict:
		return "待核实"
	}
	return "未报送"
}
