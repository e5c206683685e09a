package tablegen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// frame is what surrounds the main table of a sheet: the same for every
// month's sheet of a workbook.
type frame struct {
	preamble   int  // lines of instructions above everything (far down)
	title      int  // -1 none, else the title's form
	unitLine   bool // 填报单位：…
	periodLine bool // 统计时段：…
	measures   bool // 单位：人次、个 line right above the table
	periodForm int
	sepLines   bool // 填报单位 and 统计时段 on one row, in two cells
	footer     bool // 编制人 / 审核 / 批准 right after the table
	notes      []int
	notesWide  bool // notes spread over several cells of a row
	second     int  // 0 none, else the kind of a second table
	secondUp   bool // the second table comes first
	hiddenRow  bool // a hidden row in the preamble
}

const (
	secondLastMonth = 1 + iota
	secondCumulative
	secondProjects
)

func (g *gen) pickFrame() frame {
	f := frame{title: -1}
	if g.chance(0.06) {
		g.apply(FarDown)
		f.preamble = g.between(44, 52) // the header lands on row 46 or below
	}
	if g.chance(0.55) {
		g.apply(TitleRows)
		f.title = g.intn(4)
		f.unitLine = g.chance(0.4)
		f.periodLine = g.chance(0.3)
		f.sepLines = f.unitLine && f.periodLine && g.chance(0.5)
		f.measures = g.chance(0.15)
		f.periodForm = g.intn(periodForms)
		f.hiddenRow = g.chance(0.1)
		if f.hiddenRow {
			g.apply(HiddenRows)
		}
	}
	if g.chance(0.15) {
		g.apply(Footer)
		f.footer = true
	}
	if g.chance(0.3) {
		g.apply(NotesBelow)
		for _, i := range []int{0, 1, 2, 3, 4, 5} {
			if g.chance(0.45) {
				f.notes = append(f.notes, i)
			}
		}
		if len(f.notes) == 0 {
			f.notes = []int{5}
		}
		f.notesWide = g.chance(0.4)
	}
	if g.chance(0.08) {
		g.apply(SecondTable)
		f.second = g.between(secondLastMonth, secondProjects)
		if g.c.Truth.Month == 1 && f.second != secondProjects {
			f.second = secondProjects // January has no month before, and its year to date is the month
		}
		f.secondUp = f.second != secondProjects && g.chance(0.3)
	}
	return f
}

// mainTable renders the main table of the sheet for month m at row top and
// returns the row after it and the number of columns it spans.
type mainTable interface {
	render(b *sheetBuilder, top, m int, blank bool) (next, width int)
}

// render lays out the whole workbook.
func (g *gen) render() Workbook {
	t := &g.c.Truth
	var main mainTable
	switch g.shape {
	case shapeTransposed:
		main = g.newTransposed()
	case shapeList:
		main = g.newList()
	default:
		main = g.newTable()
	}
	var wb Workbook
	perMonth := t.Month >= 2 && g.chance(0.1)
	if perMonth {
		g.apply(SheetPerMonth)
		nameForm := g.intn(4)
		later := 0
		if t.Month < 12 && g.chance(0.4) {
			g.apply(LaterBlank)
			later = g.between(1, 12-t.Month)
		}
		var sheets []Sheet
		for m := 1; m <= t.Month+later; m++ {
			b := newSheet(sheetMonthName(nameForm, t.Year, m))
			g.sheet(b, main, m, m > t.Month)
			sheets = append(sheets, b.build())
		}
		active := t.Month - 1
		if g.chance(0.3) {
			for i, j := 0, len(sheets)-1; i < j; i, j = i+1, j-1 {
				sheets[i], sheets[j] = sheets[j], sheets[i]
			}
			active = len(sheets) - t.Month
		}
		wb.Sheets, wb.Active = sheets, active
	} else {
		b := newSheet(pick(g, []string{"Sheet1", "统计表", "两重两问统计表", strconv.Itoa(t.Month) + "月"}))
		g.sheet(b, main, t.Month, false)
		wb.Sheets = []Sheet{b.build()}
	}
	if !perMonth && g.chance(0.08) {
		g.apply(ExtraSheets)
		if g.chance(0.5) {
			ins := newSheet("填报说明")
			for i, line := range instructions {
				ins.text(i, 0, line)
			}
			wb.Sheets = append([]Sheet{ins.build()}, wb.Sheets...)
			wb.Active++
		}
		if t.Month >= 2 || len(wb.Sheets) == 1 {
			m := max(t.Month-1, 1)
			old := newSheet(pick(g, []string{"Sheet2", "旧表", "备份"}))
			old.hidden = true
			saved := g.broken
			g.broken = ""
			g.sheet(old, main, m, m == t.Month)
			g.broken = saved
			wb.Sheets = append(wb.Sheets, old.build())
		}
	}
	return wb
}

