package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"jianbao/templates"
)

// UnitMatcher finds reporting units in free text (titles, labelled cells,
// file names). When one spelling lies inside another (经开区 inside
// 东盟经开区), only the longer match counts, so one unit's sheet is never given
// to another.
type UnitMatcher struct {
	spellings []spelling     // longest first
	byFirst   map[rune][]int // first rune of a spelling -> its indexes in spellings
}

type spelling struct {
	text string // folded
	unit string
}

// NewUnitMatcher builds a matcher from the configured units and aliases.
func NewUnitMatcher(units []templates.Unit) *UnitMatcher {
	m := &UnitMatcher{byFirst: map[rune][]int{}}
	for _, u := range units {
		for _, name := range append([]string{u.Name}, u.Aliases...) {
			if t := fold(name); t != "" {
				m.spellings = append(m.spellings, spelling{t, u.Name})
			}
		}
	}
	sort.SliceStable(m.spellings, func(i, j int) bool {
		return len(m.spellings[i].text) > len(m.spellings[j].text)
	})
	for i, sp := range m.spellings {
		r, _ := utf8.DecodeRuneInString(sp.text)
		m.byFirst[r] = append(m.byFirst[r], i)
	}
	return m
}

// hit is one occurrence of a spelling in a text.
type hit struct {
	spelling int // index in spellings: longer spellings come first
	at, end  int
}

// Units returns the distinct units named in text, in order of appearance.
// Occurrences are found through an index by first character, so the cost
// grows with the text, not with the number of units; they are then taken
// longest spelling first, skipping any that overlaps one already taken.
func (m *UnitMatcher) Units(text string) []string {
	t := fold(text)
	var hits []hit
	for i, r := range t {
		for _, k := range m.byFirst[r] {
			if sp := m.spellings[k].text; strings.HasPrefix(t[i:], sp) {
				hits = append(hits, hit{k, i, i + len(sp)})
			}
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].spelling != hits[b].spelling {
			return hits[a].spelling < hits[b].spelling
		}
		return hits[a].at < hits[b].at
	})
	taken := make([]bool, len(t))
	var kept []hit
	for _, h := range hits {
		if !anyTaken(taken, h.at, h.end) {
			markTaken(taken, h.at, h.end)
			kept = append(kept, h)
		}
	}
	sort.Slice(kept, func(a, b int) bool { return kept[a].at < kept[b].at })
	var out []string
	for _, h := range kept {
		if u := m.spellings[h.spelling].unit; !contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Unit returns the one unit named in text, or "" when none or several are.
func (m *UnitMatcher) Unit(text string) string {
	if us := m.Units(text); len(us) == 1 {
		return us[0]
	}
	return ""
}

func anyTaken(taken []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

func markTaken(taken []bool, from, to int) {
	for i := from; i < to; i++ {
		taken[i] = true
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

var (
	periodCN      = regexp.MustCompile(`(\d{4})年(\d{1,2})月`)
	periodDotted  = regexp.MustCompile(`(\d{4})[.\-/_](\d{1,2})`)
	periodCompact = regexp.MustCompile(`(\d{6})`)
)

// Periods returns the distinct months written in text: 2018年10月,
// 2018年10月份, 2018.10, 2018-10, 201810. A full date (2018年11月5日,
// 2018-11-05) is a day, not a reporting month, and is not taken; nor is a
// range such as 2018年1-10月.
func Periods(text string) []Period {
	t := fold(text)
	var out []Period
	add := func(y, mo string) {
		p, ok := makePeriod(y, mo)
		if ok && !containsPeriod(out, p) {
			out = append(out, p)
		}
	}
	for _, ix := range periodCN.FindAllStringSubmatchIndex(t, -1) {
		if !followedByDay(t[ix[1]:]) && !precededByDigit(t, ix[0]) {
			add(t[ix[2]:ix[3]], t[ix[4]:ix[5]])
		}
	}
	for _, ix := range periodDotted.FindAllStringSubmatchIndex(t, -1) {
		rest := t[ix[1]:]
		if !precededByDigit(t, ix[0]) && !startsWithDigit(rest) && !continuesDate(rest) {
			add(t[ix[2]:ix[3]], t[ix[4]:ix[5]])
		}
	}
	for _, ix := range periodCompact.FindAllStringSubmatchIndex(t, -1) {
		if !precededByDigit(t, ix[0]) && !startsWithDigit(t[ix[1]:]) {
			add(t[ix[2]:ix[2]+4], t[ix[2]+4:ix[3]])
		}
	}
	return out
}

// PeriodIn returns the one month written in text, if exactly one is.
func PeriodIn(text string) (Period, bool) {
	if ps := Periods(text); len(ps) == 1 {
		return ps[0], true
	}
	return Period{}, false
}

// ParsePeriod reads a YYYY-MM flag value (other written forms are accepted too).
func ParsePeriod(s string) (Period, bool) { return PeriodIn(s) }

func makePeriod(y, m string) (Period, bool) {
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || year < 1990 || year > 2099 || month < 1 || month > 12 {
		return Period{}, false
	}
	return Period{year, month}, true
}

func containsPeriod(ps []Period, p Period) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func followedByDay(rest string) bool {
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return i > 0 && (strings.HasPrefix(rest[i:], "日") || strings.HasPrefix(rest[i:], "号"))
}

func precededByDigit(t string, at int) bool {
	return at > 0 && t[at-1] >= '0' && t[at-1] <= '9'
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func continuesDate(rest string) bool {
	return len(rest) >= 2 && strings.ContainsRune(".-/_", rune(rest[0])) && startsWithDigit(rest[1:])
}
