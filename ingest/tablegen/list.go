package tablegen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Value columns of a list.
type lcolKind int

const (
	lcValue lcolKind = iota // the month's figure
	lcCum                   // 1..month
	lcLast                  // the month before
	lcPrior                 // the same month a year before
	lcYoY                   // change on the year before
	lcAt                    // month offset from the reporting month
	lcYear                  // 合计 of the months shown: the year to date
)

type lcol struct {
	kind   lcolKind
	offset int
}

// Rows of a list.
type lrowKind int

const (
	lrMetric  lrowKind = iota
	lrHeading          // 一、督查检查情况
	lrParent           // 约谈, over its two children
	lrRate             // 整改率
	lrOpen             // 未整改问题
	lrBlank
	lrBroken // a figure with no label
)

type lrow struct {
	kind  lrowKind
	idx   int // metric index, or heading number
	child bool
}

// listGen lays out a list of metrics with no work areas: 指标 | 数值, or
// 指标 | 本月 | 累计, or months across.
type listGen struct {
	g          *gen
	seq        bool
	seqStyle   int
	unitCol    bool
	remark     bool
	labelHead  string
	cols       []lcol
	heads      []func(m int) string
	rows       []lrow
	names      []string
	labelNum   int
	childStyle int
	twoCol     bool // group parents merged down a first label column
	groupOf    []int
	groups     []resolvedGroup
	children   []string
	rateText   bool
	brokenRow  int // index in rows of the broken figure's row, -1 none
	sum        *Series
}

