package render

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
)

// Chart geometry in pixels, sized to fill an A4 landscape page.
const (
	xlChartW   = 940
	xlChartH   = 440
	xlChartRow = 20 // pixels of a default row
)

// Series colours: found, rectified, rate.
const (
	xlColorFound     = "4472C4"
	xlColorRectified = "70AD47"
	xlColorRate      = "C00000"
)

// xlRuns is chart text in a dark colour and a font Chinese Windows has;
// LibreOffice would otherwise draw it in a faint grey.
func xlRuns(text string, size float64, bold bool) []excelize.RichTextRun {
	return []excelize.RichTextRun{{Text: text,
		Font: &excelize.Font{Family: fontTitle, Size: size, Bold: bold, Color: "000000"}}}
}

// xlAxis is an axis with dark labels, a title and an optional number format.
func xlAxis(title, numFmt string, grid bool) excelize.ChartAxis {
	a := excelize.ChartAxis{MajorGridLines: grid,
		Font:  excelize.Font{Family: fontBody, Size: 10, Color: "000000"},
		Title: excelize.ChartTitle{Paragraph: xlRuns(title, 10, true)}}
	if numFmt != "" {
		a.NumFmt = excelize.ChartNumFmt{CustomNumFmt: numFmt}
	}
	return a
}

// xlChart is a chart of the given type with a title, axis titles and a
// legend below.
func xlChart(typ excelize.ChartType, title, xTitle, yTitle, yFmt string, series []excelize.ChartSeries) *excelize.Chart {
	return &excelize.Chart{
		Type: typ, Series: series,
		Title:     excelize.ChartTitle{Paragraph: xlRuns(title, 14, true)},
		XAxis:     xlAxis(xTitle, "", false),
		YAxis:     xlAxis(yTitle, yFmt, true),
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: fontBody, Size: 10, Color: "000000"}},
		Dimension: excelize.ChartDimension{Width: xlChartW, Height: xlChartH},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
	}
}

// xlSeries is one series named by a header cell, filled in colour.
func xlSeries(name, cats, vals, color string) excelize.ChartSeries {
	return excelize.ChartSeries{Name: name, Categories: cats, Values: vals,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}}
}

// xlLineSeries is a series drawn as a line with markers.
func xlLineSeries(name, cats, vals, color string) excelize.ChartSeries {
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	return excelize.ChartSeries{Name: name, Categories: cats, Values: vals, Fill: fill,
		Line:   excelize.LineOptions{Width: 2, Fill: fill},
		Marker: excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: fill}}
}

// addChart anchors a chart at a cell.
func (b *book) addChart(sheet string, col, row int, c *excelize.Chart, combo ...*excelize.Chart) {
	if b.err == nil {
		b.err = b.f.AddChart(sheet, cell(col, row), c, combo...)
	}
}

// pageBreak starts a new printed page at row.
func (b *book) pageBreak(sheet string, row int) {
	if b.err == nil {
		b.err = b.f.InsertPageBreak(sheet, cell(1, row))
	}
}

// xlChartRows is how many rows a chart covers, with a margin.
func xlChartRows() int { return xlChartH/xlChartRow + 2 }

// monthSheet writes 逐月: the citywide figures of each month January to the
// period, their total, and a chart of problems found and rectified with the
// rate on a second axis.
func (b *book) monthSheet() {
	s, r := sheetByMonth, b.r
	n := len(r.Metrics())
	diffs := r.Config.Differences()
	cols := 2 + n + b.rateCols() + len(diffs)
	b.title(s, 1, cols, span(r.Period)+"逐月统计", b.st.title, 32)
	b.head(s, 1, 2, 1, 2, "月份")
	b.head(s, 2, 2, 2, 2, fmt.Sprintf("报送单位数\n（应报%d个）", len(r.Units)))
	for i, m := range r.Metrics() {
		b.head(s, 3+i, 2, 3+i, 2, metricHead(m))
	}
	if d, ok := r.Config.HeadlineRate(); ok {
		b.head(s, 3+n, 2, 3+n, 2, derivedShort(d))
	}
	for i, d := range diffs {
		b.head(s, 3+n+b.rateCols()+i, 2, 3+n+b.rateCols()+i, 2, derivedShort(d))
	}
	row := 3
	sum := aggregate.Figures{}
	for _, mt := range r.ByMonth {
		b.str(s, 1, row, mt.Period.Chinese(), b.st.center)
		b.num(s, 2, row, int64(mt.Units), b.st.count)
		b.monthFigures(row, mt.Totals, false)
		sum.Add(mt.Totals)
		row++
	}
	b.str(s, 1, row, cumulativeLabel(r.Period), b.st.totalText)
	b.blank(s, 2, row)
	b.monthFigures(row, sum, true)
	ytd := r.YTDCoverage()
	b.note(s, row+1, cols, fmt.Sprintf("说明：各月为当月已采用报表之和，累计行为各月之和；%s应报报表%d份，已采用%d份。", span(r.Period), ytd.Expected, ytd.Reported))
	b.freeze(s, 1, 2)
	b.print(s, true, 0, 0)
	if len(r.ByMonth) > 0 && r.HasRate() {
		b.pageBreak(s, row+3)
		b.monthChart(row+3, 3, row-1)
	}
}

