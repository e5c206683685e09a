package tablegen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"jianbao/templates"
)

type colKind int

const (
	colSeq    colKind = iota // 序号
	colGroup                 // group names merged down the rows of each group
	colCat                   // the work-area label
	colCat2                  // a second column the label spans
	colMetric                // a figure of a metric
	colExtra                 // 备注, 联系人, 整改率 …
)

// subKind is what a metric's column holds.
type subKind int

const (
	subMonth subKind = iota // the reporting month
	subCum                  // 1..month
	subLast                 // the month before
	subPrior                // the same month a year before
	subYoY                  // change on the year before, as a share
	subAt                   // the month offset months from the reporting month
)

type extraKind int

const (
	exRemark  extraKind = iota // 备注
	exContact                  // 联系人
	exPhone                    // 联系电话
	exRate                     // 整改率
	exOpen                     // 未整改问题
	exLastOf                   // last month's figure of one metric
)

type column struct {
	kind   colKind
	metric int
	sub    subKind
	offset int
	extra  extraKind
	hidden bool
	nodes  []string // header node of each header level
}

// Header levels, top to bottom.
type level int

const (
	lvSuper level = iota // 督查检查情况 over several metrics
	lvName               // the metric, or its group (约谈)
	lvChild              // the group's child (责任单位)
	lvSub                // 本月 / 累计 / 上月 / a month
)

type itemKind int

const (
	itArea itemKind = iota
	itPart
	itHeading
	itSubtotal
	itBlank
	itHeader
	itNote
	itBroken // a row that makes the sheet unreadable
)

type item struct {
	kind      itemKind
	idx       int // area row, part or group index
	num       int // the area's number in its list
	partFirst bool
	hidden    bool
}

// tableGen lays out a table with work areas down the side and metrics
// across the top.
type tableGen struct {
	g         *gen
	cols      []column
	levels    int
	measure   bool
	lanci     int // 0 none; 1 甲 乙 … over label columns; 2 栏次 in the first column
	lanciText bool
	texts     map[string]func(m int) string
	hMode     int // spanning header cells: 0 merged, 1 typed once, 2 repeated
	vMode     int // tall header cells: 0 merged, 1 typed at the top, 2 at the bottom

	labelMode  int // 0 类别 only, 1 序号 and 类别, 2 序号 only
	groupMode  int // 0 none, 1 heading rows, 2 a group column
	subtotals  bool
	groups     [][]int
	groupNames []string
	headStyle  int // 0 heading in the label column, 1 split over 序号 and 类别, 2 merged across
	headNum    int
	seqStyle   int
	labelNum   int // numbering style of area labels, -1 none
	restartNum bool
	catMerged  bool
	partStyle  int
	partSeq    bool // 其中 typed in the 序号 column
	noteText   string
	noteWide   bool
	items      []item

	hasTotal     bool
	totalFirst   bool
	totalText    string
	totalMode    int // 0 in the label column, 1 in 序号, 2 merged across the label columns
	formulas     bool
	cached       bool
	viaSubtotals bool
	rateText     bool

	brokenItem   int // item carrying a broken figure, -1 if none
	brokenMetric int
	brokenDelta  int64
	brokenSeries *Series
	brokenLabel  string
}

