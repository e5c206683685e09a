package main

import (
	"fmt"
	"math/rand/v2"

	"jianbao/templates"
)

// Layouts that show the anatomy of a statistics table as units really draw
// it: parts (其中) under a work area, groups closed by 小计, 本月 | 累计
// under each metric, work areas across the top, a list by month, a
// workbook kept with a sheet per month, and notes in and below the table.
// The figures are always the table's: only the drawing changes.

// oneRowHeads are the metric names of a one-row header, in the template's
// order, with the measure in brackets.
var oneRowHeads = [nMetrics]string{"派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题（个）", "发出督办函（份）",
	"约谈责任单位（个）", "约谈责任人（人）", "问责责任单位（个）", "问责责任人（人）"}

// bareHeads are the metric names without a measure, for headers that carry
// the measure words in a row of their own.
var bareHeads = [nMetrics]string{"派出监督检查人员", "督查发现问题", "完成整改问题", "发出督办（挂牌督办）函",
	"约谈责任单位", "约谈责任人", "问责责任单位", "问责责任人"}

// part is a 其中 row: a part of a work area's figures, written under it.
type part struct {
	Area  int    // the work area it belongs to
	Label string // as written, with its 其中 / 含 / # mark
}

// partChoices are the parts a unit may break out, by work area.
var partChoices = []part{
	{0, "其中：易地扶贫搬迁"},
	{0, "其中：产业扶贫"},
	{2, "其中：建筑工地扬尘"},
	{3, "#自治区层面统筹推进重大项目"},
	{4, "含：城市内涝整治"},
	{6, "其中：电视问政曝光问题"},
}

// partOf returns a part's figures: the same share of each of the parent's
// figures, rounded down, so that it never exceeds the parent and keeps
// rectified <= found and persons >= units.
func partOf(v [nMetrics]int64, num, den int64) [nMetrics]int64 {
	var out [nMetrics]int64
	for k := range v {
		out[k] = v[k] * num / den
	}
	return out
}

// areaYTD returns a work area's figures for January..m.
func areaYTD(t *Table, u, m, a int) [nMetrics]int64 {
	var s [nMetrics]int64
	for i := 0; i <= m; i++ {
		for k := range s {
			s[k] += t.V[u][i][a][k]
		}
	}
	return s
}

// titleRows writes the title over width columns and the line naming the
// unit and the month.
func titleRows(s *sheet, title string, p plan, width int) {
	last := colName(width)
	s.add(stTitle, title)
	s.merge("A1", last+"1")
	s.add(stNote, fmt.Sprintf("填报单位：%s        统计时段：%s", p.Disp, p.Chinese()))
	s.merge("A2", last+"2")
}

func ints(v [nMetrics]int64) []any {
	out := make([]any, nMetrics)
	for k := range v {
		out[k] = v[k]
	}
	return out
}

// partsSheet is layout F: 其中 rows under some work areas (a share of the
// row above, not added again), and the 合计 row written in the 序号 column
// with the 类别 cell blank, or 合  计 merged across both label columns.
//
//	A1 title; A2 填报单位 … 统计时段
//	A3 序号 | B3 工作类别 | C3:J3 the eight metrics (one header row)
//	the eight areas, each followed by its 其中 rows, if any
//	合计 (A, B blank; or A:B merged), then perhaps 其中：市级交办事项 under it
//	a note
func partsSheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "统计表", width: 10, widths: []float64{8, 26, 12, 12, 12, 12, 10, 10, 10, 10}}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, p.Chinese()), p, 10)
	s.add(stHeader, append([]any{"序号", "工作类别"}, toAny(oneRowHeads[:])...)...)
	// Two or three parts, in work-area order.
	var parts []part
	for _, i := range r.Perm(len(partChoices))[:2+r.IntN(2)] {
		parts = append(parts, partChoices[i])
	}
	sortParts(parts)
	for a := 0; a < nAreas; a++ {
		v := t.V[p.U][p.M][a]
		s.add(stCell, append([]any{int64(a + 1), cfg.Areas[a].Name}, ints(v)...)...)
		for _, pt := range parts {
			if pt.Area == a {
				s.add(stCell, append([]any{nil, pt.Label}, ints(partOf(v, int64(2+r.IntN(5)), 10))...)...)
			}
		}
	}
	tot := t.Month(p.U, p.M)
	if r.IntN(2) == 0 {
		s.add(stCell, append([]any{"合计", nil}, ints(tot)...)...)
	} else {
		n := s.add(stCell, append([]any{"合  计", nil}, ints(tot)...)...)
		s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("B%d", n))
	}
	if r.IntN(2) == 0 {
		s.add(stCell, append([]any{nil, "其中：市级交办事项"}, ints(partOf(tot, 1, 4))...)...)
	}
	n := s.add(stNote, "注：“其中”项已含在上一行内，不重复计算。")
	s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("J%d", n))
	return s
}

