package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"jianbao/templates"
)

// Layout names, as recorded in testdata/samples/manifest.csv.
const (
	LStandard    = "A"   // the template: two-row header, 8 area rows, =SUM 合计 with cached values
	LStandardAlt = "A2"  // the template with an alias for the unit, 2018年M月份, 2018.MM, wrapped headers
	LRetyped     = "B1"  // 填报说明 sheet first; own header words, one header row, 序号 and 备注, columns reordered
	LRetyped2    = "B2"  // 填报说明 sheet first; title only, 合计 row above the areas, other words and order
	LTextStd     = "C-A" // the template filled with numbers as text (full-width, 个/人次, —, 无, 12.0)
	LTextRetyped = "C-B" // B1 filled with numbers as text
	LTextList    = "C-E" // 本月/累计 list filled with numbers as text (1,234 in 累计)
	LTotals      = "D"   // two-column list 指标 | 数值, no areas
	LCumulative  = "E"   // three-column list 指标 | 本月 | 累计
	LParts       = "F"   // 其中 rows under some areas; 合计 in the 序号 column, or merged across the label columns
	LGroups      = "G"   // group headings (一、重点工作 / 二、其他工作), each closed by 小计, then 合计
	LSubColumns  = "H"   // 本月 | 1—M月累计 under each metric, a row of measure words, a 栏次 row
	LAcross      = "I"   // metrics down the side, work areas across the top, with or without 合计
	LMonthCols   = "J"   // list 指标 | 2018年(M-1)月 | 2018年M月
	LRunning     = "K"   // the clerk's workbook: one sheet per month, 1月 … M月
	LNotes       = "L"   // a note row inside the table, notes and signatures below
)

// layoutDocs says what each layout shows, for testdata/samples/README.md.
var layoutDocs = map[string]string{
	LStandard:    "the office's template: title, 填报单位 and 统计时段, two-row header (约谈 and 问责 merged over 责任单位 / 责任人), eight work areas, a =SUM 合计 row with cached values, a note",
	LStandardAlt: "the template with another spelling of the unit, 2018年M月份 and 2018.MM, headers wrapped in their cells, 序号 as text",
	LRetyped:     "a 填报说明 sheet first; the unit's own header words in one row, metrics in another order, 序号 and 备注 columns, 总计, a 审核人 line",
	LRetyped2:    "a 填报说明 sheet first; title only, the 合  计 row above the work areas, other header words and order, 备注",
	LTextStd:     "the template filled with numbers as text: full-width digits, 12个, 35人次, —, 无, 12.0",
	LTextRetyped: "B1 filled with numbers as text",
	LTextList:    "the 指标 | 本月 | 累计 list filled with numbers as text (1,234 in 累计)",
	LTotals:      "a two-column list 指标 | 数值 (or 项目 | 数量, 指标名称 | 本月数): totals only, no work areas",
	LCumulative:  "a three-column list 指标 | 本月 | 累计",
	LParts:       "其中 / 含 / # rows under some work areas (a share of the row above, never added again); 合计 written in the 序号 column with the 类别 cell blank, or 合  计 merged across both label columns; sometimes 其中：市级交办事项 under the 合计",
	LGroups:      "group headings 一、重点工作 and 二、其他工作 (split over 序号 and 类别, or merged), each group closed by its 小计, then 合计",
	LSubColumns:  "本月 (or 当月) | 1—M月累计 under each metric (累计 = the unit's year to date, area by area), a row of measure words (人次 个 份 人) and a 栏次 row (甲 乙 1 2 … 16); some with 约谈 and 问责 merged over 责任单位 / 责任人 as well (five header rows)",
	LAcross:      "the table lying across: metrics down the side, work areas across the top, with or without a 合计 column, sometimes a 序号 column",
	LMonthCols:   "a list 指标 | 2018年(M-1)月 | 2018年M月: the month before first, so that the first value column is the wrong one",
	LRunning:     "the clerk's running workbook: one sheet per month, 1月 … M月 (or 1月份 …), each with that month's figures, sent whole as the month M file",
	LNotes:       "the template with a 备注 column, a note row inside the table (注：… or a bracketed remark), notes under it (注：…, 填表人, 审核人, 联系电话) and a line of signatures (编制人 / 审核 / 批准)",
}

