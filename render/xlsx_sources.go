package render

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"jianbao/aggregate"
)

// Columns of the table of accepted sheets in 数据来源.
const (
	xlSrcUnit = 1 + iota
	xlSrcPeriod
	xlSrcFile
	xlSrcSheet
	xlSrcFirstMetric
)

// sourceSheet writes 数据来源: how the workbook was made, every accepted
// sheet with each figure and the cell it came from, then the sheets turned
// back with their reasons.
func (b *book) sourceSheet() {
	s, r := sheetSources, b.r
	n := len(r.Metrics())
	cols := xlSrcFirstMetric + 2*n
	b.title(s, 1, cols, rollupTitle(r, "数据来源"), b.st.title, 32)
	b.limit(s, xlSrcFile, 30)
	b.limit(s, xlSrcSheet, 18)
	b.limit(s, cols, 36)
	row := b.runInfo(2, cols)
	row++
	b.section(s, row, fmt.Sprintf("一、已采用的报表（%d份）：每个数字及其所在的文件、工作表和单元格", r.Sources.Len()))
	b.sourceHeader(row+1, n)
	first := row + 3
	row = first
	for _, i := range b.sourceOrder() {
		b.sourceRow(row, r.Sources.At(i))
		row++
	}
	if r.Sources.Len() == 0 {
		b.str(s, 1, row, "无", b.st.text)
		row++
	}
	b.filter(s, 1, first-1, cols, row-1)
	b.freeze(s, 2, first-1)
	b.print(s, true, first-2, first-1)
	row = b.excludedTable(row+1, cols)
	row = b.supersededTable(row+2, cols)
	b.unreadTable(row+2, cols)
}

// runInfo writes the program, configuration and time of the run from row
// and returns the row after it.
func (b *book) runInfo(row, cols int) int {
	r := b.r
	at := "未指定"
	if !r.GeneratedAt.IsZero() {
		at = r.GeneratedAt.Format(time.RFC3339) + "（--generated-at）"
	}
	info := [][2]string{
		{"生成程序", "jianbao " + r.Version},
		{"配置文件 SHA-256", r.Config.Hash},
		{"生成时间", at},
		{"汇总月份", r.Period.Chinese() + "（" + span(r.Period) + "累计）"},
		{"报表", fmt.Sprintf("采用%d份，退回%d份；校验问题%d条", r.Sources.Len(), len(r.Excluded), len(r.Findings)) + unreadNote(r)},
	}
	for i, kv := range info {
		b.head(sheetSources, 1, row+i, 2, row+i, kv[0])
		b.style(sheetSources, 1, row+i, b.st.label)
		b.style(sheetSources, 2, row+i, b.st.label)
		b.infoValue(row+i, cols, kv[1])
	}
	return row + len(info)
}

// infoValue writes a run value as text merged over columns 3..cols.
func (b *book) infoValue(row, cols int, v string) {
	s := sheetSources
	if b.err != nil {
		return
	}
	if b.err = b.f.SetCellStr(s, cell(3, row), v); b.err != nil {
		return
	}
	if b.err = b.f.MergeCell(s, cell(3, row), cell(cols, row)); b.err == nil {
		b.err = b.f.SetCellStyle(s, cell(3, row), cell(cols, row), b.st.text)
	}
}

// sourceHeader writes the two header rows of the accepted sheets.
func (b *book) sourceHeader(row, n int) {
	s := sheetSources
	for i, h := range []string{"单位", "月份", "文件", "工作表"} {
		b.head(s, xlSrcUnit+i, row, xlSrcUnit+i, row+1, h)
	}
	for i, m := range b.r.Metrics() {
		c := xlSrcFirstMetric + 2*i
		b.head(s, c, row, c+1, row, metricHead(m))
		b.head(s, c, row+1, c, row+1, "数值")
		b.head(s, c+1, row+1, c+1, row+1, "单元格")
	}
	c := xlSrcFirstMetric + 2*n
	b.head(s, c, row, c, row+1, "文件 SHA-256")
}

// sourceOrder lists the accepted sheets (their indices in Sources), the
// latest month first, units in the configured order.
func (b *book) sourceOrder() []int {
	order := map[string]int{}
	for i, u := range b.r.Config.Units {
		order[u.Name] = i
	}
	// each source's sort key, read once: the month, then the unit's place
	// (units not configured last)
	type key struct {
		period aggregate.Period
		unit   int
	}
	src := b.r.Sources
	idx, keys := make([]int, src.Len()), make([]key, src.Len())
	for i := range idx {
		s := src.At(i)
		u, ok := order[s.Unit]
		if !ok {
			u = len(order)
		}
		idx[i], keys[i] = i, key{s.Period, u}
	}
	sort.SliceStable(idx, func(a, c int) bool {
		i, j := keys[idx[a]], keys[idx[c]]
		if i.period != j.period {
			return j.period.Before(i.period)
		}
		return i.unit < j.unit
	})
	return idx
}

// sourceRow writes one accepted sheet: where it is, each figure and its cell.
func (b *book) sourceRow(row int, src aggregate.Source) {
	s, n := sheetSources, len(b.r.Metrics())
	b.str(s, xlSrcUnit, row, src.Unit, b.st.text)
	b.str(s, xlSrcPeriod, row, src.Period.String(), b.st.center)
	b.str(s, xlSrcFile, row, src.File, b.st.text)
	b.str(s, xlSrcSheet, row, src.Sheet, b.st.text)
	for i, m := range b.r.Metrics() {
		c := xlSrcFirstMetric + 2*i
		b.fig(s, c, row, m, src.Counts[i], b.st.count)
		if ref := src.Cells[m.ID]; ref != "" {
			b.str(s, c+1, row, ref, b.st.center)
		} else {
			b.dash(s, c+1, row)
		}
	}
	b.str(s, xlSrcFirstMetric+2*n, row, src.Hash(), b.st.monoWrap)
}

