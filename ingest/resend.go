package ingest

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

// A unit that finds a mistake in a sheet it has sent sends it again,
// corrected: 兴宁区.xlsx, then 兴宁区（修改）.xlsx. Of several sheets for one
// unit and month with different figures, the later one counts when the
// sheets say which is later, by the configured marks (templates.Corrections):
//
//  1. The version the file name gives: 1 with no mark; 2 with a word of
//     correction (修改, 更正 …); n with a version number (第n版, vn); n+1
//     for the n-th correction (第n次修改, 修改n); above every number with a
//     word of finality (最终, 定稿).
//  2. The day the sheet was filled in, written in it (填报日期：2018年11月5日).
//
// A sheet is later than another when one of the two marks says so and the
// other does not say the opposite: the same version, the same day or a day
// not written on both says nothing. When neither says anything, or they
// say opposite things, nothing orders the two sheets: they conflict and
// neither counts.

// Day is a calendar day as a sheet states it; the zero Day is none.
type Day struct {
	Year, Month, Day int
}

// IsZero reports whether no day was stated.
func (d Day) IsZero() bool { return d == Day{} }

// String formats the day as YYYY-MM-DD, or "" for none.
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Chinese formats the day as 2018年11月5日.
func (d Day) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// packed is the day as one number, YYYYMMDD, that orders days.
func (d Day) packed() int32 { return int32(d.Year*10000 + d.Month*100 + d.Day) }

func unpackDay(n int32) Day {
	return Day{int(n / 10000), int(n / 100 % 100), int(n % 100)}
}

// finalVersion is the version of a sheet whose name says it is the last.
const finalVersion = 1 << 20

// version is what a file name says of a sheet's place among the versions
// of one unit and month.
type version struct {
	n    int    // 1 when the name says nothing
	mark string // the part of the name that says it (width folded, lower case)
}

// corrections reads the marks of a correction (see templates.Corrections).
type corrections struct {
	words, final []string // folded, lower case
	versions     []numbered
	dateLabels   []string // folded
}

// numbered is a file-name pattern with a number, and what is added to the
// number to make the version.
type numbered struct {
	re  *regexp.Regexp
	add int
}

// numberPattern matches the {n} of a pattern: 1 to 99 in Arabic or
// Chinese numerals.
const numberPattern = `(\d{1,2}|[一二两三四五六七八九十]{1,3})`

func newCorrections(c templates.Corrections) *corrections {
	lower := func(ws []string) []string {
		out := foldAll(ws)
		for i := range out {
			out[i] = strings.ToLower(out[i])
		}
		return out
	}
	k := &corrections{words: lower(c.Words), final: lower(c.Final), dateLabels: foldAll(c.DateLabel)}
	for add, pats := range [][]string{c.Versions, c.Revisions} {
		for _, p := range lower(pats) {
			if re := versionPattern(p); re != nil {
				k.versions = append(k.versions, numbered{re, add})
			}
		}
	}
	return k
}

// versionPattern compiles a pattern with one {n}, or gives nil. The whole
// mark is its first group, the number its second; a number is never read
// out of a longer one (v{n} finds nothing in v2018).
func versionPattern(p string) *regexp.Regexp {
	before, after, ok := strings.Cut(p, "{n}")
	if !ok || strings.Contains(after, "{n}") {
		return nil
	}
	return regexp.MustCompile(`(` + regexp.QuoteMeta(before) + numberPattern + regexp.QuoteMeta(after) + `)(?:[^\d]|$)`)
}

// version reads the version a file's name gives (its folders say nothing).
func (k *corrections) version(file string) version {
	base := path.Base(file)
	base = strings.TrimSuffix(base, path.Ext(base))
	name := strings.ToLower(fold(base))
	for _, w := range k.final {
		if strings.Contains(name, w) {
			return version{finalVersion, w}
		}
	}
	best := version{n: 1}
	for _, v := range k.versions {
		for _, g := range v.re.FindAllStringSubmatch(name, -1) {
			if n := smallNumber(g[2]); n > 0 && n+v.add > best.n {
				best = version{n + v.add, g[1]}
			}
		}
	}
	if best.n > 1 {
		return best
	}
	for _, w := range k.words {
		if strings.Contains(name, w) {
			return version{2, w}
		}
	}
	return best
}

