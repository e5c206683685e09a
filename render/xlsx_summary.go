package render

import (
	"fmt"
	"strings"

	"jianbao/aggregate"
)

// xlBase is a period the figures are compared with: last month, the same
// month or months of last year.
type xlBase struct {
	head, delta, pct string
	f                aggregate.Figures
}

// xlBlock is one column group of 汇总: the figures of a period and what
// they are compared with.
type xlBlock struct {
	group, head string
	f           aggregate.Figures
	rate        aggregate.Rate
	bases       []xlBase
}

// xlLine is one row of 汇总: a metric, the rate or the unrectified count.
type xlLine struct {
	name, measure string
	isRate        bool
	value         func(aggregate.Figures) int64 // counts
}

// summaryBlocks are the month and year-to-date groups, with only the
// comparisons that have data.
func (b *book) summaryBlocks() []xlBlock {
	r := b.r
	month := xlBlock{group: r.Period.Chinese(), head: "本月", f: r.Month, rate: r.MonthRate}
	if r.PrevMonth != nil {
		month.bases = append(month.bases, xlBase{"上月", "比上月增减", "比上月增幅", r.PrevMonth})
	}
	if r.LastYear.Month != nil {
		month.bases = append(month.bases, xlBase{"去年同月", "同比增减", "同比增幅", r.LastYear.Month})
	}
	ytd := xlBlock{group: cumulativeLabel(r.Period), head: "累计", f: r.YearToDate, rate: r.YTDRate}
	if r.LastYear.YearToDate != nil {
		ytd.bases = append(ytd.bases, xlBase{"去年同期", "同比增减", "同比增幅", r.LastYear.YearToDate})
	}
	return []xlBlock{month, ytd}
}

// summaryLines are the rows of 汇总.
func (b *book) summaryLines() []xlLine {
	var ls []xlLine
	for _, m := range b.r.Metrics() {
		id := m.ID
		ls = append(ls, xlLine{name: m.Name, measure: m.Measure, value: func(f aggregate.Figures) int64 { return f[id] }})
	}
	rateName := b.r.Config.Rate.Name
	if rateName == "" {
		rateName = "整改率"
	}
	ls = append(ls, xlLine{name: rateName, measure: "%", isRate: true},
		xlLine{name: "未整改问题", measure: "个", value: func(f aggregate.Figures) int64 { return unrectified(b.rateOf(f)) }})
	return ls
}

// summarySheet writes 汇总: the citywide figures of the month and the year
// to date, compared with last month and last year where there are figures,
// then the rectification rate and the problems not yet rectified.
func (b *book) summarySheet() {
	s, r := sheetSummary, b.r
	blocks := b.summaryBlocks()
	cols := 2
	for _, bl := range blocks {
		cols += 1 + 3*len(bl.bases)
	}
	b.title(s, 1, cols, rollupTitle(r, "统计汇总"), b.st.title, 40)
	b.title(s, 2, cols, b.summaryNote(), b.st.note, 20)
	b.head(s, 1, 3, 1, 4, "指标")
	b.head(s, 2, 3, 2, 4, "计量单位")
	col := 3
	for _, bl := range blocks {
		col = b.summaryHeader(col, bl)
	}
	row := 5
	for _, l := range b.summaryLines() {
		b.str(s, 1, row, l.name, b.st.text)
		b.str(s, 2, row, l.measure, b.st.center)
		col := 3
		for _, bl := range blocks {
			col = b.summaryCells(row, col, l, bl)
		}
		row++
	}
	b.summaryNotes(row+1, cols, blocks)
	b.freeze(s, 1, 4)
	b.print(s, false, 3, 4)
}

// summaryHeader writes the two header rows of a block from col and
// returns the next column.
func (b *book) summaryHeader(col int, bl xlBlock) int {
	s := sheetSummary
	n := 1 + 3*len(bl.bases)
	b.head(s, col, 3, col+n-1, 3, bl.group)
	b.head(s, col, 4, col, 4, bl.head)
	for i, base := range bl.bases {
		c := col + 1 + 3*i
		b.head(s, c, 4, c, 4, base.head)
		b.head(s, c+1, 4, c+1, 4, base.delta)
		b.head(s, c+2, 4, c+2, 4, base.pct)
	}
	return col + n
}

