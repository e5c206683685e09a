package aggregate

import "errors"

// ErrNoPeriod means there is no month to report: no submission named one and
// none was given.
var ErrNoPeriod = errors.New("没有可汇总的月份：未找到任何能识别月份的报表，请用 --period 指定 (NO_PERIOD)")
