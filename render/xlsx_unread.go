package render

import (
	"fmt"

	"jianbao/aggregate"
)

// unreadTable writes, from row, the files found with the sheets that were
// not read as sheets (documents, pictures, archives not opened), each with
// why; they are no unit's refused sheet.
func (b *book) unreadTable(row, cols int) {
	s, r := sheetSources, b.r
	b.section(s, row, fmt.Sprintf("四、未读取的文件（%d个）：不是表格或未能打开的压缩包，不算作任何单位的报表", len(r.Unread)))
	row++
	b.head(s, xlSrcUnit, row, xlSrcUnit, row, "单位")
	b.head(s, xlSrcPeriod, row, xlSrcPeriod, row, "月份")
	b.head(s, xlSrcFile, row, xlSrcFile, row, "文件")
	b.head(s, xlSrcSheet, row, xlSrcSheet, row, "问题代码")
	b.head(s, xlSrcFirstMetric, row, cols, row, "原因")
	for _, u := range r.Unread {
		row++
		b.str(s, xlSrcUnit, row, u.Unit, b.st.text)
		b.str(s, xlSrcPeriod, row, u.Period, b.st.center)
		b.str(s, xlSrcFile, row, u.File, b.st.text)
		b.str(s, xlSrcSheet, row, u.Code, b.st.text)
		b.mergedText(row, xlSrcFirstMetric, cols, clip(u.Reason, xlMaxReason))
	}
	if len(r.Unread) == 0 {
		b.str(s, 1, row+1, "无", b.st.text)
	}
	if r.Skipped > 0 {
		b.str(s, 1, row+2, fmt.Sprintf("另跳过临时、隐藏或系统文件%d个（如 ~$ 开头的锁定文件、Thumbs.db），未列出。", r.Skipped), b.st.text)
	}
}

// unreadNote is what the run's summary line adds about files not read and
// files skipped, or "".
func unreadNote(r *aggregate.Report) string {
	s := ""
	if len(r.Unread) > 0 {
		s += fmt.Sprintf("；未读取的文件%d个", len(r.Unread))
	}
	if r.Skipped > 0 {
		s += fmt.Sprintf("；跳过临时或隐藏文件%d个", r.Skipped)
	}
	return s
}
