package render

import (
	"fmt"
	"strings"

	"jianbao/aggregate"
	"jianbao/templates"
)

// xlBase is a period the figures are compared with: last month, the same
// month or months of last year. The comparison is like for like: then and
// now are the figures of the units with figures in both periods.
type xlBase struct {
	head, delta, pct string
	c                aggregate.Comparison
}

// xlBlock is one column group of 汇总: the figures of a period and what
// they are compared with.
type xlBlock struct {
	group, head string
	f           aggregate.Figures
	rate        aggregate.Rate
	bases       []xlBase
}

// xlLine is one row of 汇总: a metric, the headline rate or a difference.
type xlLine struct {
	name, measure string
	isRate        bool
	value         func(aggregate.Figures) int64 // counts
	metric        templates.Metric              // of a metric's line: its decimals; zero for others
}

// summaryBlocks are the month and year-to-date groups, with only the
// comparisons that have data; a group heads its coverage when a sheet it
// expected is missing or refused.
func (b *book) summaryBlocks() []xlBlock {
	r := b.r
	month := xlBlock{group: r.Period.Chinese() + monthCoverage(r), head: "本月", f: r.Month, rate: r.MonthRate}
	if c := r.MonthOnMonth(); c.Valid() {
		month.bases = append(month.bases, xlBase{comparedHead("上月", c), "比上月增减", "比上月增幅", c})
	}
	if c := r.MonthOnLastYear(); c.Valid() {
		month.bases = append(month.bases, xlBase{comparedHead("去年同月", c), "同比增减", "同比增幅", c})
	}
	ytd := xlBlock{group: cumulativeLabel(r.Period) + ytdCoverage(r), head: "累计", f: r.YearToDate, rate: r.YTDRate}
	if c := r.YearOnYear(); c.Valid() {
		ytd.bases = append(ytd.bases, xlBase{comparedHead("去年同期", c), "同比增减", "同比增幅", c})
	}
	return []xlBlock{month, ytd}
}

// comparedHead heads the figures compared with: 上月, or 上月（13个单位可比）
// when not every unit is in both periods.
func comparedHead(head string, c aggregate.Comparison) string {
	if c.Complete() {
		return head
	}
	return fmt.Sprintf("%s（%d个单位可比）", head, len(c.Units))
}

// monthCoverage is "（16个单位中13个）" when a unit has no accepted sheet
// for the month, else "".
func monthCoverage(r *aggregate.Report) string {
	if c := r.MonthCoverage(); !c.Complete() {
		return fmt.Sprintf("（%d个单位中%d个）", c.Expected, c.Reported)
	}
	return ""
}

// ytdCoverage is "（应报160份中的29份）" when a sheet of the year to date
// is missing or refused, else "".
func ytdCoverage(r *aggregate.Report) string {
	if c := r.YTDCoverage(); !c.Complete() {
		return fmt.Sprintf("（应报%d份中的%d份）", c.Expected, c.Reported)
	}
	return ""
}

