package tablegen

import (
	"fmt"
	"slices"
)

// Columns of a transposed table.
type tcolKind int

const (
	tcArea   tcolKind = iota // a work area
	tcPart                   // a 其中 column, part of the area column before it
	tcTotal                  // 合计
	tcRemark                 // 备注
	tcLast                   // 上月合计, hidden
	tcBroken                 // an unknown area's figures
)

type tcol struct {
	kind tcolKind
	idx  int
}

// transGen lays out a table with metrics down the side and work areas
// across the top.
type transGen struct {
	g           *gen
	metrics     []int
	names       []string // row label of each metric index
	seq         bool
	seqStyle    int
	labelNum    int
	twoLabel    bool // group parent merged down a first label column, child in the second
	groupOf     []int
	groups      []resolvedGroup
	children    []string
	unitCol     bool
	header2     bool // 工作类别 over the area names
	labelHead   string
	areaHead    string
	cols        []tcol
	labels      []string // header of each tcol
	totalText   string
	formulas    bool
	cached      bool
	blankAfter  int // metric position followed by a blank row, -1 none
	brokenRow   bool
	brokenAfter int    // metric position the broken row follows
	brokenAt    [2]int // metric index, column index of a broken cell
	brokenVals  []int64
	brokenDelt  int64
	partMark    int
	firstCol    int // column of the first figure column
}

func (g *gen) newTransposed() *transGen {
	truth := &g.c.Truth
	nm := len(truth.Metrics)
	t := &transGen{g: g, labelNum: -1, blankAfter: -1, brokenAt: [2]int{-1, -1}}
	t.groups = g.metricGroups()
	t.groupOf = make([]int, nm)
	for k := range t.groupOf {
		t.groupOf[k] = -1
	}
	for gi, rg := range t.groups {
		t.groupOf[rg.idx[0]], t.groupOf[rg.idx[1]] = gi, gi
	}
	var blocks [][]int
	for k := 0; k < nm; k++ {
		switch gi := t.groupOf[k]; {
		case gi < 0:
			blocks = append(blocks, []int{k})
		case t.groups[gi].idx[0] == k:
			blocks = append(blocks, []int{k, t.groups[gi].idx[1]})
		}
	}
	if g.chance(0.2) {
		before := slices.Concat(blocks...)
		g.r.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
		if !slices.Equal(before, slices.Concat(blocks...)) {
			g.apply(ShuffledColumns)
		}
	}
	t.metrics = slices.Concat(blocks...)
	t.seq = g.chance(0.3)
	if t.seq {
		g.apply(LabelBoth)
		t.seqStyle = g.intn(seqStyles)
	}
	t.unitCol = g.chance(0.3)
	if t.unitCol {
		g.apply(ExtraColumns)
	}
	t.twoLabel = len(t.groups) > 0 && g.chance(0.2)
	if t.twoLabel {
		g.apply(MergedLabels)
		t.children = make([]string, nm)
		for _, rg := range t.groups {
			for i, k := range rg.idx {
				t.children[k] = g.childName(rg, i)
			}
		}
	}
	if !t.twoLabel && g.chance(0.2) {
		g.apply(LabelNumbered)
		t.labelNum = g.intn(numStyles)
	}
	t.names = make([]string, nm)
	for k := range t.names {
		t.names[k] = g.metricName(k, !t.unitCol)
	}
	t.labelHead = pick(g, []string{"指标", "项目", "统计指标", "", "类别"})
	t.header2 = g.chance(0.3)
	if t.header2 {
		g.apply(Header2Rows)
		t.areaHead = pick(g, []string{"工作类别", "督查事项", "其中"})
		if t.areaHead == "其中" {
			t.areaHead = "工作类别"
		}
	}

	// Figure columns.
	t.partMark = g.intn(4)
	for i, row := range truth.Rows {
		t.cols = append(t.cols, tcol{tcArea, i})
		t.labels = append(t.labels, row.Label)
		for pi, p := range truth.Parts {
			if p.Parent == i {
				t.cols = append(t.cols, tcol{tcPart, pi})
				t.labels = append(t.labels, []string{"其中：", "其中:", "含", "#"}[t.partMark]+p.Label)
			}
		}
	}
	if g.broken == BrokenUnknown {
		at := g.between(0, len(t.cols))
		t.cols = slices.Insert(t.cols, at, tcol{tcBroken, 0})
		t.labels = slices.Insert(t.labels, at, pick(g, unknownLabels))
	}
	hasTotal := g.broken == BrokenTotal || g.chance(0.8)
	if hasTotal {
		t.totalText = "合计"
		if g.chance(0.3) {
			t.totalText = pick(g, totalLabels)
			g.apply(TotalLabel)
		}
		if g.chance(0.2) {
			g.apply(TotalFirst)
			t.cols = slices.Insert(t.cols, 0, tcol{tcTotal, 0})
			t.labels = slices.Insert(t.labels, 0, t.totalText)
		} else {
			t.cols = append(t.cols, tcol{tcTotal, 0})
			t.labels = append(t.labels, t.totalText)
		}
		if g.chance(0.3) {
			t.formulas = true
			g.vals.numericOnly = true
			t.cached = g.chance(0.75)
			if t.cached {
				g.apply(SumFormulas)
			} else {
				g.apply(SumUncached)
			}
		}
	} else {
		g.apply(NoTotal)
	}
	if g.chance(0.15) {
		g.apply(ExtraColumns)
		t.cols = append(t.cols, tcol{tcRemark, 0})
		t.labels = append(t.labels, "备注")
	}
	if g.chance(0.08) {
		g.apply(HiddenColumns)
		t.cols = append(t.cols, tcol{tcLast, 0})
		t.labels = append(t.labels, "上月合计")
	}
	// A row may follow metric position p unless p opens a merged group label.
	var safe []int
	for p, k := range t.metrics[:len(t.metrics)-1] {
		if !(t.twoLabel && t.groupOf[k] >= 0 && t.groups[t.groupOf[k]].idx[0] == k) {
			safe = append(safe, p)
		}
	}
	if len(safe) > 0 && g.chance(0.08) {
		g.apply(BlankRows)
		t.blankAfter = pick(g, safe)
	}
	t.brokenAfter = len(t.metrics) - 1
	if len(safe) > 0 {
		t.brokenAfter = pick(g, safe)
	}
	switch g.broken {
	case BrokenUnlabelled:
		t.brokenRow = true
	case BrokenWord, BrokenFraction, BrokenNegative:
		var cand []int
		for i, c := range t.cols {
			if c.kind == tcArea {
				cand = append(cand, i)
			}
		}
		t.brokenAt = [2]int{g.intn(nm), pick(g, cand)}
	case BrokenTotal:
		t.brokenAt = [2]int{g.intn(nm), -1}
		t.brokenDelt = int64(g.between(1, 9))
	}
	if g.broken == BrokenUnknown || g.broken == BrokenUnlabelled {
		for range 2 * nm {
			t.brokenVals = append(t.brokenVals, int64(g.between(1, 30)))
		}
	}
	return t
}

