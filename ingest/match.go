package ingest

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"jianbao/templates"
)

// HeaderMatcher recognises header and label cells: metric columns, work-area
// rows, totals rows and the list-layout columns, from the names in the
// configuration.
type HeaderMatcher struct {
	norm       *Normalizer
	metrics    map[string]string // key -> metric id
	names      map[string]string // metric id -> canonical header
	areas      map[string]string // key -> area name
	openAreas  bool              // any row label is a work area (area_labels: open)
	total      map[string]bool
	month      map[string]bool
	cumulative map[string]bool
	metricCol  map[string]bool
	valueCol   map[string]bool
	areaCol    map[string]bool
	ignorable  map[string]bool
	metricish  []string                 // folded words that suggest a metric (督查, 整改, 约谈 …)
	memo       atomic.Pointer[sync.Map] // cell text -> []string lookup keys
	memoSize   atomic.Int64             // texts stored in the current memo
	measures   map[string]bool          // measure words as typed after a number
	subtotal   map[string]bool
	other      map[string]bool
	index      map[string]bool
	derived    map[string]bool
	serial     map[string]bool
	partOf     []string                 // folded prefixes of a part-of label (其中, 含, #)
	sumMarks   []string                 // folded prefixes of a label that sums its group (∑)
	totalTail  []string                 // folded endings of a group's sum (…合计)
	notes      []string                 // folded prefixes of note rows (注, 填表人 …)
	classes    atomic.Pointer[sync.Map] // cell text -> wordClass
	classCount atomic.Int64
	monthWords []string // folded words of the month (本月, 当月)
	qualWords  []string // folded period words, longest first, joined to a metric's name
	otherWords []string // folded words of other periods, found inside a title
	cumWords   []string // folded words of 累计, found inside a title
	spanWords  []string // folded words of periods longer than a month (季度, 半年)
}

// NewHeaderMatcher builds a matcher from the configuration.
func NewHeaderMatcher(cfg *templates.Config) *HeaderMatcher {
	n := NewNormalizer(cfg.MeasureWords())
	m := &HeaderMatcher{
		norm:       n,
		metrics:    map[string]string{},
		names:      map[string]string{},
		areas:      map[string]string{},
		total:      keySet(n, cfg.Labels.Total),
		month:      keySet(n, cfg.Labels.MonthColumn),
		cumulative: keySet(n, cfg.Labels.CumulativeColumn),
		metricCol:  keySet(n, cfg.Labels.MetricColumn),
		valueCol:   keySet(n, cfg.Labels.ValueColumn),
		areaCol:    keySet(n, cfg.Labels.AreaColumn),
		ignorable:  keySet(n, append(cfg.Labels.IgnoreColumns, cfg.Labels.AreaColumn...)),
		measures:   map[string]bool{},
		subtotal:   keySet(n, cfg.Labels.Subtotal),
		other:      keySet(n, cfg.Labels.OtherPeriod),
		index:      keySet(n, cfg.Labels.IndexColumn),
		derived:    keySet(n, cfg.Labels.Derived),
		serial:     keySet(n, cfg.Labels.SerialMarks),
		openAreas:  cfg.OpenAreas(),
	}
	m.partOf = foldAll(cfg.Labels.PartOf)
	m.sumMarks = foldAll(cfg.Labels.SubtotalMark)
	m.totalTail = foldAll(append(append([]string{}, cfg.Labels.Total...), cfg.Labels.Subtotal...))
	m.notes = foldAll(cfg.Labels.Notes)
	m.otherWords = foldAll(cfg.Labels.OtherPeriod)
	m.monthWords = foldAll(cfg.Labels.MonthColumn)
	m.qualWords = foldAll(append(append(append([]string{}, cfg.Labels.MonthColumn...), cfg.Labels.CumulativeColumn...), cfg.Labels.OtherPeriod...))
	sortLongestFirst(m.qualWords)
	m.cumWords = foldAll(cfg.Labels.CumulativeColumn)
	m.spanWords = foldAll(cfg.Labels.LongPeriod)
	m.memo.Store(new(sync.Map))
	m.classes.Store(new(sync.Map))
	for _, w := range cfg.MeasureWords() {
		m.measures[w] = true
	}
	for _, w := range cfg.Labels.MetricWords {
		m.metricish = append(m.metricish, fold(w))
	}
	for _, mt := range cfg.Metrics {
		m.names[mt.ID] = mt.Name
		for _, name := range append([]string{mt.Name}, mt.Aliases...) {
			m.metrics[n.Key(name)] = mt.ID
		}
	}
	for _, a := range cfg.Areas {
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			m.areas[n.Key(name)] = a.Name
		}
	}
	return m
}