// Layouts lists every layout, the old ones first.
var Layouts = []string{LStandard, LStandardAlt, LRetyped, LRetyped2, LTextStd, LTextRetyped, LTextList, LTotals, LCumulative,
	LParts, LGroups, LSubColumns, LAcross, LMonthCols, LRunning, LNotes}

// plan is one sample file: which unit and month, how the unit is written in
// the sheet, the file name and the layout.
type plan struct {
	U, M   int    // unit index, month index (0 = January)
	Unit   string // canonical name
	Disp   string // name as written in the sheet
	File   string // file name
	Layout string
	Seed   uint64 // for the file's own random choices
}

func (p plan) Month() int     { return p.M + 1 }
func (p plan) Period() string { return fmt.Sprintf("%d-%02d", year, p.Month()) }
func (p plan) Chinese() string {
	return fmt.Sprintf("%d年%d月", year, p.Month())
}

// rng gives the file its own random stream, independent of the order files
// are written in.
func (p plan) rng(salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(p.Seed, uint64(p.U)<<16|uint64(p.M)<<8|salt))
}

// layoutCycle is the order layouts come round in; each unit starts at a
// different place, so every unit comes to every place over the ten months.
// At seven of the ten places half of the units (those whose index plus the
// place is even) send one of the newer layouts instead; one that needs the
// month before keeps the old layout in January.
var layoutCycle = []string{"A", "B", "A", "C", "D", "A", "E", "B", "A", "C"}

// newer is the layout that takes the place of the old one at a place of the
// cycle, for half of the units ("" = none).
var newer = []string{"", LParts, LGroups, "", LMonthCols, LSubColumns, LAcross, LRunning, LNotes, ""}

// aliases returns the other spellings of a unit that a 2018 sheet could use.
func aliases(u templates.Unit) []string {
	var out []string
	for _, a := range u.Aliases {
		if strings.Contains(a, "横州") || strings.Contains(a, "两重两问") {
			continue // 横州市 dates from 2021; the office's own name is not a sheet's
		}
		out = append(out, a)
	}
	return out
}

// longName is the formal spelling used in long file names.
func longName(u templates.Unit) string {
	for _, a := range aliases(u) {
		if strings.HasPrefix(a, "南宁") || strings.HasPrefix(a, "广西") {
			return a
		}
	}
	return u.Name
}

func plans(cfg *templates.Config, seed uint64) []plan {
	var out []plan
	for u, unit := range cfg.Units {
		for m := 0; m < nMonths; m++ {
			p := plan{U: u, M: m, Unit: unit.Name, Disp: unit.Name, Seed: seed}
			r := p.rng(1)
			pos := (m + 3*u) % len(layoutCycle)
			switch layoutCycle[pos] {
			case "A":
				p.Layout = LStandard
				if (u+m)%4 == 0 {
					p.Layout = LStandardAlt
				}
			case "B":
				p.Layout = LRetyped
				if pos == 7 {
					p.Layout = LRetyped2
				}
			case "C":
				p.Layout = []string{LTextStd, LTextRetyped, LTextList}[(u+m)%3]
			case "D":
				p.Layout = LTotals
			case "E":
				p.Layout = LCumulative
			}
			// A list by month and a running workbook need a month before.
			if n := newer[pos]; n != "" && (u+pos)%2 == 0 && !(m == 0 && (n == LMonthCols || n == LRunning)) {
				p.Layout = n
			}
			mm := fmt.Sprintf("%02d", m+1)
			als := aliases(unit)
			switch x := r.IntN(10); {
			case x < 7:
				p.File = unit.Name + ".xlsx"
				if x == 0 && len(als) > 0 {
					p.Disp = als[r.IntN(len(als))]
				}
			case x < 8:
				p.Disp = longName(unit)
				p.File = fmt.Sprintf("%s%d年%d月两重两问统计表.xlsx", p.Disp, year, m+1)
			case x < 9:
				p.File = fmt.Sprintf("%s-%d%s.xlsx", unit.Name, year, mm)
			default:
				if len(als) > 0 {
					p.Disp = als[r.IntN(len(als))]
				}
				p.File = fmt.Sprintf("%s（%d.%s）.xlsx", p.Disp, year, mm)
			}
			// Names that trap a naive substring match between 经开区 and 东盟经开区.
			switch {
			case unit.Name == "经开区" && m == 9:
				p.File, p.Disp = "经开区.xlsx", "经开区"
			case unit.Name == "东盟经开区" && m == 9:
				p.File, p.Disp = "东盟经开区-201810.xlsx", "东盟经开区"
			case unit.Name == "经开区" && m == 8:
				p.File, p.Disp = "南宁经济技术开发区-201809.xlsx", "南宁经济技术开发区"
			case unit.Name == "东盟经开区" && m == 8:
				p.File, p.Disp = "广西—东盟经济技术开发区2018年9月两重两问统计表.xlsx", "广西—东盟经济技术开发区"
			case unit.Name == "青秀区" && m == 9:
				p.File, p.Disp = "南宁市青秀区2018年10月两重两问统计表.xlsx", "南宁市青秀区"
			}
			out = append(out, p)
		}
	}
	return out
}

