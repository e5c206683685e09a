package ingest

import (
	"fmt"

	"jianbao/problem"
)

// Problem is a kind of finding: a stable English code for machines and a
// Simplified Chinese description with advice for the clerk (the one
// problem type of the program, see package problem).
type Problem = problem.Problem

// The problems ingest reports. Their codes are a contract.
var (
	ErrNotWholeNumber    = &Problem{Code: "NOT_WHOLE_NUMBER", Text: "不是0或正整数", Fix: "请输入0或正整数，不要填小数、负数或文字；没有发生的填0"}
	ErrNotAmount         = &Problem{Code: "NOT_AMOUNT", Text: "不是0或正的金额", Fix: "请输入0或正数，小数位数不超过规定；不要填负数、文字或“万”等倍数字；没有发生的填0"}
	ErrTotalMismatch     = &Problem{Code: "TOTAL_MISMATCH", Text: "合计与各行之和不符", Fix: "请核对合计行，或改用求和公式"}
	ErrMissingMetric     = &Problem{Code: "MISSING_METRIC", Text: "缺少指标列", Fix: "请在上级下发的标准报表模板中填写，不要删除指标列"}
	ErrUnknownUnit       = &Problem{Code: "UNKNOWN_UNIT", Text: "无法识别填报单位", Fix: "请在表头“填报单位：”后写明单位全称，或用单位名称命名文件"}
	ErrUnknownPeriod     = &Problem{Code: "UNKNOWN_PERIOD", Text: "无法识别统计月份", Fix: "请在标题或“统计时段：”中写明年月，如2018年10月"}
	ErrUnitMismatch      = &Problem{Code: "UNIT_MISMATCH", Text: "表内单位与文件名单位不一致", Fix: "请核对文件名和表内“填报单位”，二者应为同一单位"}
	ErrPeriodMismatch    = &Problem{Code: "PERIOD_MISMATCH", Text: "表内月份与文件名月份不一致", Fix: "请核对文件名和表内统计时段，二者应为同一月份"}
	ErrNoDataSheet       = &Problem{Code: "NO_DATA_SHEET", Text: "找不到统计表", Fix: "请在上级下发的标准报表模板中填写，表头应包含各项指标名称"}
	ErrManyDataSheets    = &Problem{Code: "AMBIGUOUS_SHEETS", Text: "有多张工作表都像统计表", Fix: "请只保留一张统计表，删除或改名旧的副本"}
	ErrUnreadable        = &Problem{Code: "UNREADABLE_FILE", Text: "文件无法读取，可能已损坏或不是Excel文件", Fix: "请用Excel或WPS打开后另存为.xlsx格式再报送"}
	ErrEncrypted         = &Problem{Code: "ENCRYPTED", Text: "文件设置了打开密码", Fix: "请在Excel或WPS中打开文件（如不知道密码，请向设置密码的人索取），取消密码后另存为.xlsx再报送"}
	ErrTooLarge          = &Problem{Code: "TOO_LARGE", Text: "文件或工作表过大", Fix: "请只保留统计表本身，删除多余的行、列和工作表"}
	ErrUnsupported       = &Problem{Code: "UNSUPPORTED_FORMAT", Text: "不支持的文件格式", Fix: "请另存为.xlsx格式再报送"}
	ErrConflict          = &Problem{Code: "CONFLICT", Text: "同一单位同一月份有两份不同的报表", Fix: "请确认哪一份是正确的，删除另一份；如是更正后重新报送，请在文件名中写明“修改”或“第2版”等，或在表内写明填报日期"}
	ErrDuplicate         = &Problem{Code: "DUPLICATE", Text: "同一单位同一月份的报表重复报送（内容相同，只计一次）", Fix: "可删除重复的文件"}
	ErrSuperseded        = &Problem{Code: "SUPERSEDED", Text: "已被后来报送的更正报表取代，本表不计入", Fix: "如更正后的报表无误，可删除本文件"}
	ErrCorrectionRefused = &Problem{Code: "CORRECTION_REFUSED", Text: "后来报送的更正报表未通过校验", Fix: "请按提示修改更正后的报表并重新报送；在此之前本表的数字计入汇总"}
	ErrFormulaNoValue    = &Problem{Code: "FORMULA_NO_VALUE", Text: "公式没有计算结果", Fix: "请在Excel或WPS中打开文件、保存后再报送"}
	ErrFormulaStale      = &Problem{Code: "FORMULA_STALE", Text: "公式的计算结果与表中保存的数字不符", Fix: "请在Excel或WPS中打开文件，重新计算（按F9）后保存，再报送"}
	ErrPersonsUnderUnits = &Problem{Code: "PERSONS_UNDER_UNITS", Text: "责任人数少于责任单位数", Fix: "通常每个单位至少涉及一名责任人，请核对"}
	ErrSwing             = &Problem{Code: "LARGE_SWING", Text: "本月数比上月大幅增加", Fix: "请核对是否多填了数位"}
	ErrFall              = &Problem{Code: "LARGE_FALL", Text: "本月数比上月大幅减少", Fix: "这是月末时点数，请核对是否少填了数位或漏填了部分"}
)

