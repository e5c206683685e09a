package tablegen

// Transform names one layout transformation. A case lists those it applied;
// a transformation is listed only when the sheet shows it.
type Transform string

// The transformations, grouped by the family of the table's anatomy they
// belong to (the Family of their TransformInfo).
const (
	HeaderNames     Transform = "header-names"     // metric headers as aliases, wrapped, with （人次） or a trailing 数
	Header2Rows     Transform = "header-2rows"     // two header rows: 约谈 over 责任单位 / 责任人, or a metric over 本月 / 累计
	Header3Rows     Transform = "header-3rows"     // three header rows
	HeaderUnmerged  Transform = "header-unmerged"  // spanning header cells typed once or repeated, not merged
	MeasureRow      Transform = "measure-row"      // a row of measure words (人次 个 份 人) under the names
	LanciRow        Transform = "lanci-row"        // a 栏次 row (甲 乙 1 2 3 …) under the header
	LabelSeqOnly    Transform = "label-seq-only"   // one label column headed 序号, holding numbered area names
	LabelBoth       Transform = "label-both"       // a 序号 column and a 类别 column
	LabelNumbered   Transform = "label-numbered"   // area labels numbered 1. / （一） / 一、 / ①
	TotalFirst      Transform = "total-first"      // the 合计 row right under the header
	TotalLabel      Transform = "total-label"      // 合计 in the 序号 column, merged across label columns, or spelled 总计 / 全市合计 / 合  计
	NoTotal         Transform = "no-total"         // no 合计 row (or column)
	SumFormulas     Transform = "sum-formulas"     // totals and subtotals as =SUM formulas with cached values
	SumUncached     Transform = "sum-uncached"     // =SUM formulas without cached values
	Subtotals       Transform = "subtotals"        // group heading rows (一、重点工作) and 小计 rows
	PartRows        Transform = "part-rows"        // 其中 / 含 / # / indented rows under a parent
	MonthCum        Transform = "month-cum"        // 本月 and 累计 sub-columns under each metric
	SideColumns     Transform = "side-columns"     // 上月 / 去年同期 / 同比 columns beside the month's
	Transposed      Transform = "transposed"       // metrics down the side, work areas across the top
	List            Transform = "list"             // no areas: 指标 | 数值
	ListCumulative  Transform = "list-cumulative"  // no areas: 指标 | 本月 | 累计
	MonthColumns    Transform = "month-columns"    // value columns headed by months (2018年09月 | 2018年10月)
	SheetPerMonth   Transform = "sheet-per-month"  // one sheet per month, earlier months' figures on earlier sheets
	LaterBlank      Transform = "later-blank"      // blank sheets for the months still to come
	BlankRows       Transform = "blank-rows"       // blank rows inside the table
	RepeatedHeader  Transform = "repeated-header"  // the header repeated inside the table
	TitleRows       Transform = "title-rows"       // title, 填报单位, 统计时段 rows above
	NotesBelow      Transform = "notes-below"      // 填表人, 审核人, 联系电话, 填报日期, 注 rows below
	NoteInside      Transform = "note-inside"      // a note row between two work areas
	Footer          Transform = "footer"           // 编制人 / 审核 / 批准 after the total
	TextNumbers     Transform = "text-numbers"     // counts stored as text
	FullWidth       Transform = "fullwidth-digits" // ４２
	Decimals        Transform = "decimals"         // 12.00, 1,234.0, or 12 formatted 0.00
	Thousands       Transform = "thousands"        // 1,234 typed, or formatted #,##0
	MeasureSuffix   Transform = "measure-suffix"   // 12个, 35人次
	ZeroMarks       Transform = "zero-marks"       // blank, —, 无, -, / for zero
	ShuffledColumns Transform = "shuffled-columns" // metric columns (or rows) in another order
	ExtraColumns    Transform = "extra-columns"    // 备注, 联系人, 联系电话, 计量单位 columns
	HiddenColumns   Transform = "hidden-columns"   // hidden columns, headers and all
	DerivedFigures  Transform = "derived-figures"  // 整改率 and 未整改问题 columns or rows
	MergedLabels    Transform = "merged-labels"    // labels merged over two columns, or group cells down a group column
	SecondTable     Transform = "second-table"     // another table in the same sheet (上月, 累计, or another topic)
	FarDown         Transform = "far-down"         // the header at row 45 or below, after a long preamble
	RepeatedArea    Transform = "repeated-area"    // two rows (or columns) with the same work area
	HiddenRows      Transform = "hidden-rows"      // hidden rows with no figures
	ExtraSheets     Transform = "extra-sheets"     // a 填报说明 sheet, a hidden sheet with an old copy
	AreaSubset      Transform = "area-subset"      // only some of the work areas, or in another order

	BrokenTotal      Transform = "broken-total"       // a 合计 that differs from its rows
	BrokenUnlabelled Transform = "broken-unlabelled"  // figures in a row with no label
	BrokenWord       Transform = "broken-word"        // 若干 in a figure cell
	BrokenFraction   Transform = "broken-fraction"    // 12.5 in a figure cell
	BrokenNegative   Transform = "broken-negative"    // a negative figure
	BrokenUnknown    Transform = "broken-unknown-row" // an unknown row label with figures
	BrokenPart       Transform = "broken-part"        // a 其中 larger than its parent
)

