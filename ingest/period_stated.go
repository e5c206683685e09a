package ingest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The months a sheet states above its table, in whatever way a clerk
// wrote them (9月份, 18年9月, 二〇一八年九月, 2018.9.1-2018.9.30), so that a
// sheet for one month is never taken for another because of its folder.

var (
	// statedMonth is a month with or without its year: 2018年9月, 18年9月, 9月.
	statedMonth = regexp.MustCompile(`(?:(\d{2,4})年)?(\d{1,2})月`)
	// statedRange is a span of months written once with 月: 2018年9-10月
	// states September as well as October.
	statedRange = regexp.MustCompile(`(?:(\d{2,4})年)?(\d{1,2})\s*[-－—–~～至到]\s*\d{1,2}月`)
	// statedDate is a day written with dots or dashes: 2018.9.1, 2018-09-01.
	statedDate = regexp.MustCompile(`(\d{4})[.\-/](\d{1,2})[.\-/]\d{1,2}`)
	// statedHanMonth is a month in Chinese numerals after a year or at the
	// start: 二〇一八年九月, 十月份.
	statedHanMonth = regexp.MustCompile(`(?:^|年)([一二三四五六七八九十]{1,3})月`)
	// statedYear is a year a title gives its whole table: 2017年度.
	statedYear = regexp.MustCompile(`(\d{4})年度`)
	// statedDotted is a year and month with dots or dashes, a day not
	// following: 2018.1-2018.10 gives January and October.
	statedDotted = regexp.MustCompile(`(\d{4})[.\-/](\d{1,2})(?:[^\d.\-/]|[.\-/]\D|$|[\-~至到])`)
)

// dateLabels begin cells that hold a day (填报日期：2018年11月5日): the
// day the sheet was filled in, not the month it reports.
var dateLabels = []string{"填报日期", "填表日期", "报送日期", "制表日期", "填报时间", "填表时间", "报送时间", "日期"}

// hanDigits reads 一 … 十二.
func hanMonth(s string) int {
	vals := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return vals[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + vals[rs[1]]
	}
	return 0
}

// monthsStated lists the months a cell's text states; a year of 0 is one
// not written. A day's month counts: 2018年9月1日至30日 reports September.
func monthsStated(text string) []Period {
	t := fold(text)
	var out []Period
	for _, re := range []*regexp.Regexp{statedMonth, statedRange} {
		for _, g := range re.FindAllStringSubmatch(t, -1) {
			m, _ := strconv.Atoi(g[2])
			y, _ := strconv.Atoi(g[1])
			if len(g[1]) == 2 {
				y += 2000
			}
			if m >= 1 && m <= 12 {
				out = append(out, Period{y, m})
			}
		}
	}
	for _, g := range statedDate.FindAllStringSubmatch(t, -1) {
		y, _ := strconv.Atoi(g[1])
		m, _ := strconv.Atoi(g[2])
		if m >= 1 && m <= 12 {
			out = append(out, Period{y, m})
		}
	}
	for _, g := range statedDotted.FindAllStringSubmatch(t, -1) {
		y, _ := strconv.Atoi(g[1])
		m, _ := strconv.Atoi(g[2])
		if m >= 1 && m <= 12 && y >= 1990 && y <= 2099 {
			out = append(out, Period{y, m})
		}
	}
	for _, g := range statedHanMonth.FindAllStringSubmatch(t, -1) {
		if m := hanMonth(g[1]); m > 0 {
			out = append(out, Period{0, m})
		}
	}
	for _, g := range statedYear.FindAllStringSubmatch(t, -1) {
		if y, _ := strconv.Atoi(g[1]); y >= 1990 && y <= 2099 {
			out = append(out, Period{y, 0}) // a year; its month, if any, is listed above
		}
	}
	return out
}

// otherMonthStated finds a cell above the table that states a month other
// than p, and returns the cell, where it is and what it says. Cells that
// give the day the sheet was filled in are passed over, and the cell after
// one that is only such a label (填报日期 | 2018-11-05).
func (r *Reader) otherMonthStated(s *Sheet, top int, p Period) (cell, where, said string) {
	for _, i := range identityRows(s, top) {
		afterLabel := false
		for j, c := range s.Rows[i] {
			if c.Covered || strings.TrimSpace(c.Text) == "" {
				continue
			}
			if afterLabel {
				afterLabel = false
				continue // the day, after its label
			}
			if t := fold(c.Text); slices.Contains(r.corr.dateLabels, strings.TrimRight(t, ":：")) {
				afterLabel = true
				continue
			}
			if hasAnyPrefix(fold(c.Text), foldedDateLabels) || hasAnyPrefix(fold(c.Text), r.corr.dateLabels) || r.headers.otherPeriodLabel(c.Text) {
				continue // the day it was filled in; the title of a 上月 or 累计 table
			}
			if t := fold(c.Text); containsAny(t, r.headers.spanWords) || strings.Contains(t, "年度") && !strings.Contains(t, "月") {
				return Ref(i, j), sheetLabel(s) + Ref(i, j), strings.TrimSpace(c.Text) // a quarter, a half-year, a whole year
			}
			for _, q := range monthsStated(c.Text) {
				if (q.Month != 0 && q.Month != p.Month) || (q.Year != 0 && q.Year != p.Year) {
					return Ref(i, j), sheetLabel(s) + Ref(i, j), strings.TrimSpace(c.Text)
				}
			}
		}
	}
	return "", "", ""
}

var foldedDateLabels = foldAll(dateLabels)