func (g *gen) newTable() *tableGen {
	t := &tableGen{g: g, texts: map[string]func(int) string{}, brokenItem: -1, labelNum: -1}
	truth := &g.c.Truth
	nm := len(truth.Metrics)
	groups := g.metricGroups()
	groupOf := make([]int, nm)
	for k := range groupOf {
		groupOf[k] = -1
	}
	for gi, rg := range groups {
		groupOf[rg.idx[0]], groupOf[rg.idx[1]] = gi, gi
	}

	// Sub-columns of each metric.
	type subSpec struct {
		kind   subKind
		offset int
	}
	subs := []subSpec{{subMonth, 0}}
	monthCols := false
	switch x := g.r.Float64(); {
	case x < 0.14:
		g.apply(MonthCum)
		subs = []subSpec{{subMonth, 0}, {subCum, 0}}
		if g.chance(0.2) {
			subs[0], subs[1] = subs[1], subs[0]
		}
	case x < 0.26:
		g.apply(SideColumns)
		subs = pick(g, [][]subSpec{
			{{subMonth, 0}, {subLast, 0}},
			{{subLast, 0}, {subMonth, 0}},
			{{subMonth, 0}, {subPrior, 0}, {subYoY, 0}},
			{{subMonth, 0}, {subCum, 0}, {subPrior, 0}, {subYoY, 0}},
			{{subLast, 0}, {subMonth, 0}, {subCum, 0}},
		})
		if slices.ContainsFunc(subs, func(s subSpec) bool { return s.kind == subCum }) {
			g.apply(MonthCum)
		}
	case x < 0.34:
		g.apply(MonthColumns)
		monthCols = true
		windows := [][]int{{-1, 0}, {-1, 0, 1}, {0, -1}, {-2, -1, 0}, {0, 1}, {-1, 0, 1, 2}}
		for {
			w := pick(g, windows)
			if truth.Month+slices.Max(w) <= 12 && truth.Month+slices.Min(w) >= 0 {
				subs = nil
				for _, o := range w {
					subs = append(subs, subSpec{subAt, o})
				}
				break
			}
		}
	}
	hasSubs := len(subs) > 1

	// Header depth and what fills its levels.
	depth := pick(g, []int{1, 1, 2, 2, 3})
	if monthCols {
		depth = max(depth, 2)
	}
	combined := false
	var levels []level
	switch depth {
	case 1:
		levels = []level{lvName}
		combined = hasSubs
	case 2:
		switch {
		case hasSubs:
			levels = []level{lvName, lvSub}
		case len(groups) > 0 && g.chance(0.7):
			levels = []level{lvName, lvChild}
		default:
			levels = []level{lvSuper, lvName}
		}
	default:
		switch {
		case hasSubs && len(groups) > 0 && g.chance(0.6):
			levels = []level{lvName, lvChild, lvSub}
		case hasSubs:
			levels = []level{lvSuper, lvName, lvSub}
		case len(groups) > 0:
			levels = []level{lvSuper, lvName, lvChild}
		default:
			levels = []level{lvSuper, lvName}
		}
	}
	t.levels = len(levels)
	switch t.levels {
	case 2:
		g.apply(Header2Rows)
	case 3:
		g.apply(Header3Rows)
	}
	super := slices.Contains(levels, lvSuper)
	grouped := slices.Contains(levels, lvChild)
	class := func(k int) int {
		if groupOf[k] >= 0 {
			return 1
		}
		return 0
	}

	// Metric blocks (a group's two metrics stay together), perhaps shuffled.
	var blocks [][]int
	for k := 0; k < nm; k++ {
		switch gi := groupOf[k]; {
		case gi < 0:
			blocks = append(blocks, []int{k})
		case groups[gi].idx[0] == k:
			blocks = append(blocks, []int{k, groups[gi].idx[1]})
		}
	}
	if g.chance(0.2) {
		before := slices.Concat(blocks...)
		shuffle := func(bs [][]int) {
			g.r.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		}
		if super {
			var c0, c1 [][]int
			for _, bl := range blocks {
				if class(bl[0]) == 0 {
					c0 = append(c0, bl)
				} else {
					c1 = append(c1, bl)
				}
			}
			shuffle(c0)
			shuffle(c1)
			if g.chance(0.3) {
				c0, c1 = c1, c0
			}
			blocks = append(c0, c1...)
		} else {
			shuffle(blocks)
		}
		if !slices.Equal(before, slices.Concat(blocks...)) {
			g.apply(ShuffledColumns)
		}
	}

	// Label columns.
	t.labelMode = pick(g, []int{0, 0, 0, 1, 1, 2})
	switch t.labelMode {
	case 1:
		g.apply(LabelBoth)
		t.seqStyle = g.intn(seqStyles)
	case 2:
		g.apply(LabelSeqOnly)
		t.labelNum = pick(g, []int{numDot, numComma, numParenCN, numCN, numCircled})
	}
	if t.labelMode == 0 && g.chance(0.25) {
		g.apply(LabelNumbered)
		t.labelNum = g.intn(numStyles)
	}
	switch x := g.r.Float64(); {
	case t.labelMode != 2 && len(truth.Rows) >= 3 && x < 0.07:
		t.groupMode = 2
		g.apply(MergedLabels)
		t.subtotals = g.chance(0.5)
	case len(truth.Rows) >= 3 && x < 0.2:
		t.groupMode = 1
		t.subtotals = g.chance(0.75)
		g.apply(Subtotals)
	}
	if t.groupMode == 2 && t.subtotals {
		g.apply(Subtotals)
	}
	wideCat := t.labelMode != 2 && g.chance(0.12)
	if wideCat {
		t.catMerged = g.chance(0.7)
		if t.catMerged {
			g.apply(MergedLabels)
		}
	}
	if t.labelMode == 1 {
		t.cols = append(t.cols, column{kind: colSeq})
	}
	if t.groupMode == 2 {
		t.cols = append(t.cols, column{kind: colGroup})
	}
	t.cols = append(t.cols, column{kind: colCat})
	if wideCat {
		t.cols = append(t.cols, column{kind: colCat2})
	}

	// Metric columns, derived and extra columns.
	var metricCols []column
	for _, bl := range blocks {
		for _, k := range bl {
			for _, s := range subs {
				metricCols = append(metricCols, column{kind: colMetric, metric: k, sub: s.kind, offset: s.offset})
			}
		}
	}
	var extras []column
	rateNum, rateDen := g.metricIndex(rateLeft(g.cfg)), g.metricIndex(rateRight(g.cfg))
	if rateNum >= 0 && rateDen >= 0 && g.chance(0.08) {
		g.apply(DerivedFigures)
		t.rateText = g.chance(0.5)
		if g.chance(0.6) {
			extras = append(extras, column{kind: colExtra, extra: exRate})
		}
		if len(extras) == 0 || g.chance(0.5) {
			extras = append(extras, column{kind: colExtra, extra: exOpen})
		}
	}
	if g.chance(0.18) {
		g.apply(ExtraColumns)
		for _, x := range []extraKind{exContact, exPhone, exRemark} {
			if g.chance(0.5) || x == exRemark {
				extras = append(extras, column{kind: colExtra, extra: x})
			}
		}
	}
	if g.chance(0.1) {
		g.apply(HiddenColumns)
		var cand []int
		for i, c := range metricCols {
			if c.sub != subMonth && (c.sub != subAt || c.offset != 0) {
				cand = append(cand, len(t.cols)+i)
			}
		}
		for i := range extras {
			cand = append(cand, len(t.cols)+len(metricCols)+i)
		}
		if len(cand) == 0 || g.chance(0.3) {
			extras = append(extras, column{kind: colExtra, extra: exLastOf, metric: g.intn(nm)})
			cand = []int{len(t.cols) + len(metricCols) + len(extras) - 1}
		}
		hide := pick(g, cand)
		all := slices.Concat(t.cols, metricCols, extras)
		all[hide].hidden = true
		n := len(t.cols)
		t.cols, metricCols, extras = all[:n], all[n:n+len(metricCols)], all[n+len(metricCols):]
	}
	if len(extras) > 0 && !super && g.chance(0.25) {
		// One extra column between two metric blocks.
		at := len(subs) * len(blocks[0])
		if len(metricCols) > at {
			metricCols = slices.Concat(metricCols[:at], extras[:1], metricCols[at:])
			extras = extras[1:]
		}
	}
	t.cols = slices.Concat(t.cols, metricCols, extras)

	// Header nodes and their texts.
	t.measure = g.chance(0.22)
	if t.measure {
		g.apply(MeasureRow)
	}
	t.hMode = pick(g, []int{0, 0, 0, 1, 2})
	t.vMode = pick(g, []int{0, 0, 0, 1, 2})
	subText := map[subKind]string{
		subMonth: pick(g, monthHeads), subCum: pick(g, cumHeads), subLast: pick(g, lastHeads),
		subPrior: pick(g, priorHeads), subYoY: pick(g, yoyHeads),
	}
	mform := g.intn(monthForms)
	year := truth.Year
	subLabel := func(c column, m int) string {
		if c.sub == subAt {
			return monthLabel(mform, year, m+c.offset)
		}
		return strings.ReplaceAll(subText[c.sub], "{m}", strconv.Itoa(m))
	}
	names := make([]string, nm)
	for k := range names {
		names[k] = g.metricName(k, true)
	}
	superText := [2]string{pick(g, superNames[0]), pick(g, superNames[1])}
	prefix := g.chance(0.5)
	for ci := range t.cols {
		c := &t.cols[ci]
		c.nodes = make([]string, len(levels))
		for li, lv := range levels {
			var key string
			switch c.kind {
			case colSeq:
				key = "col:seq"
			case colGroup, colCat, colCat2:
				key = "col:cat"
			case colExtra:
				key = fmt.Sprintf("x:%d", ci)
			case colMetric:
				k := c.metric
				gi := groupOf[k]
				switch lv {
				case lvSuper:
					key = fmt.Sprintf("super:%d", class(k))
				case lvName:
					key = fmt.Sprintf("metric:%d", k)
					if grouped && gi >= 0 {
						key = fmt.Sprintf("group:%d", gi)
					}
				case lvChild:
					key = fmt.Sprintf("metric:%d", k)
					if gi >= 0 {
						key = fmt.Sprintf("child:%d", k)
					}
				case lvSub:
					key = fmt.Sprintf("sub:%d", ci)
				}
				if combined {
					key = fmt.Sprintf("sub:%d", ci)
				}
			}
			c.nodes[li] = key
		}
	}
	set := func(key, text string) { t.texts[key] = func(int) string { return text } }
	set("col:seq", pick(g, []string{"序号", "序号", "编号"}))
	if t.labelMode == 2 {
		set("col:cat", "序号")
	} else {
		set("col:cat", pick(g, areaHeaders))
	}
	for k := 0; k < nm; k++ {
		set(fmt.Sprintf("metric:%d", k), names[k])
	}
	for c := 0; c < 2; c++ {
		set(fmt.Sprintf("super:%d", c), superText[c])
	}
	for gi, rg := range groups {
		set(fmt.Sprintf("group:%d", gi), rg.parent)
		for i, k := range rg.idx {
			ch := g.childName(rg, i)
			if m := g.cfg.Metrics[k].Measure; g.names && m != "" && !strings.HasSuffix(ch, m) && g.chance(0.3) {
				ch += "（" + m + "）"
				g.apply(HeaderNames)
			}
			set(fmt.Sprintf("child:%d", k), ch)
		}
	}
	for ci, c := range t.cols {
		ci, c := ci, c
		switch c.kind {
		case colMetric:
			key := fmt.Sprintf("sub:%d", ci)
			if combined {
				name := names[c.metric]
				t.texts[key] = func(m int) string {
					if prefix {
						return subLabel(c, m) + name
					}
					return name + "（" + subLabel(c, m) + "）"
				}
			} else {
				t.texts[key] = func(m int) string { return subLabel(c, m) }
			}
			meas := g.cfg.Metrics[c.metric].Measure
			if c.sub == subYoY {
				meas = "%"
			}
			set(fmt.Sprintf("meas:%d", ci), meas)
		case colExtra:
			var h, meas string
			switch c.extra {
			case exRemark:
				h = "备注"
			case exContact:
				h = "联系人"
			case exPhone:
				h = "联系电话"
			case exRate:
				h, meas = pick(g, []string{"整改率", "整改率（%）", "问题整改率"}), "%"
			case exOpen:
				h, meas = pick(g, []string{"未整改问题", "未整改问题数", "尚未整改"}), "个"
			case exLastOf:
				m := g.cfg.Metrics[c.metric]
				short := m.Short
				if short == "" {
					short = m.Name
				}
				h, meas = "上月"+short, m.Measure
			}
			set(fmt.Sprintf("x:%d", ci), h)
			set(fmt.Sprintf("meas:%d", ci), meas)
		}
	}
	switch x := g.r.Float64(); {
	case x < 0.12:
		t.lanci = 1
	case x < 0.18:
		t.lanci = 2
	}
	if t.lanci > 0 {
		g.apply(LanciRow)
		t.lanciText = g.chance(0.4)
	}

	t.makeItems()
	return t
}