// Header words. std are the template's; the others are what units type.
var (
	stdHeads = [nMetrics]string{"派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题（个）", "发出督办（挂牌督办）函（份）",
		"责任单位（个）", "责任人（人）", "责任单位（个）", "责任人（人）"}
	stdHeadsWrapped = [nMetrics]string{"派出监督检查\n人员（人次）", "督查发现\n问题（个）", "完成整改\n问题（个）", "发出督办（挂牌\n督办）函（份）",
		"责任\n单位（个）", "责任人\n（人）", "责任\n单位（个）", "责任人\n（人）"}
	b1Heads = [nMetrics]string{"派出督查人员（人次）", "发现问题数", "已整改问题", "督办函（份）", "约谈单位", "约谈人员", "问责单位", "问责人员"}
	b1Order = []int{kFound, kRect, kPers, kLet, kUI, kPI, kUA, kPA}
	b2Heads = [nMetrics]string{"派出人员（人次）", "发现问题（个）", "完成整改（个）", "发督办函（含挂牌督办）", "约谈单位（个）", "约谈人员（人）", "问责单位（个）", "问责人员（人）"}
	b2Order = []int{kPers, kFound, kRect, kUI, kPI, kUA, kPA, kLet}
	// Row labels in the lists (D, E): several spellings per metric.
	listNames = [nMetrics][]string{
		{"派出监督检查人员（人次）", "派出监督检查人员", "派出督查人员", "督查人次"},
		{"督查发现问题（个）", "督查发现问题", "发现问题数", "发现问题"},
		{"完成整改问题（个）", "完成整改问题", "已整改问题", "整改完成数"},
		{"发出督办（挂牌督办）函（份）", "发出督办函", "督办函（份）", "发督办函（含挂牌督办）"},
		{"约谈责任单位（个）", "约谈责任单位", "约谈单位"},
		{"约谈责任人（人）", "约谈责任人", "约谈人员"},
		{"问责责任单位（个）", "问责责任单位", "问责单位"},
		{"问责责任人（人）", "问责责任人", "问责人员"},
	}
	measures = [nMetrics]string{"人次", "个", "个", "份", "个", "人", "个", "人"}
	remarks  = []string{"", "", "", "", "", "含市级交办事项", "含上月遗留问题", "已全部录入系统", "另附情况说明"}
)

const instructions = `填报说明
1. 本表由各县（区）、开发区“两重两问”办每月汇总填报，报市“两重两问”办。
2. 各项数字请填写阿拉伯数字，没有发生的填0，不要空着。
3. “派出监督检查人员”按人次统计；“约谈”“问责”分别按责任单位和责任人统计。
4. 请勿增删指标列，如有说明请写在备注栏。`

// valueFunc renders a count for a cell.
type valueFunc func(v int64, k int) any

func plainValue(v int64, k int) any { return v }

// textValues renders counts the way clerks type them: text, full-width
// digits, 1,234, a measure after the number, blanks and dashes for zero,
// and the odd number stored as a float.
func textValues(r *rand.Rand) valueFunc {
	return func(v int64, k int) any {
		if v == 0 {
			return []any{"", "—", "无", "-", "0", int64(0)}[r.IntN(6)]
		}
		s := strconv.FormatInt(v, 10)
		switch x := r.IntN(20); {
		case v >= 1000 && x < 12:
			return thousands(v)
		case x < 8:
			return s
		case x < 11:
			return fullWidth(s)
		case x < 14:
			return s + measures[k]
		case x < 16:
			return " " + s + " "
		case x < 18:
			return floatCell(v)
		default:
			return v
		}
	}
}