// smallNumber reads 1 to 99 in Arabic or Chinese numerals (二, 两, 十二,
// 二十三), or gives 0.
func smallNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return 10 * digit[rs[0]]
	case len(rs) == 3 && rs[1] == '十' && digit[rs[0]] > 0 && digit[rs[2]] > 0:
		return 10*digit[rs[0]] + digit[rs[2]]
	}
	return 0
}

// statedDay is a day written 2018年11月5日, 2018-11-05, 2018.11.5 or
// 2018/11/5.
var statedDay = regexp.MustCompile(`^(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})`)

// filledOn finds the day the sheet was filled in: a cell of the rows given
// in which one of the date labels stands (填报日期：2018年11月5日, or the
// label alone and the day in the next cell, as text or as a date).
func (k *corrections) filledOn(s *Sheet, rows []int) Day {
	for _, i := range rows {
		for j, c := range s.Rows[i] {
			if c.Covered || c.Text == "" {
				continue
			}
			t := fold(c.Text)
			for _, lab := range k.dateLabels {
				at := strings.Index(t, lab)
				if at < 0 {
					continue
				}
				rest := strings.TrimLeft(t[at+len(lab):], ":：")
				if rest == "" {
					if k := nextText(s.Rows[i], j); k >= 0 {
						rest = fold(s.Rows[i][k].Text)
					}
				}
				if d, ok := parseDay(rest); ok {
					return d
				}
			}
		}
	}
	return Day{}
}

// parseDay reads a day at the start of text, or an Excel date serial
// number making up the whole text.
func parseDay(text string) (Day, bool) {
	if g := statedDay.FindStringSubmatch(text); g != nil {
		y, _ := strconv.Atoi(g[1])
		m, _ := strconv.Atoi(g[2])
		d, _ := strconv.Atoi(g[3])
		if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Month() == time.Month(m) && t.Day() == d && y >= 1990 && y <= 2099 {
			return Day{y, m, d}, true
		}
		return Day{}, false
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil && f > 32874 && f < 73051 { // 1990 to 2099
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return Day{t.Year(), int(t.Month()), t.Day()}, true
		}
	}
	return Day{}, false
}

// filledRows are the rows where the day of filling-in is looked for: those
// above the table, whose first row is top, and those below its last, bottom.
func filledRows(s *Sheet, top, bottom int) []int {
	rows := identityRows(s, top)
	for i := max(bottom+1, top); i < len(s.Rows); i++ {
		rows = append(rows, i)
	}
	return rows
}

// Supersession says that a sheet was corrected by one sent later for the
// same unit and month, why that one is the later, and what it changes.
type Supersession struct {
	By       string // the file of the correcting sheet, which counts
	Sheet    string // its data sheet
	OldSheet string // the data sheet of the corrected one
	// Reason says, in words, what makes the correcting sheet the later.
	Reason string
	// Changes are the figures that differ, work area by work area (a sheet
	// without work-area rows has one area, the configured 未分类), each
	// with its cells. It is empty when a file could not be read again as
	// it was counted; Totals still say what changed.
	Changes []CellChange
	// Totals are the month's figures of the sheet that differ: the unit's
	// figures for the month before and after the correction.
	Totals []TotalChange
}

// CellChange is one figure a correction changes.
type CellChange struct {
	Metric  string // metric id
	Area    string // work area
	OldCell string // in the corrected sheet, "" when it had no such row
	Cell    string // in the correcting sheet, "" when it has no such row
	Old     int64
	New     int64
}

// TotalChange is one of the month's figures a correction changes.
type TotalChange struct {
	Metric string
	Old    int64
	New    int64
}

// areaEntry is a work area of a sheet: the rows that name it (1-based),
// and their figures summed, in metric order. A sheet without work-area
// rows has one, with no rows, holding its month's figures.
type areaEntry struct {
	area   string
	rows   []int
	counts []int64
}

func (r *Reader) areaEntries(s *Submission) []areaEntry {
	if len(s.Areas) == 0 {
		e := areaEntry{area: r.cfg.Labels.Unclassified, counts: make([]int64, len(r.ids))}
		for j, id := range r.ids {
			e.counts[j] = s.Total[id]
		}
		return []areaEntry{e}
	}
	var out []areaEntry
	at := map[string]int{}
	for _, a := range s.Areas {
		k, ok := at[a.Area]
		if !ok {
			k = len(out)
			at[a.Area] = k
			out = append(out, areaEntry{area: a.Area, counts: make([]int64, len(r.ids))})
		}
		out[k].rows = append(out[k].rows, a.Row)
		for j := range out[k].counts {
			if j < len(a.Counts) {
				out[k].counts[j] += a.Counts[j]
			}
		}
	}
	return out
}