// TransformInfo describes a transformation for reports.
type TransformInfo struct {
	Name   Transform
	Family int  // 1..22 as in the package documentation; 0 for broken sheets
	Broken bool // the sheet cannot be read without doubt
}

// Transforms lists every transformation in report order.
var Transforms = []TransformInfo{
	{HeaderNames, 1, false},
	{Header2Rows, 2, false}, {Header3Rows, 2, false}, {HeaderUnmerged, 2, false},
	{MeasureRow, 3, false},
	{LanciRow, 4, false},
	{LabelSeqOnly, 5, false}, {LabelBoth, 5, false}, {LabelNumbered, 5, false},
	{TotalFirst, 6, false}, {TotalLabel, 6, false}, {NoTotal, 6, false}, {SumFormulas, 6, false}, {SumUncached, 6, false},
	{Subtotals, 7, false},
	{PartRows, 8, false},
	{MonthCum, 9, false}, {SideColumns, 9, false},
	{Transposed, 10, false},
	{List, 11, false}, {ListCumulative, 11, false},
	{MonthColumns, 12, false},
	{SheetPerMonth, 13, false}, {LaterBlank, 13, false},
	{BlankRows, 14, false}, {RepeatedHeader, 14, false},
	{TitleRows, 15, false}, {NotesBelow, 15, false}, {NoteInside, 15, false},
	{Footer, 16, false},
	{TextNumbers, 17, false}, {FullWidth, 17, false}, {Decimals, 17, false}, {Thousands, 17, false},
	{MeasureSuffix, 17, false}, {ZeroMarks, 17, false},
	{ShuffledColumns, 18, false}, {ExtraColumns, 18, false}, {HiddenColumns, 18, false}, {DerivedFigures, 18, false},
	{MergedLabels, 19, false},
	{SecondTable, 20, false},
	{FarDown, 21, false},
	{RepeatedArea, 22, false},
	{HiddenRows, 23, false}, {ExtraSheets, 23, false}, {AreaSubset, 23, false},
	{BrokenTotal, 0, true}, {BrokenUnlabelled, 0, true}, {BrokenWord, 0, true}, {BrokenFraction, 0, true},
	{BrokenNegative, 0, true}, {BrokenUnknown, 0, true}, {BrokenPart, 0, true},
}

// IsBroken reports whether t makes a sheet unreadable.
func IsBroken(t Transform) bool {
	for _, i := range Transforms {
		if i.Name == t {
			return i.Broken
		}
	}
	return false
}
