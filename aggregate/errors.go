package aggregate

import "errors"

// ErrOtherConfiguration means a sheet was read with a configuration that
// has other metrics than the one the report is built with.
var ErrOtherConfiguration = errors.New("报表按另一份配置读取，指标不一致 (OTHER_CONFIGURATION)")

// ErrNoPeriod means there is no month to report: no submission named one and
// none was given.
var ErrNoPeriod = errors.New("没有可汇总的月份：未找到任何能识别月份的报表，请用 --period 指定 (NO_PERIOD)")

// ErrChanged means a file read earlier in the run had changed when it was
// read again to take its figures out of a conflict.
var ErrChanged = errors.New("文件在汇总过程中被修改，请等报表不再变动后重新汇总 (FILE_CHANGED)")