// excludedTable writes the sheets turned back, from row, and returns its
// last row.
func (b *book) excludedTable(row, cols int) int {
	s, r := sheetSources, b.r
	b.section(s, row, fmt.Sprintf("二、已退回的报表（%d份）：未计入任何数字", len(r.Excluded)))
	row++
	b.head(s, xlSrcUnit, row, xlSrcUnit, row, "单位")
	b.head(s, xlSrcPeriod, row, xlSrcPeriod, row, "月份")
	b.head(s, xlSrcFile, row, xlSrcFile, row, "文件")
	b.head(s, xlSrcSheet, row, xlSrcSheet, row, "问题代码")
	b.head(s, xlSrcFirstMetric, row, cols, row, "退回原因")
	for _, x := range r.Excluded {
		row++
		b.str(s, xlSrcUnit, row, x.Unit, b.st.text)
		b.str(s, xlSrcPeriod, row, x.Period, b.st.center)
		b.str(s, xlSrcFile, row, x.File, b.st.text)
		b.str(s, xlSrcSheet, row, strings.Join(listed(distinct(x.Codes)), "\n"), b.st.text)
		b.mergedText(row, xlSrcFirstMetric, cols, strings.Join(listed(x.Reasons), "\n"))
	}
	if len(r.Excluded) == 0 {
		row++
		b.str(s, 1, row, "无", b.st.text)
	}
	return row
}

// Limits of the texts listed for one sheet: a row of the workbook is at
// most 409 points high, about 27 lines. summary.json keeps every text whole.
const (
	xlMaxListed  = 20  // reasons or codes of one refused sheet
	xlMaxReason  = 300 // characters of one reason
	xlMaxValue   = 200 // characters of a cell's content in 校验问题
	xlMaxMessage = 500 // characters of a finding's explanation
)

// listed is the first xlMaxListed of items, each clipped, and a line
// saying how many more there are.
func listed(items []string) []string {
	var out []string
	for i, it := range items {
		if i == xlMaxListed {
			out = append(out, fmt.Sprintf("……另有%d条未列出，全部见 summary.json", len(items)-i))
			break
		}
		out = append(out, clip(it, xlMaxReason))
	}
	return out
}

// distinct is items without repeats, in their first order.
func distinct(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// mergedText writes a text, possibly of several lines, merged over c1..c2.
func (b *book) mergedText(row, c1, c2 int, v string) {
	s := sheetSources
	if b.err != nil {
		return
	}
	if b.err = b.f.SetCellStr(s, cell(c1, row), v); b.err != nil {
		return
	}
	if b.err = b.f.MergeCell(s, cell(c1, row), cell(c2, row)); b.err == nil {
		b.err = b.f.SetCellStyle(s, cell(c1, row), cell(c2, row), b.st.text)
	}
	lines := 0
	for _, l := range strings.Split(v, "\n") {
		lines += 1 + int(textWidth(l)/max(b.span(s, c2)-b.span(s, c1-1), 20))
	}
	b.tall(s, row, lines)
}

// Columns of 校验问题.
const (
	xlFdUnit = 3 + iota
	xlFdFile
	xlFdSheet
	xlFdCell
	xlFdValue
	xlFdMessage
	xlFdFix
	xlFdCode
)

// findingSheet writes 校验问题, one row per finding: its unit and place,
// what is wrong and how to put it right. Long texts wrap in columns of a
// set width, and each row is as high as its longest text needs (at most
// Excel's 409 points).
func (b *book) findingSheet() {
	s := sheetFindings
	heads := []string{"序号", "级别", "单位", "文件", "工作表", "单元格", "单元格内容", "问题", "修改方法", "代码"}
	b.title(s, 1, len(heads), rollupTitle(b.r, "校验问题"), b.st.title, 32)
	for col, w := range map[int]float64{xlFdUnit: 12, xlFdFile: 28, xlFdSheet: 14, xlFdValue: 20, xlFdMessage: 40, xlFdFix: 36} {
		b.limit(s, col, w)
	}
	for i, h := range heads {
		b.head(s, i+1, 2, i+1, 2, h)
	}
	for j, fd := range b.r.Findings {
		row := j + 3
		level := b.st.warning
		if fd.Severity == "error" {
			level = b.st.errorText
		}
		b.num(s, 1, row, int64(j+1), b.st.center)
		b.str(s, 2, row, severityText(fd.Severity), level)
		cells := map[int]string{xlFdUnit: fd.Unit, xlFdFile: fd.File, xlFdSheet: fd.Sheet, xlFdCell: fd.Cell,
			xlFdValue: clip(fd.Value, xlMaxValue), xlFdMessage: clip(fd.Message, xlMaxMessage), xlFdFix: fd.Fix, xlFdCode: fd.Code}
		for col := xlFdUnit; col <= xlFdCode; col++ {
			b.str(s, col, row, cells[col], b.st.text)
		}
	}
	if len(b.r.Findings) == 0 {
		b.str(s, 1, 3, "无", b.st.text)
	}
	b.filter(s, 1, 2, len(heads), 2+len(b.r.Findings))
	b.freeze(s, 0, 2)
	b.print(s, true, 2, 2)
}
