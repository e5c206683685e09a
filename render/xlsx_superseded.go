package render

import (
	"fmt"
	"strings"
)

// supersededTable writes, in 数据来源 from row, the sheets a later one for
// the same unit and month corrects: the file, the file that counts in its
// place and why, each figure changed with its cells, and the unit's
// figures for the month before and after. It returns its last row.
func (b *book) supersededTable(row, cols int) int {
	s, r := sheetSources, b.r
	b.section(s, row, fmt.Sprintf("三、已被更正的报表（%d份）：以后来报送的更正报表为准，原报表未计入", len(r.Superseded)))
	row++
	b.head(s, xlSrcUnit, row, xlSrcUnit, row, "单位")
	b.head(s, xlSrcPeriod, row, xlSrcPeriod, row, "月份")
	b.head(s, xlSrcFile, row, xlSrcFile, row, "原报表")
	b.head(s, xlSrcSheet, row, xlSrcSheet, row, "更正后的报表")
	b.head(s, xlSrcFirstMetric, row, cols, row, "更正依据、改动的单元格（原数→新数）和本单位当月数字的变化")
	for _, x := range r.Superseded {
		row++
		b.str(s, xlSrcUnit, row, x.Unit, b.st.text)
		b.str(s, xlSrcPeriod, row, x.Period.String(), b.st.center)
		b.str(s, xlSrcFile, row, x.File, b.st.text)
		b.str(s, xlSrcSheet, row, x.By, b.st.text)
		var ts []string
		for _, c := range x.Totals {
			ts = append(ts, c.Text(r.MetricName))
		}
		lines := []string{"更正依据：" + x.Reason, fmt.Sprintf("%s%s的数字：%s", x.Unit, x.Period.Chinese(), strings.Join(ts, "，"))}
		for _, c := range x.Changes {
			lines = append(lines, "改动："+c.Text(r.MetricName))
		}
		b.mergedText(row, xlSrcFirstMetric, cols, strings.Join(listed(lines), "\n"))
	}
	if len(r.Superseded) == 0 {
		row++
		b.str(s, 1, row, "无", b.st.text)
	}
	return row
}