func foldAll(words []string) []string {
	var out []string
	for _, w := range words {
		if f := fold(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func keySet(n *Normalizer, names []string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, v := range names {
		s[n.Key(v)] = true
	}
	return s
}

// variants returns the lookup keys of a cell's text. Header and label texts
// repeat from sheet to sheet, and the header search asks about each cell of
// a sheet more than once, so texts are remembered; numbers and long texts
// are not. When maxMemo texts are stored the memo starts afresh (the texts
// in use come back at once), so memory stays flat over any number of files.
func (m *HeaderMatcher) variants(text string) []string {
	if plainNumber(text) || m.valueLike(text) {
		return nil // a figure, never a label
	}
	memo := m.memo.Load()
	if v, ok := memo.Load(text); ok {
		return v.([]string)
	}
	vs := m.norm.Variants(m.norm.Key(text))
	if len(text) <= maxMemoText {
		if m.memoSize.Add(1) > maxMemo && m.memo.CompareAndSwap(memo, new(sync.Map)) {
			m.memoSize.Store(0)
		}
		m.memo.Load().Store(text, vs)
	}
	return vs
}

// valueLike reports whether text is a count as units type it — digits
// (half- or full-width) with separators, then at most a measure word
// (12个, ４２, 1,234人次) — which no label is. Numbered labels (1.派出…)
// go on to the lookup.
func (m *HeaderMatcher) valueLike(text string) bool {
	rest := strings.TrimSpace(text)
	digits := 0
	for rest != "" {
		r, size := utf8.DecodeRuneInString(rest)
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			digits++
		} else if r != ',' && r != '，' {
			break
		}
		rest = rest[size:]
	}
	if digits == 0 {
		return false
	}
	rest = strings.TrimSpace(rest)
	return rest == "" || m.measures[rest]
}

// maxMemo bounds the remembered texts and maxMemoText their length in
// bytes, so memory stays flat over any number of files. Titles and notes
// (a sheet's one-off texts, often 60-200 bytes) are remembered too: the
// header search asks about each of them several times.
const (
	maxMemo     = 20000
	maxMemoText = 256
)

// plainNumber reports whether s holds only ASCII digits, signs, dots and
// commas.
func plainNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != ',' && c != '-' && c != ' ' {
			return false
		}
	}
	return true
}

func (m *HeaderMatcher) lookup(table map[string]string, text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	for _, k := range m.variants(text) {
		if v, ok := table[k]; ok {
			return v
		}
	}
	return ""
}

func (m *HeaderMatcher) name(id string) string { return m.names[id] }

// Metric returns the id of the metric a header names, or "".
func (m *HeaderMatcher) Metric(text string) string { return m.lookup(m.metrics, text) }

// Area returns the canonical work area a row label names, or "".
func (m *HeaderMatcher) Area(text string) string { return m.lookup(m.areas, text) }

// openArea is the work area of a row of figures whose labels name no
// configured area, when any label is one (area_labels: open): its last
// label that is not a measure word, normalized as labels are compared
// (width folded, spaces, quotes and brackets dropped), so that 石门村 and
// “石门村 ” are one area; "" when closed or when nothing is left.
func (m *HeaderMatcher) openArea(labels []string) string {
	if !m.openAreas {
		return ""
	}
	for i := len(labels) - 1; i >= 0; i-- {
		if m.IsMeasure(labels[i]) {
			continue
		}
		if k := m.norm.Key(labels[i]); k != "" {
			return k
		}
	}
	return ""
}

func (m *HeaderMatcher) is(set map[string]bool, text string) bool {
	if strings.TrimSpace(text) == "" {
		return false
	}
	for _, k := range m.variants(text) {
		if set[k] {
			return true
		}
	}
	return false
}