func (t *transGen) render(b *sheetBuilder, top, m int, blank bool) (int, int) {
	g := t.g
	truth := &g.c.Truth
	brk := g.broken != "" && m == truth.Month && !blank
	col := 0
	seqCol, labelCol, unitCol := -1, -1, -1
	if t.seq {
		seqCol = col
		col++
	}
	labelCol = col
	col++
	if t.twoLabel {
		col++
	}
	if t.unitCol {
		unitCol = col
		col++
	}
	t.firstCol = col
	width := col + len(t.cols)
	hdr := 1
	if t.header2 {
		hdr = 2
	}
	// Header.
	vert := func(c int, text string) {
		b.text(top, c, text)
		b.merge(top, c, top+hdr-1, c)
	}
	if seqCol >= 0 {
		vert(seqCol, "序号")
	}
	b.text(top, labelCol, t.labelHead)
	b.merge(top, labelCol, top+hdr-1, t.firstCol-1-boolN(unitCol >= 0))
	if unitCol >= 0 {
		vert(unitCol, pick(g, []string{"计量单位", "单位"}))
	}
	areaFrom, areaTo := -1, -1
	for i, c := range t.cols {
		x := t.firstCol + i
		if t.header2 && (c.kind == tcArea || c.kind == tcPart || c.kind == tcBroken) {
			if areaFrom < 0 {
				areaFrom = x
			}
			areaTo = x
			b.text(top+1, x, t.labels[i])
			continue
		}
		vert(x, t.labels[i])
		if c.kind == tcLast {
			b.hiddenCols[x] = true
		}
	}
	if t.header2 && areaFrom >= 0 {
		b.text(top, areaFrom, t.areaHead)
		b.merge(top, areaFrom, top, areaTo)
	}
	row := top + hdr
	var areaCols []int
	for i, c := range t.cols {
		if c.kind == tcArea || (c.kind == tcBroken && brk) {
			areaCols = append(areaCols, t.firstCol+i)
		}
	}
	// Rows.
	seqN := 0
	for pos, k := range t.metrics {
		seqN++
		r := row
		if seqCol >= 0 {
			switch t.seqStyle {
			case seqNumber:
				b.number(r, seqCol, float64(seqN), "")
			case seqCN:
				b.text(r, seqCol, chineseNum(seqN))
			default:
				b.text(r, seqCol, fmt.Sprint(seqN))
			}
		}
		gi := t.groupOf[k]
		switch {
		case t.twoLabel && gi >= 0:
			rg := t.groups[gi]
			if rg.idx[0] == k {
				b.text(r, labelCol, rg.parent)
				b.merge(r, labelCol, r+1, labelCol)
			}
			b.text(r, labelCol+1, t.children[k])
		case t.twoLabel:
			b.text(r, labelCol, t.names[k])
			b.merge(r, labelCol, r, labelCol+1)
		default:
			name := t.names[k]
			if t.labelNum >= 0 {
				name = numbered(t.labelNum, seqN) + name
			}
			b.text(r, labelCol, name)
		}
		if unitCol >= 0 {
			b.text(r, unitCol, g.cfg.Metrics[k].Measure)
		}
		var sum int64
		for i, c := range t.cols {
			x := t.firstCol + i
			switch c.kind {
			case tcArea, tcPart:
				if blank {
					continue
				}
				var v int64
				if c.kind == tcArea {
					v = truth.Rows[c.idx].Month(m)[k]
					sum += v
				} else {
					v = truth.Parts[c.idx].Month(m)[k]
				}
				if brk && t.brokenAt == [2]int{k, i} {
					g.brokenFigure(b, r, x, v)
					continue
				}
				g.figure(b, r, x, v, k)
				if c.kind == tcArea {
					g.mark(b, r, x, c.idx, k)
				}
			case tcBroken:
				if brk {
					v := t.brokenVals[k]
					sum += v
					g.figure(b, r, x, v, k)
				}
			}
		}
		for i, c := range t.cols {
			x := t.firstCol + i
			switch c.kind {
			case tcTotal:
				switch {
				case brk && g.broken == BrokenTotal && t.brokenAt[0] == k:
					b.number(r, x, float64(offBy(sum, t.brokenDelt)), "")
				case t.formulas:
					b.formula(r, x, rowSum(r, areaCols), sum, t.cached)
					if !brk {
						g.mark(b, r, x, -1, k)
					}
				case !blank:
					g.figure(b, r, x, sum, k)
					if !brk {
						g.mark(b, r, x, -1, k)
					}
				}
			case tcRemark:
				if !blank && g.chance(0.2) {
					b.text(r, x, pick(g, remarks))
				}
			case tcLast:
				if !blank {
					b.number(r, x, float64(truth.MonthTotal(m - 1)[k]), "")
				}
			}
		}
		row++
		if pos == t.blankAfter {
			row++
		}
		if brk && t.brokenRow && pos == t.brokenAfter {
			for i, c := range t.cols {
				if c.kind == tcArea {
					g.figure(b, row, t.firstCol+i, t.brokenVals[i%len(t.brokenVals)], k)
				}
			}
			row++
		}
	}
	return row, width
}

func boolN(b bool) int {
	if b {
		return 1
	}
	return 0
}

// rowSum adds up row r over the columns cols.
func rowSum(r int, cols []int) string {
	parts := ""
	for i := 0; i < len(cols); {
		j := i
		for j+1 < len(cols) && cols[j+1] == cols[j]+1 {
			j++
		}
		if parts != "" {
			parts += ","
		}
		if i == j {
			parts += Ref(r, cols[i])
		} else {
			parts += Ref(r, cols[i]) + ":" + Ref(r, cols[j])
		}
		i = j + 1
	}
	if parts == "" {
		return "0"
	}
	return "SUM(" + parts + ")"
}