func sortParts(ps []part) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Area < ps[j-1].Area; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// groupsSheet is layout G: the work areas under two group headings, each
// group closed by its 小计, then the 合计; the template's two-row header.
//
//	A1 title; A2 填报单位 … 统计时段
//	A3:B4 序号 | 工作类别, C3:F4 four metrics, G3:H3 约谈, I3:J3 问责 over their sub-headers
//	一、重点工作 (A 一、 B 重点工作, or A:B merged); areas 1-6; 小计
//	二、其他工作; areas 7-8; 小计
//	合计
func groupsSheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "统计表", width: 10, widths: []float64{8, 24, 12, 12, 12, 14, 10, 10, 10, 10}}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, p.Chinese()), p, 10)
	twoRowHeader(s, 3)
	groups := []struct {
		heading [2]string
		areas   []int
	}{
		{[2]string{"一、", "重点工作"}, []int{0, 1, 2, 3, 4, 5}},
		{[2]string{"二、", "其他工作"}, []int{6, 7}},
	}
	merged := r.IntN(2) == 0
	for _, g := range groups {
		if merged {
			n := s.add(stCell, g.heading[0]+g.heading[1])
			s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("B%d", n))
		} else {
			s.add(stCell, g.heading[0], g.heading[1])
		}
		var sub [nMetrics]int64
		for i, a := range g.areas {
			v := t.V[p.U][p.M][a]
			s.add(stCell, append([]any{int64(i + 1), areaLabel(r, cfg.Areas[a], 4)}, ints(v)...)...)
			for k := range sub {
				sub[k] += v[k]
			}
		}
		s.add(stCell, append([]any{nil, "小计"}, ints(sub)...)...)
	}
	s.add(stCell, append([]any{nil, "合计"}, ints(t.Month(p.U, p.M))...)...)
	n := s.add(stNote, "填表人：刘洋    审核人：陈明    联系电话：0771-5861234")
	s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("J%d", n))
	return s
}

// twoRowHeader writes the template's header at sheet row top and top+1:
// 序号, 工作类别 and the first four metrics merged down, 约谈 and 问责
// merged across over 责任单位 / 责任人.
func twoRowHeader(s *sheet, top int) {
	h1 := []any{"序号", "工作类别"}
	h2 := []any{nil, nil}
	for k := kPers; k <= kLet; k++ {
		h1 = append(h1, stdHeads[k])
		h2 = append(h2, nil)
	}
	h1 = append(h1, "约谈", nil, "问责", nil)
	h2 = append(h2, stdHeads[kUI], stdHeads[kPI], stdHeads[kUA], stdHeads[kPA])
	s.add(stHeader, h1...)
	s.add(stHeader, h2...)
	for _, col := range []string{"A", "B", "C", "D", "E", "F"} {
		s.merge(fmt.Sprintf("%s%d", col, top), fmt.Sprintf("%s%d", col, top+1))
	}
	s.merge(fmt.Sprintf("G%d", top), fmt.Sprintf("H%d", top))
	s.merge(fmt.Sprintf("I%d", top), fmt.Sprintf("J%d", top))
}

// cumulativeHead is the 累计 sub-header for month m (1-based).
func cumulativeHead(m int) string {
	if m == 1 {
		return "本年累计"
	}
	return fmt.Sprintf("1—%d月累计", m)
}