func thousands(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c - '0' + '０')
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// areaLabel writes a work area by its name or, now and then, an alias.
func areaLabel(r *rand.Rand, a templates.Area, odds int) string {
	if len(a.Aliases) > 0 && r.IntN(odds) == 0 {
		return a.Aliases[r.IntN(len(a.Aliases))]
	}
	return a.Name
}

// Ways to write the 合计 row of the template.
const (
	totalFormula        = iota // =SUM(C5:C12) with the cached value
	totalPlain                 // the sums as plain numbers
	totalNone                  // no 合计 row
	totalFormulaNoValue        // =SUM(C5:C12) without a cached value
)

// stdOpts vary the template.
type stdOpts struct {
	Alt      bool      // A2: alias, 2018年M月份, 2018.MM, wrapped headers, 序号 as text
	Text     valueFunc // C-A: numbers as text (the 合计 row too)
	Total    int       // how the 合计 row is written (ignored with Text)
	NoPeriod bool      // no month anywhere (a reject file)
}

// standardSheet is layout A (and A2, C-A): the office's template.
//
//	A1:J1  title "<unit>2018年10月“两重两问”督查工作统计表" (merged)
//	A2     "填报单位：<unit>" (A2:E2 merged); H2 "统计时段：2018年10月" (H2:J2 merged)
//	A3:A4 序号, B3:B4 工作类别, C3:C4 … F3:F4 the first four metrics (merged down)
//	G3:H3 约谈, I3:J3 问责 (merged across); G4 H4 I4 J4 责任单位（个）/责任人（人）
//	A5:J12 the eight work areas (序号 1..8, area name, eight numbers)
//	B13 合计, C13:J13 =SUM(C5:C12) … with cached values
//	A14 note (A14:J14 merged)
func standardSheet(cfg *templates.Config, t *Table, p plan, o stdOpts) *sheet {
	val := o.Text
	if val == nil {
		val = plainValue
	}
	s := &sheet{name: "统计表", width: 10, widths: []float64{6, 22, 12, 12, 12, 14, 10, 10, 10, 10}}
	period := p.Chinese()
	periodCell := "统计时段：" + period
	heads := stdHeads
	title := fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, period)
	if o.Alt {
		s.name = "Sheet1"
		heads = stdHeadsWrapped
		title = fmt.Sprintf("%s%s份“两重两问”督查工作统计表", p.Disp, period)
		periodCell = fmt.Sprintf("统计时段：%d.%02d", year, p.Month())
	}
	if o.NoPeriod {
		title = fmt.Sprintf("%s“两重两问”督查工作统计表", p.Disp)
		periodCell = "统计时段："
	}
	s.add(stTitle, title)
	s.merge("A1", "J1")
	s.add(stNote, "填报单位："+p.Disp, nil, nil, nil, nil, nil, nil, periodCell)
	s.merge("A2", "E2")
	s.merge("H2", "J2")
	h1 := []any{"序号", "工作类别"}
	h2 := []any{nil, nil}
	for k := kPers; k <= kLet; k++ {
		h1 = append(h1, heads[k])
		h2 = append(h2, nil)
	}
	h1 = append(h1, "约谈", nil, "问责", nil)
	h2 = append(h2, heads[kUI], heads[kPI], heads[kUA], heads[kPA])
	s.add(stHeader, h1...)
	s.add(stHeader, h2...)
	for _, col := range []string{"A", "B", "C", "D", "E", "F"} {
		s.merge(col+"3", col+"4")
	}
	s.merge("G3", "H3")
	s.merge("I3", "J3")
	for a := 0; a < nAreas; a++ {
		row := []any{int64(a + 1), cfg.Areas[a].Name}
		if o.Alt {
			row[0] = strconv.Itoa(a + 1)
		}
		for k := 0; k < nMetrics; k++ {
			row = append(row, val(t.V[p.U][p.M][a][k], k))
		}
		s.add(stCell, row...)
	}
	tot := t.Month(p.U, p.M)
	if o.Text != nil || o.Total != totalNone {
		row := []any{nil, "合计"}
		for k := 0; k < nMetrics; k++ {
			c := colName(3 + k)
			switch {
			case o.Text != nil:
				row = append(row, val(tot[k], k))
			case o.Total == totalPlain:
				row = append(row, tot[k])
			default:
				row = append(row, formula{F: fmt.Sprintf("SUM(%s5:%s12)", c, c), V: tot[k], Cached: o.Total == totalFormula})
			}
		}
		s.add(stCell, row...)
	}
	n := s.add(stNote, "填表人：张三  联系电话：0771-1234567  说明：本表数据截至月末。")
	s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("J%d", n))
	return s
}