// monthFigures writes one month's figures, rate and differences.
func (b *book) monthFigures(row int, f aggregate.Figures, total bool) {
	s, n := sheetByMonth, len(b.r.Metrics())
	count, rate := b.st.count, b.st.rate
	if total {
		count, rate = b.st.totalCount, b.st.totalRate
	}
	for i, m := range b.r.Metrics() {
		b.fig(s, 3+i, row, m, f[m.ID], count)
	}
	if b.r.HasRate() {
		b.rate(s, 3+n, row, b.rateOf(f), rate)
	}
	for i, d := range b.r.Config.Differences() {
		b.num(s, 3+n+b.rateCols()+i, row, aggregate.Difference(d, f), count)
	}
}

// monthChart draws the two metrics of the headline rate by month as
// columns and the rate as a line on the right-hand axis, at row at; data
// rows r1..r2.
func (b *book) monthChart(at, r1, r2 int) {
	s := sheetByMonth
	cats := xlRange(s, 1, r1, 1, r2)
	d, _ := b.r.Config.HeadlineRate()
	found, rect := b.metricCol(d.Right), b.metricCol(d.Left)
	rateCol := 3 + len(b.r.Metrics())
	title := span(b.r.Period) + b.metricName(d.Right) + "与" + b.metricShort(d.Left) + "情况"
	c := xlChart(excelize.Col, title, "月份", rateAxisTitle(b.r.Config, d), "#,##0", []excelize.ChartSeries{
		xlSeries(xlAbs(s, found, 2), cats, xlRange(s, found, r1, found, r2), xlColorFound),
		xlSeries(xlAbs(s, rect, 2), cats, xlRange(s, rect, r1, rect, r2), xlColorRectified),
	})
	line := &excelize.Chart{Type: excelize.Line,
		Series: []excelize.ChartSeries{xlLineSeries(xlAbs(s, rateCol, 2), cats, xlRange(s, rateCol, r1, rateCol, r2), xlColorRate)},
		YAxis:  xlAxis(d.Name, "0.0%", false)}
	line.YAxis.Secondary = true
	lo, hi := b.rateFloor(b.monthRates()), 1.0
	line.YAxis.Minimum, line.YAxis.Maximum = &lo, &hi
	b.addChart(s, 1, at, c, line)
}

// metricCol is the column of the metric with id in 逐月, 3 for the first.
func (b *book) metricCol(id string) int {
	for i, m := range b.r.Metrics() {
		if m.ID == id {
			return 3 + i
		}
	}
	return 3
}

// chartSheet writes 图表: two charts by unit, each on its own page, and
// below them the figures they are drawn from, so that sorting or
// filtering 分单位 does not change them.
func (b *book) chartSheet() {
	s, r := sheetCharts, b.r
	b.title(s, 1, 12, rollupTitle(r, "图表"), b.st.title, 32)
	h := xlChartRows()
	dataRow := 2 + 2*h + 2
	n := len(r.Units)
	if !r.HasRate() {
		n = 0 // the charts are of the headline rate and its two metrics
	} else {
		b.chartData(dataRow)
	}
	if n > 0 {
		b.foundChart(2, dataRow+2, dataRow+1+n)
		b.pageBreak(s, 2+h)
		b.rateChart(2+h, dataRow+2, dataRow+1+n)
	}
	b.pageBreak(s, dataRow)
	b.print(s, true, 0, 0)
}

