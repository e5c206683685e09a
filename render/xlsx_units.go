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
	b.head(s, c, row, c+1, row, "整改率")
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
	cols := 6 + 2*n
	b.title(s, 1, cols, rollupTitle(r, "分单位统计"), b.st.title, 32)
	b.head(s, 1, 2, 1, 3, "单位")
	b.head(s, 2, 2, 2, 3, "报送情况")
	c := b.figureHeader(s, 2, 3)
	b.head(s, c, 2, c, 3, "累计\n未整改")
	b.head(s, c+1, 2, c+1, 3, "整改率\n排名")
	row := 4
	for _, u := range r.Units {
		b.unitRow(row, u)
		row++
	}
	b.str(s, 1, row, cjkQuotes(r.Config.Report.Scope)+"合计", b.st.totalText)
	b.blank(s, 2, row)
	c = b.figureCells(s, row, 3, true, r.Month, r.YearToDate, true)
	b.num(s, c, row, unrectified(r.YTDRate), b.st.totalCount)
	b.blank(s, c+1, row)
	last := row - 1
	b.unitFormats(n, last)
	b.filter(s, 1, 3, cols, last)
	b.note(s, row+2, cols, "说明：排名按累计整改率从高到低；“未报送”“已退回”“待核实”的单位本月数空缺，不计入本月合计，累计数为已采用月份之和，名次后标*；整改率列按高低着色（红低绿高）。")
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
	b.num(s, c, row, unrectified(b.rateOf(u.YearToDate)), b.st.count)
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
	scale := []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=",
		MinType: "min", MidType: "percentile", MaxType: "max", MidValue: "50",
		MinColor: xlColorLow, MidColor: xlColorMid, MaxColor: xlColorHigh}}
	for _, c := range []int{3 + 2*n, 4 + 2*n} {
		if b.err == nil {
			b.err = b.f.SetConditionalFormat(s, cell(c, 4)+":"+cell(c, last), scale)
		}
	}
	bar := []excelize.ConditionalFormatOptions{{Type: "data_bar", Criteria: "=",
		MinType: "num", MinValue: "0", MaxType: "max", BarColor: xlColorBar, BarSolid: true}}
	if b.err == nil {
		b.err = b.f.SetConditionalFormat(s, cell(5+2*n, 4)+":"+cell(5+2*n, last), bar)
	}
}

// areaSheet writes 分类别: the citywide figures of each work area; rows of
// sheets that gave only totals are under the unclassified label.
func (b *book) areaSheet() {
	s, r := sheetByArea, b.r
	n := len(r.Metrics())
	cols := 4 + 2*n
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