// makeItems decides the rows of the body: groups, areas, parts, subtotals,
// blank rows, a repeated header, a note, a broken row, and the 合计.
func (t *tableGen) makeItems() {
	g := t.g
	truth := &g.c.Truth
	n := len(truth.Rows)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	t.groups = [][]int{all}
	if t.groupMode > 0 {
		k := 2
		if n >= 5 && g.chance(0.5) {
			k = 3
		}
		cuts := []int{0}
		for len(cuts) < k {
			c := g.between(1, n-1)
			if !slices.Contains(cuts, c) {
				cuts = append(cuts, c)
			}
		}
		slices.Sort(cuts)
		cuts = append(cuts, n)
		t.groups = nil
		for i := 0; i+1 < len(cuts); i++ {
			t.groups = append(t.groups, all[cuts[i]:cuts[i+1]])
		}
		names := slices.Clone(groupNames)
		g.r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		t.groupNames = names[:len(t.groups)]
		t.headStyle = g.intn(3)
		if t.labelMode != 1 && t.headStyle == 1 {
			t.headStyle = 0
		}
		t.headNum = pick(g, []int{numCN, numParenCN})
		t.restartNum = g.chance(0.6)
	}
	t.partStyle = g.intn(8)
	t.partSeq = t.labelMode == 1 && g.chance(0.3)
	num := 0
	for gi, grp := range t.groups {
		if t.groupMode == 1 {
			t.items = append(t.items, item{kind: itHeading, idx: gi})
		}
		if t.restartNum {
			num = 0
		}
		for _, a := range grp {
			num++
			t.items = append(t.items, item{kind: itArea, idx: a, num: num})
			first := true
			for pi, p := range truth.Parts {
				if p.Parent == a {
					t.items = append(t.items, item{kind: itPart, idx: pi, partFirst: first})
					first = false
				}
			}
		}
		if t.subtotals {
			t.items = append(t.items, item{kind: itSubtotal, idx: gi})
		}
	}
	// Places where a row may go: before an area (after the first), and in a
	// table with a group column only between groups.
	spots := func() []int {
		var out []int
		seen := 0
		for i, it := range t.items {
			if it.kind != itArea {
				continue
			}
			seen++
			if seen == 1 {
				continue
			}
			if t.groupMode == 2 && !t.firstOfGroup(it.idx) {
				continue
			}
			out = append(out, i)
		}
		return out
	}
	insert := func(it item) bool {
		s := spots()
		if len(s) == 0 {
			return false
		}
		at := pick(g, s)
		t.items = slices.Insert(t.items, at, it)
		return true
	}
	if g.chance(0.08) {
		t.noteText = pick(g, []string{"注：以下为专项督查事项", "（以下各项为市级交办事项）", "说明：以下数据含联合督查", "以下为本单位自行开展的督查"})
		t.noteWide = g.chance(0.5)
		if insert(item{kind: itNote}) {
			g.apply(NoteInside)
		}
	}
	if g.chance(0.1) {
		for i := g.between(1, 2); i > 0; i-- {
			hidden := g.chance(0.25)
			if insert(item{kind: itBlank, hidden: hidden}) {
				g.apply(BlankRows)
				if hidden {
					g.apply(HiddenRows)
				}
			}
		}
	}
	if g.chance(0.06) && insert(item{kind: itHeader}) {
		g.apply(RepeatedHeader)
	}
	switch g.broken {
	case BrokenUnlabelled, BrokenUnknown:
		s := g.series(1, false)
		for k := range s.Months[len(s.Months)-1] {
			s.Months[len(s.Months)-1][k] += int64(g.between(1, 9))
		}
		t.brokenSeries = &s
		if g.broken == BrokenUnknown {
			t.brokenLabel = pick(g, unknownLabels)
		}
		if g.chance(0.5) || !insert(item{kind: itBroken}) {
			t.items = append(t.items, item{kind: itBroken})
		}
	case BrokenWord, BrokenFraction, BrokenNegative, BrokenPart:
		want := itArea
		if g.broken == BrokenPart {
			want = itPart
		}
		var cand []int
		for i, it := range t.items {
			if it.kind == want {
				cand = append(cand, i)
			}
		}
		t.brokenItem = pick(g, cand)
		t.brokenMetric = g.intn(len(truth.Metrics))
	case BrokenTotal:
		t.brokenMetric = g.intn(len(truth.Metrics))
		t.brokenDelta = int64(g.between(1, 9))
		if g.chance(0.5) {
			t.brokenDelta = -t.brokenDelta
		}
	}

	t.hasTotal = g.broken == BrokenTotal || !g.chance(0.15)
	if !t.hasTotal {
		g.apply(NoTotal)
		return
	}
	if g.chance(0.15) {
		t.totalFirst = true
		g.apply(TotalFirst)
	}
	t.totalText = "合计"
	if g.chance(0.4) {
		t.totalText = pick(g, totalLabels)
	}
	if t.labelMode == 1 || t.groupMode == 2 || len(t.labelCols()) > 1 {
		t.totalMode = g.intn(3)
		if t.labelMode != 1 && t.totalMode == 1 {
			t.totalMode = 2
		}
	}
	if t.totalText != "合计" || t.totalMode != 0 {
		g.apply(TotalLabel)
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
		t.viaSubtotals = t.subtotals && g.chance(0.5)
	}
}