// CellError locates a problem: the file, sheet and cell where it was seen,
// the value found there, and the cause. Cell and Sheet may be empty when the
// problem concerns the whole file or sheet.
type CellError = problem.Error

// Severity says whether a finding keeps a sheet out of the figures.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Chinese names the severity for clerks.
func (s Severity) Chinese() string {
	if s == Warning {
		return "提示"
	}
	return "错误"
}

// Finding is one problem found while reading or checking a submission.
type Finding struct {
	Severity Severity
	*CellError
}

// Message is the Chinese text of the finding without its place.
func (f Finding) Message() string {
	m := f.Err.Error()
	if f.Value != "" {
		m = fmt.Sprintf("“%s”%s", f.Value, m)
	}
	return m
}

// Problems found while reading the rows of a table.
var (
	ErrDuplicateColumn = &Problem{Code: "DUPLICATE_COLUMN", Text: "同一指标有多列", Fix: "请删除重复的列，每个指标只保留一列"}
	ErrUnlabelledRow   = &Problem{Code: "UNLABELLED_ROW", Text: "这一行有数字但没有名称", Fix: "请在该行填写工作类别名称，合计行写明“合计”，或删除该行"}
	ErrUnknownArea     = &Problem{Code: "UNKNOWN_AREA", Text: "不是配置中的工作类别", Fix: "请改用模板中的工作类别名称，其他事项填入“其他”；如是合计、小计或其中项请写明"}
	ErrNoDataRows      = &Problem{Code: "NO_DATA_ROWS", Text: "表中没有数据行", Fix: "请在模板的各工作类别行填写数字"}
	ErrNotFilled       = &Problem{Code: "NOT_FILLED", Text: "表格未填写：所有数字格都是空白", Fix: "请填写本月各项数字；本月确实没有发生的，请在格中填0"}
	ErrAllZero         = &Problem{Code: "ALL_ZERO", Text: "本月各项数字都是0", Fix: "如本月确实没有开展督查工作可不必修改，否则请核对是否漏填"}
)

// ErrWrongPeriod marks a sheet for another month than the one asked for.
var ErrWrongPeriod = &Problem{Code: "WRONG_PERIOD", Text: "统计月份与要求的月份不符", Fix: "请确认报送的是要求月份的报表"}

// ErrCumulative marks a 累计 figure that differs from the months present.
var ErrCumulative = &Problem{Code: "CUMULATIVE_MISMATCH", Text: "累计数与各月报表之和不符", Fix: "请核对累计数；本月数以“本月”列为准"}

// ErrUnmatchedColumn marks a column that looks like a figure but matches no
// configured metric; it is not counted.
var ErrUnmatchedColumn = &Problem{Code: "UNMATCHED_COLUMN", Text: "这一列像统计指标，但不是配置中的指标，未计入", Fix: "如是标准指标请改用模板中的列名；如不需要统计可删除该列或写入备注"}

// Problems of the reading itself rather than of the sheet's content.
var (
	ErrReaderFailed     = &Problem{Code: "READER_FAILED", Text: "文件无法读取：读取程序在这个文件上出错", Fix: "请用Excel或WPS打开后另存为.xlsx格式再报送"}
	ErrUnreadableFolder = &Problem{Code: "UNREADABLE_FOLDER", Text: "文件夹无法打开，其中的报表没有读取", Fix: "请确认有权限打开这个文件夹；如是系统文件夹，请把报表放到另一个文件夹中汇总"}
	ErrTimeout          = &Problem{Code: "READ_TIMEOUT", Text: "文件读取超时，可能已损坏或过于复杂", Fix: "请用Excel或WPS打开后另存为.xlsx格式，只保留统计表再报送"}
	// ErrAnnotateFault is a fault met while writing an annotated copy.
	ErrAnnotateFault = &Problem{Code: "ANNOTATE_FAULT", Text: "标注程序在这个文件上出错", Fix: "请用Excel或WPS打开后另存为.xlsx格式，再生成标注副本"}
)
