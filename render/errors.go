package render

import "jianbao/problem"

// internalFix is the advice for failures the user cannot cause: a report
// or configuration missing, a library refusing what this package gave it.
const internalFix = "这是程序内部的错误，请把这条信息和所用的命令告知维护人员"

// The problems of writing the outputs. Their codes are a contract. The
// error of an output that could not be made is placed at its file
// (problem.Error), around one of these.
var (
	// ErrWrite means an output could not be written to disk.
	ErrWrite = &problem.Problem{Code: "WRITE_FAILED", Text: "输出文件无法写入",
		Fix: "请检查输出文件夹能否写入、磁盘空间是否足够，以及同名文件是否正被其他程序打开"}
	// ErrNotRegular means an output's path holds something other than a
	// regular file (a device, a named pipe, a folder, or a link to one),
	// which is never replaced.
	ErrNotRegular = &problem.Problem{Code: "OUTPUT_NOT_REGULAR_FILE",
		Text: "输出位置上已有的不是普通文件（可能是设备、管道、文件夹或指向它们的链接），未写入",
		Fix:  "请换一个输出文件名或文件夹，或先移走这个位置上的东西"}
	// ErrOutputName means a renderer's name is not a plain file name or is
	// used twice.
	ErrOutputName = &problem.Problem{Code: "OUTPUT_NAME", Text: "输出文件名无效或重复", Fix: internalFix}
	// ErrMissingGlyph means the briefing has a character no embedded font
	// draws.
	ErrMissingGlyph = &problem.Problem{Code: "MISSING_GLYPH", Text: "内置字体中没有这个字符",
		Fix: "请换掉这个字符：它来自配置文件、简报模板或报表中的文字（如工作类别名称）"}
	// ErrBriefingTemplate means the narrative text of the briefing
	// (briefing.tmpl) cannot be parsed or executed.
	ErrBriefingTemplate = &problem.Problem{Code: "BAD_BRIEFING_TEMPLATE", Text: "简报模板有误",
		Fix: "请对照内置的 briefing.tmpl 修改，或不指定模板文件夹，改用内置模板"}
	// ErrPDF means the briefing could not be made.
	ErrPDF = &problem.Problem{Code: "PDF_FAILED", Text: "简报无法生成", Fix: internalFix}
	// ErrChart means a chart of the briefing could not be drawn.
	ErrChart = &problem.Problem{Code: "CHART_FAILED", Text: "图表无法绘制", Fix: internalFix}
	// ErrWorkbook means the workbook could not be made.
	ErrWorkbook = &problem.Problem{Code: "WORKBOOK_FAILED", Text: "汇总表无法生成", Fix: internalFix}
	// ErrSummary means summary.json could not be made.
	ErrSummary = &problem.Problem{Code: "SUMMARY_FAILED", Text: "汇总数据文件无法生成", Fix: internalFix}
	// ErrBlankTemplate means the blank submission could not be made.
	ErrBlankTemplate = &problem.Problem{Code: "TEMPLATE_FAILED", Text: "空白报表无法生成", Fix: internalFix}
	// ErrRender means an output failed with an error that names no
	// problem.
	ErrRender = &problem.Problem{Code: "RENDER_FAILED", Text: "输出文件无法生成", Fix: internalFix}
)

// problemOr returns err as it is when it names a problem, or else as p
// caused by err.
func problemOr(p *problem.Problem, err error) error {
	if err == nil || problem.Of(err) != nil {
		return err
	}
	return problem.Wrap(p, err)
}
