package ingest

import "fmt"

// Problems of a table's structure: what the table model could not account
// for.
var (
	ErrUnaccounted  = &Problem{Code: "UNACCOUNTED_NUMBER", Text: "这个数字无法归入任何指标或行", Fix: "请删除表格中多余的数字，或把它们移到备注中；指标列请使用模板中的列名"}
	ErrUnclearTable = &Problem{Code: "UNCLEAR_TABLE", Text: "表格结构不清楚", Fix: "请按模板填写：每个工作类别一行，合计行写明“合计”"}
	ErrPartExceeds  = &Problem{Code: "PART_EXCEEDS_WHOLE", Text: "其中项大于所属的行", Fix: "“其中”是上一行的一部分，不能大于上一行，请核对"}
	ErrRowOutside   = &Problem{Code: "ROW_OUTSIDE_TABLE", Text: "表格之外还有工作类别行", Fix: "请把这一行移到合计行上面并计入合计，或删除该行"}
	ErrTableAside   = &Problem{Code: "TABLE_SET_ASIDE", Text: "表格下方另有内容，未计入", Fix: "如这些数字也应上报，请并入统计表；否则可忽略"}
	ErrManyTables   = &Problem{Code: "AMBIGUOUS_TABLES", Text: "同一张工作表中有多张统计表", Fix: "请只保留本月的统计表，其他表格另存或删除"}
	ErrPastRevised  = &Problem{Code: "PAST_MONTH_REVISED", Text: "以前月份的数字与已报送的不同", Fix: "如确需更正以前月份，请单独报送该月的更正表；否则请核对"}
	ErrTablePeriod  = &Problem{Code: "TABLE_OTHER_PERIOD", Text: "统计表是另一时期的数字", Fix: "请报送本月的统计表；累计数、上月数请放在本月表的“累计”“上月”列中"}
	ErrMonthColumn  = &Problem{Code: "NO_MONTH_COLUMN", Text: "表中没有本月的数字列", Fix: "请确认表头中的月份与报送月份一致"}
)

// errorf wraps a problem with the particulars of one case.
func errorf(p *Problem, format string, args ...any) error {
	return fmt.Errorf("%w："+format, append([]any{p}, args...)...)
}