func (t *tableGen) firstOfGroup(a int) bool {
	for _, grp := range t.groups {
		if grp[0] == a {
			return true
		}
	}
	return false
}

// labelCols returns the indexes of the label columns, left to right.
func (t *tableGen) labelCols() []int {
	var out []int
	for i, c := range t.cols {
		if c.kind < colMetric {
			out = append(out, i)
		}
	}
	return out
}

func (t *tableGen) col(kind colKind) int {
	for i, c := range t.cols {
		if c.kind == kind {
			return i
		}
	}
	return -1
}

// value is what column c shows for series s on the sheet of month m.
func (t *tableGen) value(c column, s *Series, m int) (int64, bool) {
	k := c.metric
	switch c.sub {
	case subMonth:
		return s.Month(m)[k], true
	case subCum:
		return s.Cumulative(m)[k], true
	case subLast:
		return s.Month(m - 1)[k], true
	case subPrior:
		return s.PriorYear[m-1][k], true
	case subAt:
		mo := m + c.offset
		if mo > m || mo < 0 || mo > len(s.Months) {
			return 0, false
		}
		return s.Month(mo)[k], true
	}
	return 0, false
}

// render writes the table for month m at row top.
func (t *tableGen) render(b *sheetBuilder, top, m int, blank bool) (int, int) {
	g := t.g
	truth := &g.c.Truth
	brk := g.broken != "" && m == truth.Month && !blank
	for ci, c := range t.cols {
		if c.hidden {
			b.hiddenCols[ci] = true
		}
	}
	row := t.header(b, top, m, true)
	if t.lanci > 0 {
		t.lanciRow(b, row)
		row++
	}
	// Rows of each item first: formulas refer to rows further down.
	totalRow := -1
	if t.hasTotal && t.totalFirst {
		totalRow = row
		row++
	}
	rowOf := make([]int, len(t.items))
	for i, it := range t.items {
		rowOf[i] = row
		if it.kind == itHeader {
			row += t.levels
		} else {
			row++
		}
	}
	if t.hasTotal && !t.totalFirst {
		totalRow = row
		row++
	}
	width := len(t.cols)
	var areaRows, subRows []int
	var areaSeries []*Series
	groupRows := make([][]int, len(t.groups))
	groupSeries := make([][]*Series, len(t.groups))
	groupSpan := make([][2]int, len(t.groups))
	for i := range groupSpan {
		groupSpan[i] = [2]int{-1, -1}
	}
	groupIdx := func(a int) int {
		for gi, grp := range t.groups {
			if slices.Contains(grp, a) {
				return gi
			}
		}
		return 0
	}
	curGroup := 0
	for i, it := range t.items {
		r := rowOf[i]
		switch it.kind {
		case itArea:
			area := &truth.Rows[it.idx]
			curGroup = groupIdx(it.idx)
			t.areaLabel(b, r, it, area.Label)
			t.dataRow(b, r, &area.Series, m, blank, brk && i == t.brokenItem, nil, it.idx)
			areaRows = append(areaRows, r)
			areaSeries = append(areaSeries, &area.Series)
			groupRows[curGroup] = append(groupRows[curGroup], r)
			groupSeries[curGroup] = append(groupSeries[curGroup], &area.Series)
		case itPart:
			p := &truth.Parts[it.idx]
			t.partLabel(b, r, it, p.Label)
			var parent *Series
			if brk && i == t.brokenItem {
				parent = &truth.Rows[p.Parent].Series
			}
			t.dataRow(b, r, &p.Series, m, blank, false, parent, -2)
		case itHeading:
			t.headingLabel(b, r, it.idx)
			curGroup = it.idx
		case itSubtotal:
			t.textLabel(b, r, pick(g, subtotalLabels), 0)
			subRows = append(subRows, r)
			t.sumRow(b, r, m, blank, groupSeries[it.idx], groupRows[it.idx], nil, false, false)
		case itBlank:
			if it.hidden {
				b.hiddenRows[r] = true
			}
		case itHeader:
			t.header(b, r, m, false)
		case itNote:
			b.text(r, 0, t.noteText)
			if t.noteWide {
				b.merge(r, 0, r, width-1)
			}
		case itBroken:
			if brk {
				if t.brokenLabel != "" {
					t.textLabel(b, r, t.brokenLabel, 0)
				}
				t.dataRow(b, r, t.brokenSeries, m, false, false, nil, -2)
				areaRows = append(areaRows, r)
				areaSeries = append(areaSeries, t.brokenSeries)
			}
		}
		if it.kind == itArea || it.kind == itPart || it.kind == itSubtotal {
			if groupSpan[curGroup][0] < 0 {
				groupSpan[curGroup][0] = r
			}
			groupSpan[curGroup][1] = r
		}
	}
	if t.groupMode == 2 {
		gc := t.col(colGroup)
		for gi, span := range groupSpan {
			if span[0] >= 0 {
				b.text(span[0], gc, t.groupNames[gi])
				b.merge(span[0], gc, span[1], gc)
			}
		}
	}
	if totalRow >= 0 {
		t.totalLabel(b, totalRow)
		var via []int
		if t.viaSubtotals {
			via = subRows
		}
		t.sumRow(b, totalRow, m, blank, areaSeries, areaRows, via, brk, true)
	}
	return row, width
}