// IsTotal reports whether a row label marks a totals row (合计).
func (m *HeaderMatcher) IsTotal(text string) bool { return m.is(m.total, text) }

// IsSubtotal reports whether a row label marks a subtotal (小计).
func (m *HeaderMatcher) IsSubtotal(text string) bool { return m.is(m.subtotal, text) }

// IsOtherPeriod reports whether a header marks another period (上月, 同比 …).
func (m *HeaderMatcher) IsOtherPeriod(text string) bool { return m.is(m.other, text) }

// IsDerived reports whether a header names a figure worked out from
// others (整改率, 未整改问题), which is shown and not counted.
func (m *HeaderMatcher) IsDerived(text string) bool { return m.class(text).derived }

func (m *HeaderMatcher) isDerived(text string) bool {
	return m.is(m.derived, strings.NewReplacer("%", "", "％", "").Replace(text))
}

// IsIndex reports whether a header names a numbering column (序号).
func (m *HeaderMatcher) IsIndex(text string) bool { return m.is(m.index, text) }

// IsSerialMark reports whether a cell of a 栏次 row is one of its marks
// (栏次, 甲, 乙 …).
func (m *HeaderMatcher) IsSerialMark(text string) bool { return m.is(m.serial, text) }

// IsMeasure reports whether a cell holds only a measure word, bare or in
// brackets: 人次, （个）, 单位：人.
func (m *HeaderMatcher) IsMeasure(text string) bool { return m.class(text).measure }

func (m *HeaderMatcher) isMeasure(text string) bool {
	t := stripPunct.Replace(fold(text))
	if t == "计量单位" || t == "单位" {
		return true // the head of a column of measure words
	}
	t = strings.TrimPrefix(strings.TrimPrefix(t, "计量单位"), "单位")
	return t != "" && m.measures[t]
}

// IsNote reports whether a label begins a note (注：, 填表人, 审核 …).
func (m *HeaderMatcher) IsNote(text string) bool { return m.class(text).note }

func (m *HeaderMatcher) isNote(text string) bool { return hasAnyPrefix(fold(text), m.notes) }

// IsPartOf reports whether a label marks a part of the row above: it
// begins 其中, 含 or #.
func (m *HeaderMatcher) IsPartOf(text string) bool { return m.class(text).partOf }

func (m *HeaderMatcher) isPartOf(text string) bool {
	return hasAnyPrefix(numbering.ReplaceAllString(fold(text), ""), m.partOf)
}

// IsGroupSum reports whether a label other than a configured total sums a
// group: ∑A, or a name ending in 合计 or 小计 (城区合计).
func (m *HeaderMatcher) IsGroupSum(text string) bool {
	t := fold(text)
	if hasAnyPrefix(t, m.sumMarks) {
		return true
	}
	for _, tail := range m.totalTail {
		if strings.HasSuffix(t, tail) && len(t) > len(tail) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(t string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// IsMonth reports whether a header marks the month's figures (本月).
func (m *HeaderMatcher) IsMonth(text string) bool { return m.is(m.month, text) }

// IsCumulative reports whether a header marks year-to-date figures (累计).
func (m *HeaderMatcher) IsCumulative(text string) bool { return m.is(m.cumulative, text) }

// IsValueColumn reports whether a header marks the value column of a list.
func (m *HeaderMatcher) IsValueColumn(text string) bool { return m.is(m.valueCol, text) }

// IsAreaColumn reports whether a header marks the work-area column.
func (m *HeaderMatcher) IsAreaColumn(text string) bool { return m.is(m.areaCol, text) }

// IsIgnorable reports whether a header names a column that is not a figure
// (序号, 备注, 联系人 …).
func (m *HeaderMatcher) IsIgnorable(text string) bool { return m.is(m.ignorable, text) }

// LooksLikeMetric reports whether an unmatched header contains a word that
// metrics are made of, so that it is reported rather than dropped.
func (m *HeaderMatcher) LooksLikeMetric(text string) bool {
	t := fold(text)
	for _, w := range m.metricish {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}