func sheetMonthName(form, y, m int) string {
	switch form {
	case 0:
		return fmt.Sprintf("%d月", m)
	case 1:
		return fmt.Sprintf("%d.%02d", y, m)
	case 2:
		return fmt.Sprintf("%d月份", m)
	}
	return fmt.Sprintf("%d年%d月", y, m)
}

// sheet lays out one sheet: preamble, title, the main table for month m
// (blank: a template not yet filled in), footer, notes, a second table.
func (g *gen) sheet(b *sheetBuilder, main mainTable, m int, blank bool) {
	t := &g.c.Truth
	f := &g.frame
	b.truth = m == t.Month && !blank && !b.hidden
	row := 0
	if f.preamble > 0 {
		for _, line := range g.preamble() {
			b.text(row, 0, line)
			row++
		}
		row = max(row+1, f.preamble)
	}
	if f.title >= 0 {
		row = g.title(b, row, m)
	}
	if f.second != 0 && f.secondUp && !blank {
		row = g.secondTable(b, row, m, true) + 1
		b.text(row, 0, fmt.Sprintf("%s、本月情况（%s）", chineseNum(2), periodText(0, t.Year, m)))
		row++
	}
	next, width := main.render(b, row, m, blank)
	row = next
	if f.footer {
		cols := []int{0, max(2, width/3), max(4, 2*width/3)}
		for i, w := range []string{"编制人：", "审核：", "批准："} {
			b.text(row, cols[i], w+people[(int(g.c.Seed)+i)%len(people)])
		}
		row++
	}
	if len(f.notes) > 0 {
		row = g.notes(b, row, m, width)
	}
	if f.second != 0 && !f.secondUp && !blank {
		g.secondTable(b, row+1, m, false)
	}
}

// preamble is a long text above the table: how to fill it in, what each
// metric and each work area means.
func (g *gen) preamble() []string {
	lines := slices.Clone(instructions)
	lines = append(lines, moreInstructions...)
	lines = append(lines, "", "指标解释：")
	for i, m := range g.cfg.Metrics {
		lines = append(lines, fmt.Sprintf("（%s）%s：按本月实际发生数填报，单位为%s。", chineseNum(i+1), m.Name, m.Measure))
	}
	lines = append(lines, "", "工作类别说明：")
	for i, a := range g.cfg.Areas {
		lines = append(lines, fmt.Sprintf("%d. %s：指围绕%s开展的督查工作。", i+1, a.Name, strings.ReplaceAll(a.Name, "\"", "")))
	}
	return lines
}

// title writes the rows above the table and returns the next row.
func (g *gen) title(b *sheetBuilder, row, m int) int {
	t := &g.c.Truth
	f := &g.frame
	period := periodText(f.periodForm, t.Year, m)
	var title string
	switch f.title {
	case 0:
		title = g.unitAs + periodText(f.periodForm%4, t.Year, m) + "督查工作统计表"
	case 1:
		title = periodText(f.periodForm%4, t.Year, m) + "“两重两问”督查工作情况统计表"
	case 2:
		title = "“两重两问”督查工作统计表"
	default:
		title = fmt.Sprintf("%s“两重两问”工作开展情况统计表（%s）", g.unitAs, periodText(f.periodForm%4, t.Year, m))
	}
	b.text(row, 0, title)
	b.merge(row, 0, row, 6)
	row++
	if f.hiddenRow {
		b.text(row, 0, "模板版本：2018年修订")
		b.hiddenRows[row] = true
		row++
	}
	unit := "填报单位：" + g.unitAs + pick(g, []string{"", "（盖章）"})
	per := "统计时段：" + period
	switch {
	case f.sepLines:
		b.text(row, 0, unit)
		b.text(row, 5, per)
		row++
	default:
		if f.unitLine {
			b.text(row, 0, unit)
			row++
		}
		if f.periodLine {
			b.text(row, 0, per)
			row++
		}
	}
	if f.measures {
		b.text(row, 5, "单位：人次、个、份、人")
		row++
	}
	return row
}

