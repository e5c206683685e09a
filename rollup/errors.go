package rollup

import "jianbao/problem"

// The problems of a rollup. Their codes are a contract.
var (
	ErrNoAccepted    = &problem.Problem{Code: "NO_ACCEPTED_SHEET", Text: "没有可以采用的报表，未生成简报", Fix: "请放入这个月的报表、改正被退回的报表后再汇总"}
	ErrNoSubmissions = &problem.Problem{Code: "NO_SUBMISSIONS", Text: "文件夹中没有找到报表", Fix: "请确认文件夹写得对、报表已放入其中；不是电子表格的文件（文档、图片等）不会读取"}
)