// header writes the header rows at top (with the measure row when asked)
// and returns the row after them.
func (t *tableGen) header(b *sheetBuilder, top, m int, withMeasure bool) int {
	n := t.levels
	if withMeasure && t.measure {
		n++
	}
	type rect struct{ r1, c1, r2, c2 int }
	var order []string
	rects := map[string]*rect{}
	for li := 0; li < n; li++ {
		for ci, c := range t.cols {
			key := ""
			switch {
			case li < t.levels:
				key = c.nodes[li]
			case c.kind == colMetric || (c.kind == colExtra && c.extra >= exRate):
				key = fmt.Sprintf("meas:%d", ci)
			default:
				key = c.nodes[t.levels-1]
			}
			r := top + li
			if x, ok := rects[key]; ok {
				x.r1, x.c1 = min(x.r1, r), min(x.c1, ci)
				x.r2, x.c2 = max(x.r2, r), max(x.c2, ci)
			} else {
				rects[key] = &rect{r, ci, r, ci}
				order = append(order, key)
			}
		}
	}
	for _, key := range order {
		x := rects[key]
		text := t.texts[key](m)
		w, h := x.c2-x.c1+1, x.r2-x.r1+1
		switch {
		case w == 1 && h == 1:
			b.text(x.r1, x.c1, text)
		case (w == 1 || t.hMode == 0) && (h == 1 || t.vMode == 0):
			b.text(x.r1, x.c1, text)
			b.merge(x.r1, x.c1, x.r2, x.c2)
		default:
			if text != "" {
				t.g.apply(HeaderUnmerged)
			}
			r := x.r1
			if h > 1 && t.vMode == 2 {
				r = x.r2
			}
			if w > 1 && t.hMode == 2 {
				for c := x.c1; c <= x.c2; c++ {
					b.text(r, c, text)
				}
			} else {
				b.text(r, x.c1, text)
			}
		}
	}
	return top + n
}

