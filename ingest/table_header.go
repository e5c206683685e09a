package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The header block: one or more rows over the table that name its columns.
// Group cells stand over sub-headers (约谈 over 责任单位 / 责任人), a row of
// measure words or a 栏次 row (甲 乙 1 2 3) may stand under it, and a
// column may be marked for a period (本月, 累计, 上月, 2018年10月).

// qualKind is the period a header or a row label marks.
type qualKind int

const (
	qualNone       qualKind = iota
	qualMonth               // 本月, 当月, 数值
	qualCumulative          // 累计, 1-10月累计
	qualOther               // 上月, 同比, 去年同期
	qualPeriod              // a named month: 2018年10月, 10月
)

var (
	// monthName is a single month as a header names it: 2018年10月,
	// 10月, 10月份, 2018.10, 2018-10, 201810.
	monthName = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})月份?(?:数|情况)?$|^(\d{4})[.\-/](\d{1,2})$|^(\d{4})(\d{2})$`)
	// monthRange is a run of months from January: 1-10月, 1—10月累计,
	// 2018年1-10月, 截至10月, 截止10月底.
	monthRange = regexp.MustCompile(`^(?:\d{4}年)?(?:1|一)月?(?:-|~|至|到)(?:\d{4}年)?\d{1,2}月(?:份)?(?:累计|合计)?(?:数)?$|^截[至止](?:\d{4}年)?\d{1,2}月(?:底|末)?(?:累计)?(?:数)?$`)
)

// wordClass is what the header search needs to know of a cell's text,
// remembered per text: the header search asks it of each cell many times.
type wordClass struct {
	qual                  qualKind
	period                Period
	measure               bool
	note, derived, partOf bool
	key                   string // the normalised text (Normalizer.Key)
	percent               bool   // only a % sign
	// a metric's name joined to a period in one cell (当月派出人员)
	joined       string
	joinedQual   qualKind
	joinedPeriod Period
}

// class returns the remembered class of a text.
func (m *HeaderMatcher) class(text string) wordClass {
	if v, ok := m.classes.Load().Load(text); ok {
		return v.(wordClass)
	}
	q, p := m.qualifierOf(text)
	c := wordClass{qual: q, period: p, measure: m.isMeasure(text), note: m.isNote(text), derived: m.isDerived(text), partOf: m.isPartOf(text), key: m.norm.Key(text)}
	if p := stripPunct.Replace(fold(text)); p == "%" || p == "‰" {
		c.percent = true
	}
	c.joined, c.joinedQual, c.joinedPeriod = m.joinedMetric(text)
	if len(text) <= maxMemoText {
		memo := m.classes.Load()
		if m.classCount.Add(1) > maxMemo && m.classes.CompareAndSwap(memo, new(sync.Map)) {
			m.classCount.Store(0)
		}
		m.classes.Load().Store(text, c)
	}
	return c
}

// qualifier says which period a header part or a row label marks.
func (m *HeaderMatcher) qualifier(text string) (qualKind, Period) {
	c := m.class(text)
	return c.qual, c.period
}

func (m *HeaderMatcher) qualifierOf(text string) (qualKind, Period) {
	text = strings.NewReplacer("%", "", "％", "").Replace(text) // 同比增减（%）
	if strings.TrimSpace(text) == "" {
		return qualNone, Period{}
	}
	switch {
	case m.IsMonth(text) || m.IsValueColumn(text):
		return qualMonth, Period{}
	case m.IsCumulative(text):
		return qualCumulative, Period{}
	case m.IsOtherPeriod(text):
		return qualOther, Period{}
	}
	if b := bracketed.FindStringSubmatch(fold(text)); b != nil {
		outside := strings.Replace(fold(text), b[0], "", 1)
		if q, p := m.qualifierOf(b[1]); q == qualPeriod && (outside == "" || m.IsMonth(outside)) {
			return q, p // 本月（9月）: the month in brackets says which
		}
	}
	t := stripPunct.Replace(fold(text))
	if monthRange.MatchString(t) {
		return qualCumulative, Period{}
	}
	if g := monthName.FindStringSubmatch(t); g != nil {
		y, mo := g[1]+g[3]+g[5], g[2]+g[4]+g[6]
		year, _ := strconv.Atoi(y)
		month, _ := strconv.Atoi(mo)
		if month >= 1 && month <= 12 && (year == 0 || (year >= 1990 && year <= 2100)) {
			return qualPeriod, Period{year, month}
		}
	}
	return qualNone, Period{}
}

// periodPrefix is a month or a run of months written before a metric's
// name in one cell: 1-10月累计派出人员, 2018年10月派出人员.
var periodPrefix = regexp.MustCompile(`^(?:截[至止])?(?:\d{4}年)?\d{1,2}(?:月)?(?:-|~|至|到)?(?:\d{1,2})?月份?(?:底|末)?(?:累计)?`)

// bracketed finds a bracketed part of a folded header: (1-10月).
var bracketed = regexp.MustCompile(`\(([^()]*)\)`)

// qualifiedMetric reads a header cell that joins a period and a metric:
// 本年累计派出监督检查人员, 当月督查发现问题, 派出人员（本月）.
func (m *HeaderMatcher) qualifiedMetric(text string) (string, qualKind, Period) {
	c := m.class(text)
	return c.joined, c.joinedQual, c.joinedPeriod
}

func (m *HeaderMatcher) joinedMetric(text string) (string, qualKind, Period) {
	t := strings.NewReplacer("(%)", "", "%", "").Replace(fold(text))
	if t == "" || m.Metric(text) != "" {
		return "", qualNone, Period{}
	}
	for _, b := range bracketed.FindAllStringSubmatchIndex(t, -1) {
		if q, p := m.qualifier(t[b[2]:b[3]]); q != qualNone {
			if id := m.Metric(t[:b[0]] + t[b[1]:]); id != "" {
				return id, q, p // 派出监督检查人员（1-10月）
			}
		}
	}
	t = stripPunct.Replace(t)
	for _, w := range m.qualWords {
		if rest, ok := strings.CutPrefix(t, w); ok && rest != "" {
			if id := m.Metric(rest); id != "" {
				if q, p := m.qualifier(w); q != qualNone {
					return id, q, p
				}
			}
		}
		if rest, ok := strings.CutSuffix(t, w); ok && rest != "" {
			if id := m.Metric(rest); id != "" {
				if q, p := m.qualifier(w); q != qualNone {
					return id, q, p
				}
			}
		}
	}
	if w := periodPrefix.FindString(t); w != "" && w != t {
		if q, p := m.qualifier(w); q != qualNone {
			if id := m.Metric(t[len(w):]); id != "" {
				return id, q, p
			}
		}
	}
	return "", qualNone, Period{}
}

// headerColumn is one column of a header block as read.
type headerColumn struct {
	Column
	qual     qualKind
	usedRows []int  // block rows whose cell this column's reading used
	name     string // the lowest name in the column's header, and its row
	nameRow  int
	grouped  bool // named by a group name standing before it in its row
}

// header is one reading of rows r0..r1 as the header block.
type header struct {
	r0, r1  int
	cols    []headerColumn
	v       *view // the view over the columns the table spans
	score   int   // distinct metrics named
	counted int   // distinct metrics with a month column
	ok      bool  // every row of the block does header work
}

// rowKind sorts whole rows of a header block: most rows are ordinary,
// some are a row of measure words or a 栏次 row.
type rowKind int

const (
	rowPlain rowKind = iota
	rowMeasures
	rowSerial
	rowFigures // holds figures or labels of data: never a header row
)

// headerRowKind looks at the whole of row r of the view.
func (m *HeaderMatcher) headerRowKind(v *view, r int, values *ValueParser) rowKind {
	measures, plain, units, serial, numbers, other := 0, 0, 0, 0, []int64{}, 0
	for c := v.lo; c < v.cols; c++ {
		t := v.text(r, c)
		if t == "" {
			continue
		}
		switch {
		case m.IsMeasure(t):
			measures++
			if strings.HasPrefix(fold(t), "单位") {
				units++ // 单位 under 约谈: a member, unless it heads the row
			}
			if !ambiguousMeasure(t) {
				plain++
			}
		case m.IsSerialMark(t):
			serial++
		case plainNumber(t):
			if n, err := values.Parse(t); err == nil {
				numbers = append(numbers, n)
				continue
			}
			other++
		case m.Area(t) != "" || m.IsTotal(t) || m.IsSubtotal(t) || m.IsPartOf(t):
			return rowFigures
		default:
			other++
		}
	}
	switch {
	case len(numbers) == 0 && other == 0 && serial == 0 && plain > 0 && units < 2:
		return rowMeasures
	case other == 0 && measures == 0 && len(numbers) >= 2 && consecutive(numbers):
		return rowSerial
	case len(numbers) > 0:
		return rowFigures
	}
	return rowPlain
}

// ambiguousMeasure reports whether a measure word may also be a sub-header
// (人 and 单位 under 约谈), so that a row of them alone is not taken for a
// row of measure words.
func ambiguousMeasure(t string) bool {
	switch stripPunct.Replace(fold(t)) {
	case "人", "单位", "计量单位", "人员":
		return true
	}
	return false
}

// consecutive reports whether ns count up by one: a 栏次 row (1 2 3 …).
func consecutive(ns []int64) bool {
	for i := 1; i < len(ns); i++ {
		if ns[i] != ns[i-1]+1 {
			return false
		}
	}
	return ns[0] <= 2
}

// readHeader reads rows r0..r1 as a header block.
func (m *HeaderMatcher) readHeader(v *view, r0, r1 int, kinds map[int]rowKind) *header {
	h := &header{r0: r0, r1: r1, ok: true}
	plain := 0
	for r := r0; r <= r1; r++ {
		switch kinds[r] {
		case rowFigures:
			h.ok = false
			return h
		case rowPlain:
			plain++
		}
	}
	if plain == 0 || kinds[r0] != rowPlain {
		h.ok = false
		return h
	}
	used := map[int]bool{}
	seen, counted := map[string]bool{}, map[string]bool{}
	for c := v.lo; c < v.cols; c++ {
		hc := m.headerColumn(v, h, c, kinds)
		if hc.Text == "" {
			continue
		}
		for _, r := range hc.usedRows {
			used[r] = true
		}
		if hc.Metric != "" {
			seen[hc.Metric] = true
			if hc.qual == qualNone || hc.qual == qualMonth || hc.qual == qualPeriod {
				counted[hc.Metric] = true
			}
		}
		h.cols = append(h.cols, hc)
	}
	m.groupsInRow(h, seen, counted, used)
	for r := r0; r <= r1; r++ {
		if kinds[r] == rowPlain && !used[r] {
			h.ok = false // a title or a stray row: not part of this header
		}
	}
	h.score, h.counted = len(seen), len(counted)
	return h
}

// groupsInRow reads group names that stand in the same header row as
// their members (约谈 | 责任单位 | 责任人, as a list lying across is often
// typed): a column that names nothing, read after the nearest name on its
// left that names nothing either, names a metric.
func (m *HeaderMatcher) groupsInRow(h *header, seen, counted map[string]bool, used map[int]bool) {
	for i := range h.cols {
		hc := &h.cols[i]
		if hc.Metric != "" || hc.name == "" || (hc.Role != ColUnknown && hc.Role != ColNote && hc.Role != ColBlank) {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			p := &h.cols[j]
			if p.nameRow != hc.nameRow {
				break
			}
			if p.grouped {
				continue // a sibling: 责任单位 before 责任人
			}
			if p.Role != ColUnknown && p.Role != ColGroup {
				break
			}
			id := m.Metric(m.class(p.name).key + m.class(hc.name).key)
			if id == "" {
				continue
			}
			hc.Metric, hc.Role, hc.grouped = id, metricRole(hc.qual), true
			p.Role = ColGroup
			used[hc.nameRow] = true
			seen[id] = true
			if hc.Role == ColCount {
				counted[id] = true
			}
			break
		}
	}
}

// headerColumn reads column c of a header block: the texts of its cells
// top to bottom (a merged group cell standing over it included), what
// period they mark, and which metric or other column they name.
func (m *HeaderMatcher) headerColumn(v *view, h *header, c int, kinds map[int]rowKind) headerColumn {
	type part struct {
		text string
		row  int
	}
	var names, all, measures []part
	var marks []int // rows of period and measure words: part of the header only over a metric
	hc := headerColumn{Column: Column{Col: c, Hidden: v.hiddenCol(c)}}
	for r := h.r0; r <= h.r1; r++ {
		if kinds[r] != rowPlain {
			continue
		}
		t := v.merged(r, c)
		if t == "" && r < h.r1 {
			t = m.groupParent(v, h, r, c)
		}
		if t == "" || (len(all) > 0 && all[len(all)-1].text == t) {
			continue
		}
		all = append(all, part{t, r})
		if m.IsNote(t) {
			hc.Role, hc.Text = ColNote, t // a note below a table lying across (审核：…)
			return hc
		}
		if q, p := m.qualifier(t); q != qualNone {
			if hc.qual != qualNone && (hc.qual != q || hc.Period != p) {
				hc.qual = qualOther // two periods at once: not this month's figure
			} else {
				hc.qual, hc.Period = q, p
			}
			marks = append(marks, r)
			continue
		}
		if m.IsMeasure(t) {
			marks = append(marks, r)
			measures = append(measures, part{t, r})
			continue
		}
		if m.class(t).percent {
			marks = append(marks, r) // a percentage's sign under its column
			continue
		}
		names = append(names, part{t, r})
	}
	texts := make([]string, len(all))
	for i, p := range all {
		texts[i] = p.text
	}
	hc.Text = strings.Join(texts, "/")
	if len(names) == 0 {
		if len(measures) > 0 {
			hc.name, hc.nameRow = measures[len(measures)-1].text, measures[len(measures)-1].row // 人 under 约谈
		}
		if hc.qual != qualNone {
			hc.Role = ColUnknown // a period with no metric: a list's value column, read the other way
		}
		return hc
	}
	try := func(ps ...part) bool {
		var b strings.Builder
		for _, p := range ps {
			if len(ps) > 1 {
				b.WriteString(m.class(p.text).key) // each part's own numbering goes: 约谈 over （1）责任单位
			} else {
				b.WriteString(p.text)
			}
		}
		if id := m.Metric(b.String()); id != "" {
			hc.Metric = id
			for _, p := range ps {
				hc.usedRows = append(hc.usedRows, p.row)
			}
			return true
		}
		return false
	}
	last := names[len(names)-1]
	hc.name, hc.nameRow = last.text, last.row
	switch {
	case try(names...), try(last):
	case len(names) >= 2 && try(names[len(names)-2], last):
	case try(names[0]):
	case len(measures) > 0 && try(append(names, measures...)...): // 约谈 over 人: 约谈人
	case len(measures) > 0 && try(append([]part{last}, measures...)...): // … over 约谈 over 单位
	}
	if hc.Metric == "" && hc.qual == qualNone {
		for i := len(names) - 1; i >= 0; i-- {
			if id, q, p := m.qualifiedMetric(names[i].text); id != "" {
				hc.Metric, hc.qual, hc.Period = id, q, p
				hc.usedRows = append(hc.usedRows, names[i].row)
				break
			}
		}
	}
	if hc.Metric != "" {
		hc.Role = metricRole(hc.qual)
		hc.usedRows = append(hc.usedRows, marks...)
		return hc
	}
	for i := len(names) - 1; i >= 0; i-- {
		if m.IsDerived(names[i].text) {
			hc.Role = ColDerived
			hc.usedRows = append(hc.usedRows, names[i].row)
			return hc
		}
	}
	for _, p := range names {
		switch {
		case m.IsIndex(p.text):
			hc.Role = ColIndex
		case m.IsAreaColumn(p.text) || m.isMetricColumn(p.text):
			hc.Role = ColLabel
		case m.IsIgnorable(p.text) || m.IsNote(p.text):
			hc.Role = ColNote
		default:
			continue
		}
		hc.usedRows = append(hc.usedRows, p.row)
		return hc
	}
	hc.Role = ColUnknown
	return hc
}

func metricRole(q qualKind) ColRole {
	switch q {
	case qualCumulative:
		return ColCumulative
	case qualOther:
		return ColOther
	}
	return ColCount
}

// groupParent finds the group header over column c when it was typed once
// and not merged: the nearest text to the left in row r, when it is a
// group of what stands below it in column c: with it, it names a metric
// (约谈 | (blank) over 责任单位 | 责任人), or it is a period over metrics
// (本月 | (blank) over 派出人员 | 发现问题), or a metric, or a group's
// member, over periods (派出人员 | (blank) over 本月 | 累计).
func (m *HeaderMatcher) groupParent(v *view, h *header, r, c int) string {
	below := ""
	for rr := r + 1; rr <= h.r1 && below == ""; rr++ {
		below = v.merged(rr, c)
	}
	if below == "" {
		return ""
	}
	for k := c - 1; k >= v.lo && k >= c-8; k-- {
		t := v.merged(r, k)
		if t == "" {
			continue
		}
		upper := ""
		for rr := h.r0; rr < r; rr++ {
			u := v.merged(rr, k)
			if u == "" {
				u = m.groupParent(v, h, rr, k)
			}
			if u != "" {
				upper += m.class(u).key
			}
		}
		belowK := ""
		for rr := r + 1; rr <= h.r1 && belowK == ""; rr++ {
			belowK = v.merged(rr, k)
		}
		key := m.class(t).key
		bq, _ := m.qualifier(below)
		tq, _ := m.qualifier(t)
		switch {
		case m.Metric(key+m.class(below).key) != "", upper != "" && m.Metric(upper+key+m.class(below).key) != "":
			return t
		case belowK != "" && !m.IsNote(below) && m.Metric(upper+key) == "" && m.Metric(upper+key+m.class(belowK).key) != "":
			return t // the group of the column where it stands, and so of this one
		case tq != qualNone && (m.Metric(below) != "" || m.joinedID(below) != "") && (m.Metric(belowK) != "" || m.joinedID(belowK) != ""):
			return t // a period over metrics, its own column one of them
		case bq != qualNone && (m.Metric(t) != "" || upper != "" && m.Metric(upper+key) != ""):
			return t
		}
		return ""
	}
	return ""
}

func (m *HeaderMatcher) joinedID(text string) string {
	id, _, _ := m.qualifiedMetric(text)
	return id
}

// namesMetricRow reports whether row r names a metric in some column, by
// itself or under the row above: where a header block may be anchored.
func (m *HeaderMatcher) namesMetricRow(v *view, r int) bool {
	for c := v.lo; c < v.cols; c++ {
		t := v.merged(r, c)
		if t == "" {
			continue
		}
		if m.Metric(t) != "" {
			return true
		}
		if id, _, _ := m.qualifiedMetric(t); id != "" {
			return true
		}
		if r > 0 {
			if up := v.merged(r-1, c); up != "" && up != t && m.Metric(up+t) != "" {
				return true
			}
		}
	}
	return false
}

// maxHeaderRows bounds a header block: group row, names, sub-headers,
// measure words, 栏次.
const maxHeaderRows = 5

// findHeaders lists the header blocks of the view, top to bottom, each the
// best reading of the rows around a row that names metrics, over the
// columns its table spans. Blocks that overlap a better one are left out.
func (m *HeaderMatcher) findHeaders(v *view, values *ValueParser) []*header {
	var out []*header
	next := 0 // rows above next are taken by a header already found
	for a := 0; a < v.rows; a++ {
		if !m.namesMetricRow(v, a) {
			continue
		}
		for _, sp := range m.columnSpans(v, a) {
			best := m.bestHeader(v.span(sp[0], sp[1]), a, values)
			if best == nil || best.r0 < next && overlapsAny(out, best) {
				continue
			}
			out = append(out, best)
			next = max(next, best.r1+1)
		}
		a = max(a, next-1)
	}
	return out
}

// bestHeader tries every block of rows around anchor row a as the header.
func (m *HeaderMatcher) bestHeader(w *view, a int, values *ValueParser) *header {
	kinds := make(map[int]rowKind)
	kind := func(r int) rowKind {
		k, ok := kinds[r]
		if !ok {
			k = m.headerRowKind(w, r, values)
			kinds[r] = k
		}
		return k
	}
	// A block cannot take in a row of figures or a blank row: look no
	// further up or down than the first one.
	top, bottom := a, a
	for top > 0 && a-top+1 < maxHeaderRows && kind(top-1) != rowFigures && rowHasText(w, top-1) {
		top--
	}
	for bottom+1 < w.rows && bottom-a+1 < maxHeaderRows && kind(bottom+1) != rowFigures && rowHasText(w, bottom+1) {
		bottom++
	}
	var best *header
	for r0 := top; r0 <= a; r0++ {
		for r1 := a; r1 <= bottom && r1-r0 < maxHeaderRows; r1++ {
			for r := r0; r <= r1; r++ {
				kind(r)
			}
			h := m.readHeader(w, r0, r1, kinds)
			if h.ok && h.score > 0 && better(h, best) {
				best = h
			}
		}
	}
	if best != nil {
		best.v = w
	}
	return best
}

func overlapsAny(hs []*header, h *header) bool {
	for _, o := range hs {
		if o.r1 >= h.r0 && h.r1 >= o.r0 && o.v.lo < h.v.cols && h.v.lo < o.v.cols {
			return true
		}
	}
	return false
}

// columnSpans finds the columns each table whose header names metrics in
// row a spans. From row a down, the columns with text form runs split by
// columns with none. Runs naming different metrics, a blank column or two
// apart, are one table (a blank row in a list lying across); a run naming
// metrics again begins another table, as does one after a wider gap, above
// and below a table lying across. A table the right way round keeps
// everything on its left up to the table before it, for its labels stand
// there, maybe past a blank column.
func (m *HeaderMatcher) columnSpans(v *view, a int) [][2]int {
	near := func(c int) bool {
		for r := max(0, a-2); r < v.rows; r++ {
			if v.merged(r, c) != "" {
				return true
			}
		}
		return false
	}
	named := func(c int) string {
		t := v.merged(a, c)
		if t == "" {
			return ""
		}
		if id := m.Metric(t); id != "" {
			return id
		}
		if id, _, _ := m.qualifiedMetric(t); id != "" {
			return id
		}
		if a > 0 {
			return m.Metric(v.merged(a-1, c) + t)
		}
		return ""
	}
	type run struct {
		lo, hi int
		ids    map[string]bool
	}
	var runs []run
	for c := 0; c < v.cols; c++ {
		if !near(c) {
			continue
		}
		r := run{lo: c, ids: map[string]bool{}}
		for ; c < v.cols && near(c); c++ {
			if id := named(c); id != "" {
				r.ids[id] = true
			}
		}
		r.hi = c - 1
		if n := len(runs); n > 0 && len(runs[n-1].ids) > 0 && r.lo-runs[n-1].hi <= 3 && disjoint(r.ids, runs[n-1].ids) && (len(r.ids) > 0 || m.groupRun(v, a, r.lo, r.hi)) {
			for id := range r.ids {
				runs[n-1].ids[id] = true
			}
			runs[n-1].hi = r.hi
			continue
		}
		runs = append(runs, r)
	}
	var out [][2]int
	for _, r := range runs {
		if len(r.ids) == 0 {
			continue
		}
		lo := r.lo
		if !v.across {
			lo = 0
			if n := len(out); n > 0 {
				lo = out[n-1][1] + 1
			}
		}
		out = append(out, [2]int{lo, r.hi})
	}
	return out
}

// groupRun reports whether the cells of row a from lo to hi name a group
// and its members (约谈, then 责任单位 | 责任人), as a list lying across
// may go on after a blank row.
func (m *HeaderMatcher) groupRun(v *view, a, lo, hi int) bool {
	for c := lo; c < hi; c++ {
		g := m.class(v.merged(a, c)).key
		if g == "" {
			continue
		}
		for d := c + 1; d <= hi && d <= c+3; d++ {
			if m.Metric(g+m.class(v.merged(a, d)).key) != "" {
				return true
			}
		}
	}
	return false
}

func disjoint(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return false
		}
	}
	return true
}

// better prefers the header naming more metrics, then more of them for the
// month, then the one taking in more rows (sub-headers, measure words and
// 栏次 belong to it), then the upper one.
func better(h, than *header) bool {
	switch {
	case than == nil:
		return true
	case h.score != than.score:
		return h.score > than.score
	case h.counted != than.counted:
		return h.counted > than.counted
	case h.r1-h.r0 != than.r1-than.r0:
		return h.r1-h.r0 > than.r1-than.r0
	}
	return h.r0 < than.r0
}

func (m *HeaderMatcher) isMetricColumn(text string) bool { return m.is(m.metricCol, text) }