// summaryCells writes line l of block bl from col and returns the next column.
func (b *book) summaryCells(row, col int, l xlLine, bl xlBlock) int {
	s := sheetSummary
	if l.isRate {
		b.rate(s, col, row, bl.rate, b.st.rate)
	} else {
		b.num(s, col, row, l.value(bl.f), b.st.count)
	}
	for i, base := range bl.bases {
		c := col + 1 + 3*i
		if l.isRate {
			b.summaryRateChange(row, c, bl.rate, b.rateOf(base.f))
			continue
		}
		now, then := l.value(bl.f), l.value(base.f)
		b.num(s, c, row, then, b.st.count)
		b.num(s, c+1, row, now-then, b.st.delta)
		if then > 0 {
			pct := float64(now-then) / float64(then)
			b.flt(s, c+2, row, pct, b.st.deltaPct, textWidth(fmt.Sprintf("%+.1f%%", pct*100))+1)
		} else {
			b.dash(s, c+2, row)
		}
	}
	return col + 1 + 3*len(bl.bases)
}

// summaryRateChange writes the earlier rate and the change in percentage points.
func (b *book) summaryRateChange(row, c int, now, then aggregate.Rate) {
	s := sheetSummary
	b.rate(s, c, row, then, b.st.rate)
	if now.Valid() && then.Valid() {
		b.flt(s, c+1, row, (now.Float()-then.Float())*100, b.st.points, 14)
	} else {
		b.dash(s, c+1, row)
	}
	b.dash(s, c+2, row)
}

// summaryNote says how many units sent a sheet, and when the rollup was made.
func (b *book) summaryNote() string {
	accepted := 0
	for _, u := range b.r.Units {
		if u.Status == aggregate.Accepted {
			accepted++
		}
	}
	note := fmt.Sprintf("本月报送单位：%d/%d", accepted, len(b.r.Units))
	if !b.r.GeneratedAt.IsZero() {
		note += "　　生成时间：" + b.r.GeneratedAt.Format("2006-01-02 15:04")
	}
	return note
}

// summaryNotes names the units that sent nothing or were turned back, and
// explains the comparisons.
func (b *book) summaryNotes(row, cols int, blocks []xlBlock) {
	s := sheetSummary
	var missing, excluded []string
	for _, u := range b.r.Units {
		switch u.Status {
		case aggregate.Missing:
			missing = append(missing, u.Name)
		case aggregate.Excluded:
			excluded = append(excluded, u.Name)
		}
	}
	lines := []string{
		"未报送单位：" + xlList(missing),
		"报表被退回的单位：" + xlList(excluded),
		"说明：整改率＝" + b.metricName(b.r.Config.Rate.Numerator) + "÷" + b.metricName(b.r.Config.Rate.Denominator) +
			"；未整改问题＝" + b.metricName(b.r.Config.Rate.Denominator) + "－" + b.metricName(b.r.Config.Rate.Numerator) +
			"；增幅＝增减÷比较期数值；“—”表示无法计算。",
	}
	if len(blocks[0].bases) == 0 || blocks[0].bases[0].head != "上月" {
		lines = append(lines, "上月无已采用的报表（或本月为1月），未作环比。")
	}
	if b.r.LastYear.Month == nil && b.r.LastYear.YearToDate == nil {
		lines = append(lines, "去年同期无已采用的报表，未作同比。")
	} else if b.r.LastYear.YearToDate == nil {
		lines = append(lines, "去年1月至同月的报表不全，累计数未作同比。")
	}
	for i, l := range lines {
		b.note(s, row+i, cols, l)
	}
}

// xlList joins names with 、, or says 无.
func xlList(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	return strings.Join(names, "、")
}

// metricName is the name of the metric with id, or the id.
func (b *book) metricName(id string) string {
	for _, m := range b.r.Metrics() {
		if m.ID == id {
			return m.Name
		}
	}
	return id
}