// lanciRow writes the 栏次 row: 甲 乙 … over the label columns, 1 2 3 …
// over the figures.
func (t *tableGen) lanciRow(b *sheetBuilder, r int) {
	letters := []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"}
	li, n := 0, 1
	for ci, c := range t.cols {
		numeric := c.kind == colMetric || (c.kind == colExtra && c.extra >= exRate)
		switch {
		case numeric:
			if t.lanciText {
				b.text(r, ci, strconv.Itoa(n))
			} else {
				b.number(r, ci, float64(n), "")
			}
			n++
		case c.kind == colCat2:
		case t.lanci == 2:
			if ci == 0 {
				b.text(r, ci, "栏次")
			}
		default:
			b.text(r, ci, letters[li%len(letters)])
			li++
		}
	}
}

// areaLabel writes the label cells of a work-area row.
func (t *tableGen) areaLabel(b *sheetBuilder, r int, it item, label string) {
	if t.labelNum >= 0 {
		label = numbered(t.labelNum, it.num) + label
	}
	if sc := t.col(colSeq); sc >= 0 {
		n := it.num
		switch t.seqStyle {
		case seqNumber:
			b.number(r, sc, float64(n), "")
		case seqText:
			b.text(r, sc, strconv.Itoa(n))
		case seqDot:
			b.text(r, sc, strconv.Itoa(n)+".")
		case seqCN:
			b.text(r, sc, chineseNum(n))
		case seqParenCN:
			b.text(r, sc, "（"+chineseNum(n)+"）")
		default:
			b.text(r, sc, circled(n))
		}
	}
	t.textLabel(b, r, label, 0)
}