// entryCells names the cells of a metric in an area's rows, "" when the
// sheet's layout is not known.
func entryCells(s *Submission, e *areaEntry, id string) string {
	if e == nil {
		return ""
	}
	if e.rows == nil {
		return s.Sources[id]
	}
	t := s.Table
	if t == nil {
		return ""
	}
	for _, c := range t.Columns {
		if c.Role != ColCount || c.Metric != id {
			continue
		}
		var refs []string
		for _, row := range e.rows {
			if t.Across {
				refs = append(refs, Ref(c.Col, row-1))
			} else {
				refs = append(refs, Ref(row-1, c.Col))
			}
		}
		return strings.Join(refs, "、")
	}
	return ""
}

// changes compares a sheet with the one correcting it, figure by figure:
// the work areas of the correcting sheet in its order, then those only the
// corrected one has.
func (r *Reader) changes(old, new *Submission) []CellChange {
	olds, news := r.areaEntries(old), r.areaEntries(new)
	find := func(es []areaEntry, area string) *areaEntry {
		for i := range es {
			if es[i].area == area {
				return &es[i]
			}
		}
		return nil
	}
	var out []CellChange
	compare := func(area string, o, n *areaEntry) {
		for j, id := range r.ids {
			var ov, nv int64
			if o != nil {
				ov = o.counts[j]
			}
			if n != nil {
				nv = n.counts[j]
			}
			if ov != nv {
				out = append(out, CellChange{Metric: id, Area: area, OldCell: entryCells(old, o, id), Cell: entryCells(new, n, id), Old: ov, New: nv})
			}
		}
	}
	for i := range news {
		compare(news[i].area, find(olds, news[i].area), &news[i])
	}
	for i := range olds {
		if find(news, olds[i].area) == nil {
			compare(olds[i].area, &olds[i], nil)
		}
	}
	return out
}

// Changes compares two sheets of one unit and month, read with their
// layout (Reader.Read keeps it unless Lean): the figures that differ, work
// area by work area, with the cells that hold them in each sheet, as a
// correction's Supersession lists them.
func (r *Reader) Changes(old, new *Submission) []CellChange { return r.changes(old, new) }

// Text says in a sentence which sheet corrects a unit's sheet for month p,
// why, which figures it changes and the unit's figures before and after;
// name gives a metric's name from its id.
func (s *Supersession) Text(unit string, p Period, name func(id string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "以“%s”为准（%s）", s.By, s.Reason)
	if len(s.Changes) > 0 {
		var cs []string
		for _, c := range s.Changes {
			cs = append(cs, c.Text(name))
		}
		fmt.Fprintf(&b, "；改动%d处：%s", len(s.Changes), strings.Join(cs, "，"))
	}
	if len(s.Totals) > 0 {
		var ts []string
		for _, c := range s.Totals {
			ts = append(ts, c.Text(name))
		}
		fmt.Fprintf(&b, "；%s%s的数字随之改为：%s", unit, p.Chinese(), strings.Join(ts, "，"))
	}
	return b.String()
}

// Text says one changed figure: 脱贫攻坚·督查发现问题 D5 53→57, with the
// cell of each sheet when they differ (D5→D6), 原D5 when the correcting
// sheet has no such row.
func (c CellChange) Text(name func(id string) string) string {
	where := c.Cell
	switch {
	case c.Cell == "" && c.OldCell == "":
	case c.Cell == "":
		where = "原" + c.OldCell
	case c.OldCell != "" && c.OldCell != c.Cell:
		where = c.OldCell + "→" + c.Cell
	}
	if where != "" {
		where += " "
	}
	return fmt.Sprintf("%s·%s %s%d→%d", c.Area, name(c.Metric), where, c.Old, c.New)
}

// Text says one changed figure of the month: 督查发现问题由362改为366.
func (c TotalChange) Text(name func(id string) string) string {
	return fmt.Sprintf("%s由%d改为%d", name(c.Metric), c.Old, c.New)
}