// retypedSheet is layout B1 (and C-B).
func retypedSheet(cfg *templates.Config, t *Table, p plan, val valueFunc, r *rand.Rand) *sheet {
	s := &sheet{name: fmt.Sprintf("%d月报表", p.Month()), width: 11, widths: []float64{5, 20, 10, 10, 12, 10, 9, 9, 9, 9, 16}}
	s.add(stTitle, fmt.Sprintf("%s“两重两问”督查工作情况统计表（%s份）", p.Disp, p.Chinese()))
	s.merge("A1", "K1")
	s.add(stNote, "报送单位："+p.Disp, nil, nil, nil, nil, nil, nil, "统计期间："+p.Chinese())
	s.merge("A2", "D2")
	s.merge("H2", "K2")
	h := []any{"序号", "督查事项"}
	for _, k := range b1Order {
		h = append(h, b1Heads[k])
	}
	h = append(h, "备注")
	s.add(stHeader, h...)
	for a := 0; a < nAreas; a++ {
		row := []any{int64(a + 1), areaLabel(r, cfg.Areas[a], 3)}
		for _, k := range b1Order {
			row = append(row, val(t.V[p.U][p.M][a][k], k))
		}
		row = append(row, remarks[r.IntN(len(remarks))])
		s.add(stCell, row...)
	}
	tot := t.Month(p.U, p.M)
	row := []any{nil, "总计"}
	for _, k := range b1Order {
		row = append(row, val(tot[k], k))
	}
	s.add(stCell, row...)
	s.add(stNote, "审核人：李四    填报人：王五    联系电话：0771-5550123")
	s.merge(fmt.Sprintf("A%d", len(s.rows)), fmt.Sprintf("K%d", len(s.rows)))
	return s
}

// retyped2Sheet is layout B2: 合计 first, then the areas.
func retyped2Sheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "数据", width: 10, widths: []float64{22, 12, 12, 12, 10, 10, 10, 10, 14, 14}}
	s.add(stTitle, fmt.Sprintf("%s%d年%02d月“两重两问”督查工作统计", p.Disp, year, p.Month()))
	s.merge("A1", "J1")
	h := []any{"工作类别"}
	for _, k := range b2Order {
		h = append(h, b2Heads[k])
	}
	h = append(h, "备注")
	s.add(stHeader, h...)
	tot := t.Month(p.U, p.M)
	row := []any{"合  计"}
	for _, k := range b2Order {
		row = append(row, tot[k])
	}
	s.add(stCell, row...)
	for a := 0; a < nAreas; a++ {
		row := []any{areaLabel(r, cfg.Areas[a], 2)}
		for _, k := range b2Order {
			row = append(row, t.V[p.U][p.M][a][k])
		}
		row = append(row, remarks[r.IntN(len(remarks))])
		s.add(stCell, row...)
	}
	return s
}

func instructionSheet() *sheet {
	s := &sheet{name: "填报说明", widths: []float64{90}}
	for _, line := range strings.Split(instructions, "\n") {
		s.add(stPlain, line)
	}
	return s
}

// listName picks a row label for a metric in a list.
func listName(r *rand.Rand, k int, numbered bool) string {
	names := listNames[k]
	n := names[r.IntN(len(names))]
	if numbered {
		return fmt.Sprintf("%d.%s", k+1, n)
	}
	return n
}