// textLabel writes text in the work-area column, merged over the second
// label column when the table has one.
func (t *tableGen) textLabel(b *sheetBuilder, r int, text string, indent int) {
	cc := t.col(colCat)
	b.put(Cell{Row: r, Col: cc, Kind: KindText, Text: text, Indent: indent})
	if c2 := t.col(colCat2); c2 >= 0 && t.catMerged {
		b.merge(r, cc, r, c2)
	}
}

// partLabel writes the label of a 其中 row.
func (t *tableGen) partLabel(b *sheetBuilder, r int, it item, name string) {
	if t.partSeq {
		if it.partFirst {
			b.text(r, t.col(colSeq), "其中")
		}
		t.textLabel(b, r, name, 0)
		return
	}
	indent := 0
	var text string
	style := t.partStyle
	if !it.partFirst && (style == 0 || style == 1 || style == 7) {
		style = 5
	}
	switch style {
	case 0:
		text = "其中：" + name
	case 1:
		text = "其中:" + name
	case 2:
		text = pick(t.g, []string{"含：", "含"}) + name
	case 3:
		text = pick(t.g, []string{"#", "＃"}) + name
	case 4:
		text = "    " + name
	case 5:
		text = "\u3000\u3000" + name
	case 6:
		text, indent = name, t.g.between(1, 2)
	default:
		text = "  其中：" + name
	}
	t.textLabel(b, r, text, indent)
}

// headingLabel writes the heading row of group gi (一、重点工作).
func (t *tableGen) headingLabel(b *sheetBuilder, r, gi int) {
	name := t.groupNames[gi]
	switch t.headStyle {
	case 1:
		b.text(r, t.col(colSeq), chineseNum(gi+1))
		t.textLabel(b, r, name, 0)
	case 2:
		b.text(r, 0, numbered(t.headNum, gi+1)+name)
		b.merge(r, 0, r, len(t.cols)-1)
	default:
		t.textLabel(b, r, numbered(t.headNum, gi+1)+name, 0)
	}
}

// totalLabel writes the label of the 合计 row.
func (t *tableGen) totalLabel(b *sheetBuilder, r int) {
	labels := t.labelCols()
	switch t.totalMode {
	case 1:
		b.text(r, t.col(colSeq), t.totalText)
	case 2:
		b.text(r, labels[0], t.totalText)
		b.merge(r, labels[0], r, labels[len(labels)-1])
	default:
		if gc := t.col(colGroup); gc >= 0 {
			b.text(r, gc, t.totalText)
			b.merge(r, gc, r, labels[len(labels)-1])
			return
		}
		t.textLabel(b, r, t.totalText, 0)
	}
}

// dataRow writes the figures of one row: area row area, or another row
// when area is -2. broken puts the case's broken figure in the month
// column; parent, for a broken 其中 row, makes its figure larger than its
// parent's.
func (t *tableGen) dataRow(b *sheetBuilder, r int, s *Series, m int, blank, broken bool, parent *Series, area int) {
	g := t.g
	for ci, c := range t.cols {
		switch c.kind {
		case colMetric:
			if blank {
				continue
			}
			isMonth := c.sub == subMonth || (c.sub == subAt && c.offset == 0)
			if isMonth && c.metric == t.brokenMetric {
				if broken {
					v, _ := t.value(c, s, m)
					g.brokenFigure(b, r, ci, v)
					continue
				}
				if parent != nil {
					v, _ := t.value(c, parent, m)
					g.figure(b, r, ci, v+int64(g.between(1, 5)), c.metric)
					continue
				}
			}
			if c.sub == subYoY {
				g.ratio(b, r, ci, s.Month(m)[c.metric]-s.PriorYear[m-1][c.metric], s.PriorYear[m-1][c.metric], t.rateText)
				continue
			}
			if v, ok := t.value(c, s, m); ok {
				g.figure(b, r, ci, v, c.metric)
				if isMonth && area >= 0 {
					g.mark(b, r, ci, area, c.metric)
				}
			}
		case colExtra:
			if blank {
				continue
			}
			t.extraCell(b, r, ci, c, s, m, false)
		}
	}
}

