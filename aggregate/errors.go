package aggregate

import "jianbao/problem"

// The problems of a rollup as a whole rather than of one sheet. Their codes
// are a contract.
var (
	// ErrOtherConfiguration means a sheet was read with a configuration
	// that has other metrics than the one the report is built with.
	ErrOtherConfiguration = &problem.Problem{Code: "OTHER_CONFIGURATION",
		Text: "报表按另一份配置读取，指标与汇总所用的配置不一致",
		Fix:  "请用同一份配置文件读取和汇总报表"}

	// ErrNoPeriod means there is no month to report: no submission named
	// one and none was given.
	ErrNoPeriod = &problem.Problem{Code: "NO_PERIOD",
		Text: "没有可汇总的月份：未找到任何能识别月份的报表",
		Fix:  "请在报表标题或“统计时段”中写明年月，或指定要汇总的月份"}

	// ErrChanged means a file read earlier in the run had changed when it
	// was read again to take its figures out of a conflict.
	ErrChanged = &problem.Problem{Code: "FILE_CHANGED",
		Text: "文件在汇总过程中被修改",
		Fix:  "请等报表不再变动后重新汇总"}

	// ErrFolder means the folder of submissions could not be listed.
	ErrFolder = &problem.Problem{Code: "UNREADABLE_FOLDER",
		Text: "文件夹无法读取",
		Fix:  "请检查文件夹的路径是否正确、是否有读取权限"}
)