// totalsSheet is layout D: 指标 | 数值.
func totalsSheet(t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "汇总", width: 2, widths: []float64{34, 14}}
	s.add(stTitle, fmt.Sprintf("%s%s“两重两问”督查工作数据", p.Disp, p.Chinese()))
	s.merge("A1", "B1")
	s.add(stNote, "填报单位："+p.Disp)
	s.merge("A2", "B2")
	heads := [][2]string{{"指标", "数值"}, {"项目", "数量"}, {"指标名称", "本月数"}}[r.IntN(3)]
	s.add(stHeader, heads[0], heads[1])
	tot := t.Month(p.U, p.M)
	numbered := r.IntN(2) == 0
	for k := 0; k < nMetrics; k++ {
		s.add(stCell, listName(r, k, numbered), tot[k])
	}
	return s
}

// cumulativeSheet is layout E (and C-E): 指标 | 本月 | 累计.
func cumulativeSheet(t *Table, p plan, val, cumVal valueFunc, r *rand.Rand) *sheet {
	s := &sheet{name: "本月及累计", width: 3, widths: []float64{34, 12, 14}}
	s.add(stTitle, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, p.Chinese()))
	s.merge("A1", "C1")
	s.add(stNote, "填报单位："+p.Disp+"    统计时段："+p.Chinese())
	s.merge("A2", "C2")
	heads := [][3]string{{"指标", "本月", "累计"}, {"统计指标", "本月数", "本年累计"}, {"指标", "当月", "年度累计"}}[r.IntN(3)]
	s.add(stHeader, heads[0], heads[1], heads[2])
	tot := t.Month(p.U, p.M)
	ytd := t.YTD(p.U, p.M)
	for k := 0; k < nMetrics; k++ {
		s.add(stCell, listName(r, k, false), val(tot[k], k), cumVal(ytd[k], k))
	}
	s.add(stNote, "注：累计为1月至本月合计数。")
	return s
}

// render builds the workbook bytes of one sample file.
func render(cfg *templates.Config, t *Table, p plan) ([]byte, error) {
	r := p.rng(2)
	creator := p.Disp + "“两重两问”办"
	switch p.Layout {
	case LStandard:
		return book([]*sheet{standardSheet(cfg, t, p, stdOpts{})}, 0, creator)
	case LStandardAlt:
		return book([]*sheet{standardSheet(cfg, t, p, stdOpts{Alt: true})}, 0, creator)
	case LTextStd:
		return book([]*sheet{standardSheet(cfg, t, p, stdOpts{Text: textValues(r)})}, 0, creator)
	case LRetyped:
		return book([]*sheet{instructionSheet(), retypedSheet(cfg, t, p, plainValue, r)}, 1, creator)
	case LTextRetyped:
		return book([]*sheet{instructionSheet(), retypedSheet(cfg, t, p, textValues(r), r)}, 1, creator)
	case LRetyped2:
		return book([]*sheet{instructionSheet(), retyped2Sheet(cfg, t, p, r)}, 0, creator)
	case LTotals:
		return book([]*sheet{totalsSheet(t, p, r)}, 0, creator)
	case LCumulative:
		return book([]*sheet{cumulativeSheet(t, p, plainValue, plainValue, r)}, 0, creator)
	case LParts:
		return book([]*sheet{partsSheet(cfg, t, p, r)}, 0, creator)
	case LGroups:
		return book([]*sheet{groupsSheet(cfg, t, p, r)}, 0, creator)
	case LSubColumns:
		return book([]*sheet{subColumnsSheet(cfg, t, p, r)}, 0, creator)
	case LAcross:
		return book([]*sheet{acrossSheet(cfg, t, p, r)}, 0, creator)
	case LMonthCols:
		return book([]*sheet{monthColumnsSheet(t, p, r)}, 0, creator)
	case LRunning:
		return book(runningBook(cfg, t, p, r), p.M, creator)
	case LNotes:
		return book([]*sheet{notesSheet(cfg, t, p, r)}, 0, creator)
	case LTextList:
		tv := textValues(r)
		cum := func(v int64, k int) any {
			if v >= 1000 {
				return thousands(v)
			}
			return tv(v, k)
		}
		return book([]*sheet{cumulativeSheet(t, p, tv, cum, r)}, 0, creator)
	}
	return nil, fmt.Errorf("unknown layout %q", p.Layout)
}