// extraCell writes an extra column's cell; sum rows get only the figures.
func (t *tableGen) extraCell(b *sheetBuilder, r, ci int, c column, s *Series, m int, sum bool) {
	g := t.g
	cfg := g.cfg
	switch c.extra {
	case exRemark:
		if !sum && g.chance(0.25) {
			b.text(r, ci, pick(g, remarks))
		}
	case exContact:
		if !sum {
			b.text(r, ci, pick(g, people))
		}
	case exPhone:
		if !sum {
			if g.chance(0.3) {
				b.number(r, ci, float64(13800000000+g.intn(99999999)), "")
			} else {
				b.text(r, ci, fmt.Sprintf("0771-%07d", 5000000+g.intn(999999)))
			}
		}
	case exRate, exOpen:
		num, den := g.metricIndex(rateLeft(cfg)), g.metricIndex(rateRight(cfg))
		mo := s.Month(m)
		if c.extra == exRate {
			g.ratio(b, r, ci, mo[num], mo[den], t.rateText)
		} else {
			b.number(r, ci, float64(mo[den]-mo[num]), "")
		}
	case exLastOf:
		b.number(r, ci, float64(s.Month(m - 1)[c.metric]), "")
	}
}

// sumRow writes a 小计 or (total) the 合计 row: the sums of rows, as
// numbers or as SUM formulas over them (or over the subtotal rows via).
func (t *tableGen) sumRow(b *sheetBuilder, r, m int, blank bool, ss []*Series, rows, via []int, broken, total bool) {
	g := t.g
	sum := sumSeries(ss, len(g.c.Truth.Metrics))
	for ci, c := range t.cols {
		switch c.kind {
		case colMetric:
			isMonth := c.sub == subMonth || (c.sub == subAt && c.offset == 0)
			if broken && isMonth && c.metric == t.brokenMetric && g.broken == BrokenTotal {
				v, _ := t.value(c, sum, m)
				b.number(r, ci, float64(offBy(v, t.brokenDelta)), "")
				continue
			}
			if blank {
				if t.formulas && c.sub != subYoY {
					b.formula(r, ci, sumFormula(ci, rows, via), 0, t.cached)
				}
				continue
			}
			if c.sub == subYoY {
				g.ratio(b, r, ci, sum.Month(m)[c.metric]-sum.PriorYear[m-1][c.metric], sum.PriorYear[m-1][c.metric], t.rateText)
				continue
			}
			v, ok := t.value(c, sum, m)
			switch {
			case !ok:
			case t.formulas:
				b.formula(r, ci, sumFormula(ci, rows, via), v, t.cached)
			default:
				g.figure(b, r, ci, v, c.metric)
			}
			if ok && total && isMonth && !broken {
				g.mark(b, r, ci, -1, c.metric)
			}
		case colExtra:
			if !blank {
				t.extraCell(b, r, ci, c, sum, m, true)
			}
		}
	}
}

// offBy returns v changed by delta, kept at zero or above and never v.
func offBy(v, delta int64) int64 {
	if v+delta < 0 {
		return v - delta
	}
	return v + delta
}

// sumFormula adds up column col over rows (runs become ranges), or adds the
// cells of the via rows.
func sumFormula(col int, rows, via []int) string {
	cn := ColName(col)
	if len(via) > 0 {
		parts := make([]string, len(via))
		for i, r := range via {
			parts[i] = cn + strconv.Itoa(r+1)
		}
		return strings.Join(parts, "+")
	}
	if len(rows) == 0 {
		return "0"
	}
	rs := slices.Sorted(slices.Values(rows))
	var parts []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, cn+strconv.Itoa(rs[i]+1))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d:%s%d", cn, rs[i]+1, cn, rs[j]+1))
		}
		i = j + 1
	}
	return "SUM(" + strings.Join(parts, ",") + ")"
}

// rateLeft and rateRight are the metrics of the configured headline rate
// (its part and its whole), "" when none is configured.
func rateLeft(cfg *templates.Config) string {
	d, _ := cfg.HeadlineRate()
	return d.Left
}

func rateRight(cfg *templates.Config) string {
	d, _ := cfg.HeadlineRate()
	return d.Right
}