func (g *gen) newList() *listGen {
	truth := &g.c.Truth
	nm := len(truth.Metrics)
	l := &listGen{g: g, labelNum: -1, brokenRow: -1}
	l.groups = g.metricGroups()
	l.groupOf = make([]int, nm)
	for k := range l.groupOf {
		l.groupOf[k] = -1
	}
	for gi, rg := range l.groups {
		l.groupOf[rg.idx[0]], l.groupOf[rg.idx[1]] = gi, gi
	}
	y := truth.Year
	mform := g.intn(monthForms)
	switch x := g.r.Float64(); {
	case x < 0.45:
		g.apply(List)
		h := pick(g, valueHeaders)
		l.cols = []lcol{{lcValue, 0}}
		l.heads = []func(int) string{func(int) string { return h }}
	case x < 0.8:
		g.apply(ListCumulative)
		mh, ch := pick(g, monthHeads), pick(g, cumHeads)
		l.cols = []lcol{{lcValue, 0}, {lcCum, 0}}
		l.heads = []func(int) string{
			func(int) string { return mh },
			func(m int) string { return strings.ReplaceAll(ch, "{m}", strconv.Itoa(m)) },
		}
		if g.chance(0.3) {
			g.apply(SideColumns)
			if g.chance(0.5) {
				lh := pick(g, lastHeads)
				l.cols = slices.Insert(l.cols, 0, lcol{lcLast, 0})
				l.heads = slices.Insert(l.heads, 0, func(int) string { return lh })
			} else {
				ph, yh := pick(g, priorHeads), pick(g, yoyHeads)
				l.cols = append(l.cols, lcol{lcPrior, 0}, lcol{lcYoY, 0})
				l.heads = append(l.heads, func(int) string { return ph }, func(int) string { return yh })
			}
		}
	default:
		g.apply(MonthColumns)
		g.apply(List)
		if g.chance(0.5) {
			// The whole year across, months still to come blank.
			for mo := 1; mo <= 12; mo++ {
				l.cols = append(l.cols, lcol{lcAt, mo - truth.Month})
			}
		} else {
			for _, o := range pick(g, [][]int{{-1, 0}, {-2, -1, 0}, {-1, 0, 1}, {0, -1}}) {
				if truth.Month+o >= 0 && truth.Month+o <= 12 {
					l.cols = append(l.cols, lcol{lcAt, o})
				}
			}
		}
		for _, c := range l.cols {
			o := c.offset
			l.heads = append(l.heads, func(m int) string { return monthLabel(mform, y, m+o) })
		}
		if g.chance(0.4) {
			// 合计 across the months adds up the year so far only when the
			// whole year is shown.
			heads := []string{"累计", "1-{m}月累计"}
			if len(l.cols) == 12 {
				heads = append(heads, "合计")
			}
			l.cols = append(l.cols, lcol{lcYear, 0})
			h := pick(g, heads)
			l.heads = append(l.heads, func(m int) string { return strings.ReplaceAll(h, "{m}", strconv.Itoa(m)) })
		}
	}
	l.seq = g.chance(0.3)
	if l.seq {
		g.apply(LabelBoth)
		l.seqStyle = g.intn(seqStyles)
	}
	l.unitCol = g.chance(0.3)
	l.remark = g.chance(0.15)
	if l.unitCol || l.remark {
		g.apply(ExtraColumns)
	}
	l.labelHead = pick(g, listHeaders)
	if !l.seq && g.chance(0.2) {
		g.apply(LabelNumbered)
		l.labelNum = g.intn(numStyles)
	}
	l.names = make([]string, nm)
	for k := range l.names {
		l.names[k] = g.metricName(k, !l.unitCol)
	}

	// Rows: metrics, perhaps under headings or group parents.
	order := make([]int, nm)
	for k := range order {
		order[k] = k
	}
	if g.chance(0.15) {
		g.r.Shuffle(nm, func(i, j int) { order[i], order[j] = order[j], order[i] })
		g.apply(ShuffledColumns)
	}
	groupRows := len(l.groups) > 0 && g.chance(0.2)
	if groupRows {
		// Keep each group's two metrics together, in their order.
		var flat []int
		for _, k := range order {
			gi := l.groupOf[k]
			if gi < 0 {
				flat = append(flat, k)
			} else if !slices.Contains(flat, k) {
				flat = append(flat, l.groups[gi].idx[0], l.groups[gi].idx[1])
			}
		}
		order = flat
		g.apply(Header2Rows)
		l.twoCol = g.chance(0.4)
		if l.twoCol {
			g.apply(MergedLabels)
		}
		l.childStyle = g.intn(4)
		l.children = make([]string, nm)
		for _, rg := range l.groups {
			for i, k := range rg.idx {
				ch := g.childName(rg, i)
				if m := g.cfg.Metrics[k].Measure; g.names && !l.unitCol && m != "" && !strings.HasSuffix(ch, m) && g.chance(0.4) {
					ch += "（" + m + "）"
				}
				l.children[k] = ch
			}
		}
	}
	headings := !groupRows && g.chance(0.12)
	if headings {
		// Two sections: metrics outside any group, then the groups' metrics.
		var a, b []int
		for _, k := range order {
			if l.groupOf[k] < 0 {
				a = append(a, k)
			} else {
				b = append(b, k)
			}
		}
		if len(a) == 0 || len(b) == 0 {
			headings = false
		} else {
			order = append(a, b...)
			g.apply(Subtotals)
		}
	}
	for i, k := range order {
		gi := l.groupOf[k]
		if headings && (i == 0 || (gi >= 0 && l.groupOf[order[i-1]] < 0)) {
			l.rows = append(l.rows, lrow{kind: lrHeading, idx: boolI(i > 0)})
		}
		if groupRows && gi >= 0 {
			if l.groups[gi].idx[0] == k && !l.twoCol {
				l.rows = append(l.rows, lrow{kind: lrParent, idx: gi})
			}
			l.rows = append(l.rows, lrow{kind: lrMetric, idx: k, child: true})
			continue
		}
		l.rows = append(l.rows, lrow{kind: lrMetric, idx: k})
	}
	num, den := g.metricIndex(rateLeft(g.cfg)), g.metricIndex(rateRight(g.cfg))
	if num >= 0 && den >= 0 && g.chance(0.1) {
		g.apply(DerivedFigures)
		l.rateText = g.chance(0.5)
		at := len(l.rows)
		for i, r := range l.rows {
			if r.kind == lrMetric && r.idx == num {
				at = i + 1
			}
		}
		extra := []lrow{{kind: lrRate}}
		if g.chance(0.5) {
			extra = append(extra, lrow{kind: lrOpen})
		}
		l.rows = slices.Insert(l.rows, at, extra...)
	}
	safe := func() []int {
		var out []int
		for i := 1; i < len(l.rows); i++ {
			if l.twoCol && l.rows[i].child && l.rows[i-1].child && l.groupOf[l.rows[i].idx] == l.groupOf[l.rows[i-1].idx] {
				continue
			}
			out = append(out, i)
		}
		return out
	}
	if g.chance(0.08) {
		if s := safe(); len(s) > 0 {
			g.apply(BlankRows)
			l.rows = slices.Insert(l.rows, pick(g, s), lrow{kind: lrBlank})
		}
	}
	switch g.broken {
	case BrokenUnlabelled:
		at := len(l.rows)
		if s := safe(); len(s) > 0 && g.chance(0.6) {
			at = pick(g, s)
		}
		l.rows = slices.Insert(l.rows, at, lrow{kind: lrBroken, idx: g.between(1, 40)})
	case BrokenWord, BrokenFraction, BrokenNegative:
		var cand []int
		for i, r := range l.rows {
			if r.kind == lrMetric {
				cand = append(cand, i)
			}
		}
		l.brokenRow = pick(g, cand)
	}
	return l
}