// summaryLines are the rows of 汇总.
func (b *book) summaryLines() []xlLine {
	var ls []xlLine
	for _, m := range b.r.Metrics() {
		id := m.ID
		ls = append(ls, xlLine{name: m.Name, measure: m.Measure, metric: m, value: func(f aggregate.Figures) int64 { return f[id] }})
	}
	if d, ok := b.r.Config.HeadlineRate(); ok {
		ls = append(ls, xlLine{name: d.Name, measure: "%", isRate: true})
	}
	for _, d := range b.r.Config.Differences() {
		ls = append(ls, xlLine{name: d.Name, measure: d.Measure, value: func(f aggregate.Figures) int64 { return aggregate.Difference(d, f) }})
	}
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
	if strings.Contains(bl.group, "（") { // the coverage: room for two lines
		b.tall(s, 3, 2)
		b.fit(s, col, textWidth(bl.group)/2/float64(n)+1)
	}
	for i, base := range bl.bases {
		c := col + 1 + 3*i
		if strings.Contains(base.head, "（") { // 上月（13个单位可比）: two lines
			b.tall(s, 4, 2)
			b.fit(s, c, textWidth(base.head)/2+1)
		}
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
		b.fig(s, col, row, l.metric, l.value(bl.f), b.st.count)
	}
	for i, base := range bl.bases {
		c := col + 1 + 3*i
		if l.isRate {
			b.summaryRateChange(row, c, b.rateOf(base.c.Now), b.rateOf(base.c.Then))
			continue
		}
		now, then := l.value(base.c.Now), l.value(base.c.Then)
		b.fig(s, c, row, l.metric, then, b.st.count)
		b.fig(s, c+1, row, l.metric, now-then, b.st.delta)
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
	month, ytd := b.r.MonthCoverage(), b.r.YTDCoverage()
	note := fmt.Sprintf("本月报送单位：%d/%d　　累计已采用报表：%d/%d份", month.Reported, month.Expected, ytd.Reported, ytd.Expected)
	if !b.r.GeneratedAt.IsZero() {
		note += "　　生成时间：" + b.r.GeneratedAt.Format("2006-01-02 15:04")
	}
	return note
}

// summaryNotes names the units that sent nothing or were turned back, and
// explains the comparisons.
func (b *book) summaryNotes(row, cols int, blocks []xlBlock) {
	s := sheetSummary
	var missing, excluded, conflict []string
	for _, u := range b.r.Units {
		switch u.Status {
		case aggregate.Missing:
			missing = append(missing, u.Name)
		case aggregate.Excluded:
			excluded = append(excluded, u.Name)
		case aggregate.Conflict:
			conflict = append(conflict, u.Name)
		}
	}
	lines := []string{
		"未报送单位：" + xlList(missing),
		"报表被退回的单位：" + xlList(excluded),
	}
	if len(conflict) > 0 {
		lines = append(lines, "报送了两份数字不同的报表、待核实的单位："+xlList(conflict))
	}
	lines = append(lines,
		"说明："+b.derivedNote()+"增幅＝增减÷比较期数值；“—”表示无法计算。",
		"增减和增幅按可比口径计算：只比较两期都有已采用报表的单位，比较期一栏为这些单位的数字；累计数的同比只比较两年各月报表都齐全的单位。")
	for _, bl := range blocks {
		for _, base := range bl.bases {
			if !base.c.Complete() {
				lines = append(lines, fmt.Sprintf("“%s”：按两期均报送的%d个单位（%s）比较。", base.head, len(base.c.Units), strings.Join(base.c.Units, "、")))
			}
		}
	}
	if !b.r.MonthOnMonth().Valid() {
		lines = append(lines, "上月无已采用的报表（或本月为1月），未作环比。")
	}
	if !b.r.MonthOnLastYear().Valid() && !b.r.YearOnYear().Valid() {
		lines = append(lines, "去年同期无可比的已采用报表，未作同比。")
	} else if !b.r.YearOnYear().Valid() {
		lines = append(lines, "没有单位两年1月至同月的报表都齐全，累计数未作同比。")
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

// metricShort is the short header of the metric with id, or the id.
func (b *book) metricShort(id string) string {
	for _, m := range b.r.Metrics() {
		if m.ID == id {
			return metricHead(m)
		}
	}
	return id
}

// derivedNote says how each headline rate and difference is worked out,
// each ending in ；, or "" when none is configured.
func (b *book) derivedNote() string {
	var out string
	if d, ok := b.r.Config.HeadlineRate(); ok {
		out += d.Name + "＝" + b.metricName(d.Left) + "÷" + b.metricName(d.Right) + "；"
	}
	for _, d := range b.r.Config.Differences() {
		out += d.Name + "＝" + b.metricName(d.Left) + "－" + b.metricName(d.Right) + "；"
	}
	return out
}
