package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"jianbao/aggregate"
	"jianbao/ingest"
)

// maxUnnamed is how many of the files not read that name no unit are
// named on the terminal; summary.json and the workbook list them all.
const maxUnnamed = 5

// printUnread says, after a rollup's summary, which files were not read as
// sheets and why: one line each for those whose name says whose they may
// be (a unit's sheet sent in a form that cannot be read is for the office
// to act on), one line for all the others (notes, pictures), and how many
// lock, hidden and system files were skipped.
func printUnread(w io.Writer, r *aggregate.Report) {
	var others []string
	for _, u := range r.Unread {
		if u.Unit == "" {
			others = append(others, u.File)
			continue
		}
		fmt.Fprintf(w, "未读取：%s（%s %s）：%s\n", u.File, u.Unit, u.Period, u.Reason)
	}
	if n := len(others); n > 0 {
		more := ""
		if n > maxUnnamed {
			others, more = others[:maxUnnamed], fmt.Sprintf("等%d个", n)
		}
		fmt.Fprintf(w, "未读取的其他文件%d个：%s%s（原因见 summary.json 和 briefing.xlsx 的“数据来源”表）\n",
			n, strings.Join(others, "、"), more)
	}
	if r.Skipped > 0 {
		fmt.Fprintf(w, "已跳过临时、隐藏或系统文件%d个（如 ~$ 开头的锁定文件、Thumbs.db）。\n", r.Skipped)
	}
}

// anySheet reports whether a folder's files include one that is, or may
// hold, a spreadsheet: a folder of notes and pictures holds no sheet.
func anySheet(files []string) bool {
	return slices.ContainsFunc(files, ingest.MaybeSheet)
}
