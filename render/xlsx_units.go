package render

import (
	"jianbao/aggregate"

	"github.com/xuri/excelize/v2"
)

// Colours of the conditional formats: low rates red, high ones green.
const (
	xlColorLow  = "F8696B"
	xlColorMid  = "FFEB84"
	xlColorHigh = "63BE7B"
	xlColorBar  = "F4B183"
)

// figureHeader writes the month and year-to-date column groups of a figure
// table from column c0 on header rows row and row+1; returns the next column.
func (b *book) figureHeader(s string, row, c0 int) int {
	n := len(b.r.Metrics())
	b.head(s, c0, row, c0+n-1, row, "本月"+monthCoverage(b.r))
	b.head(s, c0+n, row, c0+2*n-1, row, cumulativeLabel(b.r.Period)+ytdCoverage(b.r))
	for i, m := range b.r.Metrics() {
		h := metricHead(m)
		b.head(s, c0+i, row+1, c0+i, row+1, h)
		b.head(s, c0+n+i, row+1, c0+n+i, row+1, h)
	}
	c := c0 + 2*n
	b.height(s, row+1, 30)
	d, ok := b.r.Config.HeadlineRate()
	if !ok {
		return c
	}
	b.head(s, c, row, c+1, row, d.Name)
	b.head(s, c, row+1, c, row+1, "本月")
	b.head(s, c+1, row+1, c+1, row+1, "累计")
	return c + 2
}

// figureCells writes a row's month and year-to-date figures and rates from
// column c0; a month without an accepted sheet is left blank rather than
// shown as zeros. Returns the next column.
func (b *book) figureCells(s string, row, c0 int, hasMonth bool, month, ytd aggregate.Figures, total bool) int {
	n := len(b.r.Metrics())
	count, rate := b.st.count, b.st.rate
	if total {
		count, rate = b.st.totalCount, b.st.totalRate
	}
	for i, m := range b.r.Metrics() {
		if hasMonth {
			b.fig(s, c0+i, row, m, month[m.ID], count)
		} else {
			b.blank(s, c0+i, row)
		}
		b.fig(s, c0+n+i, row, m, ytd[m.ID], count)
	}
	if !b.r.HasRate() {
		return c0 + 2*n
	}
	if hasMonth {
		b.rate(s, c0+2*n, row, b.rateOf(month), rate)
	} else {
		b.dash(s, c0+2*n, row)
	}
	b.rate(s, c0+2*n+1, row, b.rateOf(ytd), rate)
	return c0 + 2*n + 2
}

// unitSheet writes 分单位: one row per unit with the month's and the year's
// figures, both rates, the problems not rectified and the rank, then the
// citywide total. Units that sent nothing or were turned back are marked.
func (b *book) unitSheet() {
	s, r := sheetByUnit, b.r
	n := len(r.Metrics())
	diffs := r.Config.Differences()
	ranked, hasRank := r.Config.Ranked()
	cols := 2 + 2*n + 2*b.rateCols() + len(diffs)
	if hasRank {
		cols++
	}
	b.title(s, 1, cols, rollupTitle(r, "分单位统计"), b.st.title, 32)
	b.head(s, 1, 2, 1, 3, "单位")
	b.head(s, 2, 2, 2, 3, "报送情况")
	c := b.figureHeader(s, 2, 3)
	for i, d := range diffs {
		b.head(s, c+i, 2, c+i, 3, "累计\n"+derivedShort(d))
	}
	if hasRank {
		b.head(s, c+len(diffs), 2, c+len(diffs), 3, derivedShort(ranked)+"\n排名")
	}
	row := 4
	for _, u := range r.Units {
		b.unitRow(row, u)
		row++
	}
	b.str(s, 1, row, cjkQuotes(r.Config.Report.Scope)+"合计", b.st.totalText)
	b.blank(s, 2, row)
	c = b.figureCells(s, row, 3, true, r.Month, r.YearToDate, true)
	for i, d := range diffs {
		b.num(s, c+i, row, aggregate.Difference(d, r.YearToDate), b.st.totalCount)
	}
	if hasRank {
		b.blank(s, c+len(diffs), row)
	}
	last := row - 1
	b.unitFormats(n, last)
	b.filter(s, 1, 3, cols, last)
	b.note(s, row+2, cols, b.unitNote())
	b.freeze(s, 2, 3)
	b.print(s, true, 2, 3)
}