func boolI(b bool) int {
	if b {
		return 1
	}
	return 0
}

// value is what column c shows for the unit's totals on the sheet of month m.
func (l *listGen) value(c lcol, k, m int) (int64, bool) {
	if l.sum == nil {
		t := &l.g.c.Truth
		all := make([]*Series, len(t.Rows))
		for i := range t.Rows {
			all[i] = &t.Rows[i].Series
		}
		l.sum = sumSeries(all, len(t.Metrics))
	}
	s := l.sum
	switch c.kind {
	case lcValue:
		return s.Month(m)[k], true
	case lcCum, lcYear:
		return s.Cumulative(m)[k], true
	case lcLast:
		return s.Month(m - 1)[k], true
	case lcPrior:
		return s.PriorYear[m-1][k], true
	case lcAt:
		mo := m + c.offset
		if mo > m || mo < 0 {
			return 0, false
		}
		return s.Month(mo)[k], true
	}
	return 0, false
}

func (l *listGen) render(b *sheetBuilder, top, m int, blank bool) (int, int) {
	g := l.g
	truth := &g.c.Truth
	brk := g.broken != "" && m == truth.Month && !blank
	col := 0
	seqCol, labelCol, unitCol := -1, -1, -1
	if l.seq {
		seqCol = col
		col++
	}
	labelCol = col
	col++
	if l.twoCol {
		col++
	}
	if l.unitCol {
		unitCol = col
		col++
	}
	first := col
	width := first + len(l.cols) + boolN(l.remark)
	if seqCol >= 0 {
		b.text(top, seqCol, "序号")
	}
	b.text(top, labelCol, l.labelHead)
	if l.twoCol {
		b.merge(top, labelCol, top, labelCol+1)
	}
	if unitCol >= 0 {
		b.text(top, unitCol, pick(g, []string{"计量单位", "单位"}))
	}
	for i := range l.cols {
		b.text(top, first+i, l.heads[i](m))
	}
	if l.remark {
		b.text(top, first+len(l.cols), "备注")
	}
	row := top + 1
	n := 0
	for i, lr := range l.rows {
		r := row + i
		switch lr.kind {
		case lrHeading:
			b.text(r, labelCol, []string{"一、督查检查情况", "二、问责问效情况"}[lr.idx])
		case lrParent:
			b.text(r, labelCol, l.groups[lr.idx].parent)
		case lrBlank:
		case lrBroken:
			if brk {
				at := first
				for ci, c := range l.cols {
					if c.kind == lcValue || (c.kind == lcAt && c.offset == 0) {
						at = first + ci
						break
					}
				}
				g.figure(b, r, at, int64(lr.idx), 0)
			}
		case lrRate, lrOpen:
			num, den := g.metricIndex(rateLeft(g.cfg)), g.metricIndex(rateRight(g.cfg))
			if lr.kind == lrRate {
				b.text(r, labelCol, pick(g, []string{"整改率", "问题整改率", "整改率（%）"}))
			} else {
				b.text(r, labelCol, pick(g, []string{"未整改问题", "尚未整改问题"}))
			}
			if blank {
				continue
			}
			for i, c := range l.cols {
				if c.kind == lcYoY {
					continue
				}
				f, ok1 := l.value(c, num, m)
				d, ok2 := l.value(c, den, m)
				if !ok1 || !ok2 {
					continue
				}
				if lr.kind == lrRate {
					g.ratio(b, r, first+i, f, d, l.rateText)
				} else {
					b.number(r, first+i, float64(d-f), "")
				}
			}
		case lrMetric:
			k := lr.idx
			n++
			if seqCol >= 0 {
				if l.seqStyle == seqNumber {
					b.number(r, seqCol, float64(n), "")
				} else {
					b.text(r, seqCol, strconv.Itoa(n))
				}
			}
			l.label(b, r, labelCol, lr, n)
			if unitCol >= 0 {
				b.text(r, unitCol, g.cfg.Metrics[k].Measure)
			}
			if blank {
				continue
			}
			for ci, c := range l.cols {
				x := first + ci
				if c.kind == lcYoY {
					cur, _ := l.value(lcol{kind: lcValue}, k, m)
					prior, _ := l.value(lcol{kind: lcPrior}, k, m)
					g.ratio(b, r, x, cur-prior, prior, l.rateText)
					continue
				}
				v, ok := l.value(c, k, m)
				if !ok {
					continue
				}
				isMonth := c.kind == lcValue || (c.kind == lcAt && c.offset == 0)
				if brk && i == l.brokenRow && isMonth {
					g.brokenFigure(b, r, x, v)
					continue
				}
				g.figure(b, r, x, v, k)
				if isMonth {
					g.mark(b, r, x, -1, k)
				}
			}
			if l.remark && g.chance(0.15) {
				b.text(r, first+len(l.cols), pick(g, remarks))
			}
		}
	}
	return row + len(l.rows), width
}

// label writes the name of a metric row.
func (l *listGen) label(b *sheetBuilder, r, labelCol int, lr lrow, n int) {
	k := lr.idx
	if !lr.child {
		name := l.names[k]
		if l.labelNum >= 0 {
			name = numbered(l.labelNum, n) + name
		}
		b.text(r, labelCol, name)
		if l.twoCol {
			b.merge(r, labelCol, r, labelCol+1)
		}
		return
	}
	ch := l.children[k]
	if l.twoCol {
		rg := l.groups[l.groupOf[k]]
		if rg.idx[0] == k {
			b.text(r, labelCol, rg.parent)
			b.merge(r, labelCol, r+1, labelCol)
		}
		b.text(r, labelCol+1, ch)
		return
	}
	switch l.childStyle {
	case 0:
		b.text(r, labelCol, "    "+ch)
	case 1:
		b.text(r, labelCol, "\u3000\u3000"+ch)
	case 2:
		b.put(Cell{Row: r, Col: labelCol, Kind: KindText, Text: ch, Indent: 1})
	default:
		b.text(r, labelCol, fmt.Sprintf("（%d）%s", 1+boolI(l.groups[l.groupOf[k]].idx[1] == k), ch))
	}
}