// chartData writes the figures of the charts from row: by unit in the
// configured order, then by rate, best first.
func (b *book) chartData(row int) {
	s, r := sheetCharts, b.r
	b.section(s, row, "图表数据（"+cumulativeLabel(r.Period)+"）")
	d, _ := r.Config.HeadlineRate()
	for i, h := range []string{"单位", b.metricName(d.Right), b.metricName(d.Left)} {
		b.head(s, 1+i, row+1, 1+i, row+1, h)
	}
	b.head(s, 5, row+1, 5, row+1, "单位（按"+d.Name+"）")
	b.head(s, 6, row+1, 6, row+1, d.Name)
	b.head(s, 7, row+1, 7, row+1, "全市"+d.Name)
	b.tall(s, row+1, 2)
	for i, u := range r.Units {
		rt := b.rateOf(u.YearToDate)
		b.str(s, 1, row+2+i, u.Name, b.st.text)
		b.num(s, 2, row+2+i, rt.Den, b.st.count)
		b.num(s, 3, row+2+i, rt.Num, b.st.count)
	}
	for i, u := range b.byRate() {
		b.str(s, 5, row+2+i, u.Name, b.st.text)
		if rt := b.rateOf(u.YearToDate); rt.Valid() {
			b.flt(s, 6, row+2+i, rt.Float(), b.st.rate, 8)
		} else {
			b.blank(s, 6, row+2+i)
		}
		b.rate(s, 7, row+2+i, r.YTDRate, b.st.rate)
	}
}

// byRate is the units by year-to-date rate, best first; units without a
// rate last, each group in the configured order.
func (b *book) byRate() []aggregate.UnitRow {
	us := append([]aggregate.UnitRow(nil), b.r.Units...)
	sort.SliceStable(us, func(i, j int) bool {
		ri, rj := b.rateOf(us[i].YearToDate), b.rateOf(us[j].YearToDate)
		if ri.Valid() != rj.Valid() {
			return ri.Valid()
		}
		return ri.Num*rj.Den > rj.Num*ri.Den
	})
	return us
}

// foundChart draws problems found and rectified by unit, data rows r1..r2.
func (b *book) foundChart(at, r1, r2 int) {
	s := sheetCharts
	cats := xlRange(s, 1, r1, 1, r2)
	d, _ := b.r.Config.HeadlineRate()
	c := xlChart(excelize.Col, "各单位"+b.metricName(d.Right)+"与"+b.metricName(d.Left)+"（"+cumulativeLabel(b.r.Period)+"）", "单位", rateAxisTitle(b.r.Config, d), "#,##0",
		[]excelize.ChartSeries{
			xlSeries(xlAbs(s, 2, r1-1), cats, xlRange(s, 2, r1, 2, r2), xlColorFound),
			xlSeries(xlAbs(s, 3, r1-1), cats, xlRange(s, 3, r1, 3, r2), xlColorRectified),
		})
	b.addChart(s, 1, at, c)
}

// rateChart draws the rate by unit, best first, with the citywide rate as
// a line; the value axis starts near the lowest rate so that differences
// of a few tenths show, and every column is labelled with its value.
func (b *book) rateChart(at, r1, r2 int) {
	s := sheetCharts
	cats := xlRange(s, 5, r1, 5, r2)
	d, _ := b.r.Config.HeadlineRate()
	c := xlChart(excelize.Col, "各单位"+d.Name+"（"+cumulativeLabel(b.r.Period)+"，由高到低）", "单位", d.Name, "0%",
		[]excelize.ChartSeries{xlSeries(xlAbs(s, 6, r1-1), cats, xlRange(s, 6, r1, 6, r2), xlColorFound)})
	c.PlotArea = excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0%"}}
	lo, hi := b.rateFloor(b.unitRates()), 1.0
	c.YAxis.Minimum, c.YAxis.Maximum = &lo, &hi
	line := &excelize.Chart{Type: excelize.Line, XAxis: c.XAxis, YAxis: c.YAxis,
		Series: []excelize.ChartSeries{xlLineSeries(xlAbs(s, 7, r1-1), cats, xlRange(s, 7, r1, 7, r2), xlColorRate)}}
	line.Series[0].Marker.Symbol = "none"
	b.addChart(s, 1, at, c, line)
}

// unitRates are the units' year-to-date rates.
func (b *book) unitRates() []aggregate.Rate {
	var rs []aggregate.Rate
	for _, u := range b.r.Units {
		rs = append(rs, b.rateOf(u.YearToDate))
	}
	return rs
}

// monthRates are the citywide rates of each month.
func (b *book) monthRates() []aggregate.Rate {
	var rs []aggregate.Rate
	for _, m := range b.r.ByMonth {
		rs = append(rs, b.rateOf(m.Totals))
	}
	return rs
}

// rateFloor is where a rate axis starts: a whole percent at least one
// below the lowest rate, and 0 when rates spread widely.
func (b *book) rateFloor(rs []aggregate.Rate) float64 {
	low := 1.0
	for _, rt := range rs {
		if rt.Valid() {
			low = min(low, rt.Float())
		}
	}
	floor := math.Floor(low*100-1) / 100
	if floor < 0.5 {
		return 0
	}
	return floor
}