// subColumnsSheet is layout H: each metric split into 本月 | 1—M月累计
// (the unit's true year to date, area by area), a row of measure words
// under the sub-headers and a 栏次 row (甲 乙 1 2 3 …).
//
//	A1 title; A2 填报单位 … 统计时段
//	A3:A5 序号, B3:B5 工作类别; each metric's name merged over its two columns
//	row 4 本月 | 1—M月累计; row 5 measure words; row 6 甲 乙 1 … 16
//	the eight areas; 合计
//
// or, grouped, one header row more: 约谈 and 问责 merged over four
// columns in row 3, 责任单位 / 责任人 over two in row 4 (the first four
// metrics merged down rows 3-4), then 本月 | 累计, measure words and 栏次.
func subColumnsSheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	w := 2 + 2*nMetrics
	widths := []float64{6, 22}
	for i := 0; i < 2*nMetrics; i++ {
		widths = append(widths, 9)
	}
	s := &sheet{name: "统计表", width: w, widths: widths}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, p.Chinese()), p, w)
	month := []string{"本月", "当月"}[r.IntN(2)]
	grouped := r.IntN(2) == 0 // 约谈 and 问责 over their 责任单位 / 责任人
	var h0 []any
	h1, h2, h3, h4 := []any{"序号", "工作类别"}, []any{nil, nil}, []any{nil, nil}, []any{"甲", "乙"}
	if grouped {
		h0 = []any{"序号", "工作类别"}
		h1 = []any{nil, nil}
	}
	for k := 0; k < nMetrics; k++ {
		switch {
		case !grouped:
			h1 = append(h1, bareHeads[k], nil)
		case k < kUI:
			h0 = append(h0, bareHeads[k], nil)
			h1 = append(h1, nil, nil)
		default:
			if k == kUI || k == kUA {
				h0 = append(h0, []string{"约谈", "问责"}[(k-kUI)/2], nil, nil, nil)
			}
			h1 = append(h1, []string{"责任单位", "责任人"}[(k-kUI)%2], nil)
		}
		h2 = append(h2, month, cumulativeHead(p.Month()))
		h3 = append(h3, measures[k], measures[k])
		h4 = append(h4, int64(2*k+1), int64(2*k+2))
	}
	top := 3
	if grouped {
		s.add(stHeader, h0...)
		top = 4
	}
	s.add(stHeader, h1...)
	s.add(stHeader, h2...)
	s.add(stHeader, h3...)
	s.add(stHeader, h4...)
	s.merge("A3", fmt.Sprintf("A%d", top+2))
	s.merge("B3", fmt.Sprintf("B%d", top+2))
	for k := 0; k < nMetrics; k++ {
		c := 3 + 2*k
		switch {
		case !grouped:
			s.merge(cell(c, 3), cell(c+1, 3))
		case k < kUI:
			s.merge(cell(c, 3), cell(c+1, 4))
		default:
			if k == kUI || k == kUA {
				s.merge(cell(c, 3), cell(c+3, 3))
			}
			s.merge(cell(c, 4), cell(c+1, 4))
		}
	}
	row := func(labels []any, month, ytd [nMetrics]int64) []any {
		out := labels
		for k := 0; k < nMetrics; k++ {
			out = append(out, month[k], ytd[k])
		}
		return out
	}
	for a := 0; a < nAreas; a++ {
		s.add(stCell, row([]any{int64(a + 1), areaLabel(r, cfg.Areas[a], 4)}, t.V[p.U][p.M][a], areaYTD(t, p.U, p.M, a))...)
	}
	s.add(stCell, row([]any{nil, "合计"}, t.Month(p.U, p.M), t.YTD(p.U, p.M))...)
	n := s.add(stNote, "注：累计数为当年1月至本月数字之和。")
	s.merge(fmt.Sprintf("A%d", n), cell(w, n))
	return s
}

// acrossSheet is layout I: the table lying across, metrics down the side
// and work areas across the top, with or without a 合计 column (and now
// and then a 序号 column).
//
//	A1 title; A2 填报单位 … 统计时段
//	row 3 [序号] 指标 | 脱贫攻坚 | … | 其他 | [合计]
//	rows 4-11 one metric each
func acrossSheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	index := r.IntN(3) == 0
	total := (p.U+p.M)%3 != 0
	w := 1 + nAreas
	if index {
		w++
	}
	if total {
		w++
	}
	widths := []float64{}
	if index {
		widths = append(widths, 6)
	}
	widths = append(widths, 28)
	for i := 0; i < w; i++ {
		widths = append(widths, 12)
	}
	s := &sheet{name: "分类统计", width: w, widths: widths}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作分类统计表", p.Disp, p.Chinese()), p, w)
	var head []any
	if index {
		head = append(head, "序号")
	}
	head = append(head, []string{"指标", "统计指标", "项目"}[r.IntN(3)])
	for a := 0; a < nAreas; a++ {
		head = append(head, areaLabel(r, cfg.Areas[a], 4))
	}
	if total {
		head = append(head, "合计")
	}
	s.add(stHeader, head...)
	tot := t.Month(p.U, p.M)
	for k := 0; k < nMetrics; k++ {
		var row []any
		if index {
			row = append(row, int64(k+1))
		}
		row = append(row, listName(r, k, false))
		for a := 0; a < nAreas; a++ {
			row = append(row, t.V[p.U][p.M][a][k])
		}
		if total {
			row = append(row, tot[k])
		}
		s.add(stCell, row...)
	}
	s.add(stNote, "说明：各类别数字之和应等于合计。")
	return s
}

// monthHead writes a month the way a list's column header names it.
func monthHead(m int, padded bool) string {
	if padded {
		return fmt.Sprintf("%d年%02d月", year, m)
	}
	return fmt.Sprintf("%d年%d月", year, m)
}