// notes writes the rows below the table.
func (g *gen) notes(b *sheetBuilder, row, m, width int) int {
	t := &g.c.Truth
	y, mo := nextMonth(t.Year, m)
	lines := map[int]string{
		0: "填表人：" + people[int(g.c.Seed)%len(people)],
		1: "审核人：" + people[int(g.c.Seed+3)%len(people)],
		2: "联系电话：0771-" + strconv.Itoa(5500000+int(g.c.Seed%400000)),
		3: fmt.Sprintf("填报日期：%d年%d月%d日", y, mo, 1+int(g.c.Seed%5)),
		4: "单位负责人：" + people[int(g.c.Seed+5)%len(people)],
		5: "注：1.“完成整改问题”含以前月份发现、本月完成整改的问题；2.累计数为1月至本月之和。",
	}
	if g.chance(0.5) {
		row++ // a blank row first
	}
	if g.frame.notesWide {
		col := 0
		for _, i := range g.frame.notes {
			if i == 5 {
				continue
			}
			b.text(row, col, lines[i])
			col += max(2, width/4)
		}
		if col > 0 {
			row++
		}
		for _, i := range g.frame.notes {
			if i == 5 {
				b.text(row, 0, lines[i])
				b.merge(row, 0, row, max(width-1, 1))
				row++
			}
		}
		return row
	}
	for _, i := range g.frame.notes {
		b.text(row, 0, lines[i])
		row++
	}
	return row
}

// secondTable writes another table: the month before or the year to date
// by area, or a list of projects. It returns the row after it.
func (g *gen) secondTable(b *sheetBuilder, row, m int, first bool) int {
	t := &g.c.Truth
	n := chineseNum(2)
	if first {
		n = chineseNum(1)
	}
	var title string
	switch g.frame.second {
	case secondLastMonth:
		y, mo := t.Year, m-1
		if mo == 0 {
			y, mo = y-1, 12
		}
		title = fmt.Sprintf("%s、上月情况（%s）", n, periodText(0, y, mo))
	case secondCumulative:
		title = fmt.Sprintf("%s、1—%d月累计情况", n, m)
	default:
		title = n + "、重点项目督查情况"
	}
	b.text(row, 0, title)
	row++
	if g.frame.second == secondProjects {
		heads := []string{"序号", "项目名称", "责任单位", "督查发现问题", "完成整改问题", "进展情况"}
		for c, h := range heads {
			b.text(row, c, h)
		}
		projects := []string{"五象新区基础设施项目", "城市轨道交通工程", "农村饮水安全工程", "老旧小区改造项目"}
		for i := 0; i < g.between(2, 4); i++ {
			r := row + 1 + i
			b.number(r, 0, float64(i+1), "")
			b.text(r, 1, projects[i])
			b.text(r, 2, g.unitAs+pick(g, []string{"住建局", "发改局", "交通局"}))
			found := g.between(0, 12)
			b.number(r, 3, float64(found), "")
			b.number(r, 4, float64(g.between(0, found)), "")
			b.text(r, 5, pick(g, []string{"按计划推进", "进度滞后", "已完工"}))
		}
		return row + 5
	}
	b.text(row, 0, "工作类别")
	for k := range t.Metrics {
		b.text(row, 1+k, g.cfg.Metrics[k].Name)
	}
	var all []*Series
	for i := range t.Rows {
		r := row + 1 + i
		s := &t.Rows[i].Series
		all = append(all, s)
		b.text(r, 0, t.Rows[i].Label)
		g.secondRow(b, r, s, m)
	}
	r := row + 1 + len(t.Rows)
	b.text(r, 0, "合计")
	g.secondRow(b, r, sumSeries(all, len(t.Metrics)), m)
	return r + 1
}

func (g *gen) secondRow(b *sheetBuilder, r int, s *Series, m int) {
	for k := range g.c.Truth.Metrics {
		var v int64
		if g.frame.second == secondLastMonth {
			v = s.Month(m - 1)[k]
		} else {
			v = s.Cumulative(m)[k]
		}
		b.number(r, 1+k, float64(v), "")
	}
}