// unitRow writes one unit's row.
func (b *book) unitRow(row int, u aggregate.UnitRow) {
	s := sheetByUnit
	status := b.st.center
	switch u.Status {
	case aggregate.Missing:
		status = b.st.missing
	case aggregate.Excluded, aggregate.Conflict:
		status = b.st.excluded
	}
	b.str(s, 1, row, u.Name, b.st.text)
	b.str(s, 2, row, statusText(u.Status), status)
	c := b.figureCells(s, row, 3, u.Status == aggregate.Accepted, u.Month, u.YearToDate, false)
	for i, d := range b.r.Config.Differences() {
		b.num(s, c+i, row, aggregate.Difference(d, u.YearToDate), b.st.count)
	}
	c += len(b.r.Config.Differences()) - 1 // the rank is at c+1
	if _, ok := b.r.Config.Ranked(); !ok {
		return
	}
	switch {
	case u.Rank > 0 && !u.Reported():
		b.num(s, c+1, row, int64(u.Rank), b.st.rankMarked) // shown as 5*: nothing accepted this month
	case u.Rank > 0:
		b.num(s, c+1, row, int64(u.Rank), b.st.center)
	default:
		b.dash(s, c+1, row)
	}
}

// unitFormats colours the rate columns from red (low) to green (high) and
// puts data bars on the problems not rectified, over the unit rows 4..last.
func (b *book) unitFormats(n, last int) {
	if b.err != nil || last < 4 {
		return
	}
	s := sheetByUnit
	low, high := xlColorLow, xlColorHigh
	if d, ok := b.r.Config.HeadlineRate(); ok && d.LowerIsBetter() {
		low, high = high, low
	}
	scale := []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=",
		MinType: "min", MidType: "percentile", MaxType: "max", MidValue: "50",
		MinColor: low, MidColor: xlColorMid, MaxColor: high}}
	rc := 2 * b.rateCols()
	for c := 3 + 2*n; c < 3+2*n+rc; c++ {
		if b.err == nil {
			b.err = b.f.SetConditionalFormat(s, cell(c, 4)+":"+cell(c, last), scale)
		}
	}
	bar := []excelize.ConditionalFormatOptions{{Type: "data_bar", Criteria: "=",
		MinType: "num", MinValue: "0", MaxType: "max", BarColor: xlColorBar, BarSolid: true}}
	for i := range b.r.Config.Differences() {
		if c := 3 + 2*n + rc + i; b.err == nil {
			b.err = b.f.SetConditionalFormat(s, cell(c, 4)+":"+cell(c, last), bar)
		}
	}
}

// areaSheet writes 分类别: the citywide figures of each work area; rows of
// sheets that gave only totals are under the unclassified label.
func (b *book) areaSheet() {
	s, r := sheetByArea, b.r
	n := len(r.Metrics())
	cols := 2 + 2*n + 2*b.rateCols()
	b.title(s, 1, cols, rollupTitle(r, "分类别统计"), b.st.title, 32)
	b.head(s, 1, 2, 1, 3, "工作类别")
	b.head(s, 2, 2, 2, 3, "说明")
	b.figureHeader(s, 2, 3)
	row := 4
	month, ytd := aggregate.Figures{}, aggregate.Figures{}
	for _, a := range r.Areas {
		b.str(s, 1, row, a.Area, b.st.text)
		b.str(s, 2, row, b.areaKind(a), b.st.center)
		b.figureCells(s, row, 3, true, a.Month, a.YearToDate, false)
		month.Add(a.Month)
		ytd.Add(a.YearToDate)
		row++
	}
	b.str(s, 1, row, "合计", b.st.totalText)
	b.blank(s, 2, row)
	b.figureCells(s, row, 3, true, month, ytd, true)
	b.note(s, row+2, cols, "说明：按各报表的工作类别行汇总；只报合计数的报表计入“"+b.unclassified()+"”；合计为各类别之和。")
	b.freeze(s, 1, 3)
	b.print(s, true, 2, 3)
}

// areaKind says where an area's rows came from.
func (b *book) areaKind(a aggregate.AreaTotals) string {
	switch {
	case a.Configured:
		return "标准类别"
	case a.Area == b.unclassified():
		return "只报合计数"
	}
	return "报表自填类别"
}

// unclassified is the label of rows without a work area.
func (b *book) unclassified() string {
	if u := b.r.Config.Labels.Unclassified; u != "" {
		return u
	}
	return "未分类"
}

// unitNote explains 分单位: the order of the ranks, the units without a
// counted sheet, and the colours of the rate columns.
func (b *book) unitNote() string {
	note := "说明："
	if d, ok := b.r.Config.Ranked(); ok {
		order := "从高到低"
		if d.LowerIsBetter() {
			order = "从低到高"
		}
		note += "排名按累计" + d.Name + order + "；"
	}
	note += "“未报送”“已退回”“待核实”的单位本月数空缺，不计入本月合计，累计数为已采用月份之和"
	if _, ok := b.r.Config.Ranked(); ok {
		note += "，名次后标*"
	}
	if d, ok := b.r.Config.HeadlineRate(); ok {
		colours := "（红低绿高）"
		if d.LowerIsBetter() {
			colours = "（绿低红高）"
		}
		note += "；" + d.Name + "列按高低着色" + colours
	}
	return note + "。"
}