// monthColumnsSheet is layout J: a list whose value columns are headed by
// months, the month before first and the submission's month second, so
// that reading the first value column by its position would be wrong.
//
//	A1 title; A2 填报单位 … 统计时段
//	row 3 指标 | 2018年(M-1)月 | 2018年M月
//	rows 4-11 one metric each: the month before's figures, then this month's
func monthColumnsSheet(t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "月度数据", width: 3, widths: []float64{34, 14, 14}}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作数据", p.Disp, p.Chinese()), p, 3)
	padded := r.IntN(2) == 0
	s.add(stHeader, "指标", monthHead(p.Month()-1, padded), monthHead(p.Month(), padded))
	prev, cur := t.Month(p.U, p.M-1), t.Month(p.U, p.M)
	numbered := r.IntN(2) == 0
	for k := 0; k < nMetrics; k++ {
		s.add(stCell, listName(r, k, numbered), prev[k], cur[k])
	}
	s.add(stNote, fmt.Sprintf("注：%d月数字已于上月报送，本次一并列出。", p.Month()-1))
	return s
}

// monthSheet is one sheet of a running workbook: the month's table of the
// unit, one header row, 合计 last.
//
//	A1 title for 2018年N月; A2 填报单位 … 统计时段
//	A3 序号 | B3 工作类别 | C3:J3 the eight metrics
//	the eight areas; 合计
func monthSheet(cfg *templates.Config, t *Table, p plan, m int, name string) *sheet {
	q := p
	q.M = m
	s := &sheet{name: name, width: 10, widths: []float64{6, 22, 12, 12, 12, 12, 10, 10, 10, 10}}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, q.Chinese()), q, 10)
	s.add(stHeader, append([]any{"序号", "工作类别"}, toAny(oneRowHeads[:])...)...)
	for a := 0; a < nAreas; a++ {
		s.add(stCell, append([]any{int64(a + 1), cfg.Areas[a].Name}, ints(t.V[p.U][m][a])...)...)
	}
	s.add(stCell, append([]any{nil, "合计"}, ints(t.Month(p.U, m))...)...)
	return s
}

// runningBook is layout K: the workbook a clerk keeps through the year,
// one sheet per month (1月 … M月, each that month's figures), sent whole as
// the month M file. The last sheet is the active one.
func runningBook(cfg *templates.Config, t *Table, p plan, r *rand.Rand) []*sheet {
	suffix := []string{"月", "月份"}[r.IntN(2)]
	var out []*sheet
	for m := 0; m <= p.M; m++ {
		out = append(out, monthSheet(cfg, t, p, m, fmt.Sprintf("%d%s", m+1, suffix)))
	}
	return out
}

// notesSheet is layout L: the template with a note row inside the table,
// a 备注 column, notes under it (注：…, 填表人, 审核人, 联系电话) and a
// footer of signatures (编制人 / 审核 / 批准) spread over the row.
//
//	A1 title; A2 填报单位 … 统计时段
//	A3:B4 序号 | 工作类别, the two-row header; K3:K4 备注
//	areas 1-5; a note row (A:K merged); areas 6-8; 合计
//	注：… ; 填表人 … 审核人 … 联系电话 …; blank; 编制人：… 审核：… 批准：…
func notesSheet(cfg *templates.Config, t *Table, p plan, r *rand.Rand) *sheet {
	s := &sheet{name: "统计表", width: 11, widths: []float64{6, 22, 12, 12, 12, 14, 10, 10, 10, 10, 18}}
	titleRows(s, fmt.Sprintf("%s%s“两重两问”督查工作统计表", p.Disp, p.Chinese()), p, 11)
	twoRowHeader(s, 3)
	s.rows[2] = append(s.rows[2], "备注")
	s.rows[3] = append(s.rows[3], nil)
	s.merge("K3", "K4")
	notes := []string{"注：以下三项为常态化督查工作", "注：第6至8项含市级交办事项", "（以下为日常督查）"}
	for a := 0; a < nAreas; a++ {
		if a == 5 {
			n := s.add(stCell, notes[r.IntN(len(notes))])
			s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("K%d", n))
		}
		row := append([]any{int64(a + 1), areaLabel(r, cfg.Areas[a], 4)}, ints(t.V[p.U][p.M][a])...)
		s.add(stCell, append(row, remarks[r.IntN(len(remarks))])...)
	}
	s.add(stCell, append([]any{nil, "合计"}, ints(t.Month(p.U, p.M))...)...)
	n := s.add(stNote, "注：1.派出监督检查人员按人次统计；2.约谈、问责分别按责任单位和责任人统计；3.本表数字截至月末。")
	s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("K%d", n))
	n = s.add(stNote, "填表人：黄丽    审核人：韦强    联系电话：0771-2826688")
	s.merge(fmt.Sprintf("A%d", n), fmt.Sprintf("K%d", n))
	s.add(stPlain)
	s.add(stNote, "编制人：黄丽", nil, nil, nil, "审核：韦强", nil, nil, nil, "批准：蒙志刚")
	return s
}
