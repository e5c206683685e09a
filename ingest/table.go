package ingest

// The table model. Every sheet that is read becomes a Table: its header
// block, and a role for each of its columns and rows, found the way a
// person reads a statistics table. The figures are then taken from the
// table by one rule: every cell inside the table that holds a number is
// counted, checked (a total, a subtotal, a part of the row above), or
// stands in a column or row that is known not to count (序号, 累计, 上月 …).
// A number the model cannot account for is an error at its cell.

// ColRole is what a column of a table holds.
type ColRole int

const (
	ColBlank      ColRole = iota // nothing in the header and nothing below it
	ColLabel                     // row labels: 类别, 项目, or a column of names
	ColIndex                     // 序号: numbering, not a figure
	ColCount                     // a metric's figure for the month: counted
	ColCumulative                // a metric's 累计 (year to date): checked, not counted
	ColOther                     // a metric for another period (上月, 同比, another month): shown, not counted
	ColNote                      // 备注, 联系人 …: text, not a figure
	ColUnknown                   // a header that names nothing configured
	ColDerived                   // a figure worked out from others (整改率, 未整改): shown, not counted
	ColGroup                     // a group's name standing in the header row (约谈 before 责任单位 | 责任人)
)

// RowRole is what a row of a table holds.
type RowRole int

const (
	RowData       RowRole = iota // a work area: counted
	RowTotal                     // 合计: checked against the data rows
	RowSubtotal                  // 小计: checked against its group
	RowPart                      // 其中 …: a part of the row above, checked not to exceed it
	RowHeading                   // a group heading with no figures (一、重点工作)
	RowHeader                    // a repeat of the header
	RowBlank                     // nothing in it
	RowNote                      // 注：, 填表人 … : text, not figures
	RowFigures                   // the month's figures of a table without work areas (本月, 数值, the month)
	RowCumulative                // 累计 of a table without work areas: checked, not counted
	RowOther                     // another period (上月, 同比 …): shown, not counted
)

// Column is a column of a table and its role.
type Column struct {
	Col    int     // 0-based, along the table (a sheet row when the table lies across)
	Role   ColRole //
	Metric string  // metric id for ColCount, ColCumulative and ColOther
	Text   string  // the header as read, the cells of the header block joined by "/"
	Period Period  // the month a month-headed column names, else zero
	Hidden bool    // the file hides this column
}

// Row is a row of a table and its role.
type Row struct {
	Row      int     // 0-based, along the table (a sheet column when the table lies across)
	Role     RowRole //
	Label    string  // the row's label as typed
	Area     string  // RowData: the work area it names
	Parent   int     // RowPart: the row it is part of; RowSubtotal: the first row of its group
	Period   Period  // RowFigures or RowOther headed by a month, else zero
	indent   int     // of the label
	numbered bool    // a list number stands in its label cells
}

// Table is how a sheet was read: where its header is, which way it lies,
// the role of every column and row, and what was set aside.
type Table struct {
	// Across is true when the metrics are down the side and the columns
	// are work areas or periods (指标 | 数值, 指标 | 本月 | 累计, or work
	// areas across the top). Rows and columns below are then those of the
	// table as read: a Row is a sheet column and a Column a sheet row.
	Across  bool
	Header  []int    // rows of the header block
	Columns []Column // every column of the table that holds something
	Rows    []Row    // every row below the header up to the end of the table
	End     int      // last row of the table
	// Aside names what was seen and not read: other tables and sections
	// of the sheet, other sheets of the workbook.
	Aside []string
	Score int // distinct metrics the header names

	problems []tableProblem
}

// labelColumns lists the label and index columns, left to right.
func (t *Table) labelColumns() []int {
	var out []int
	for _, c := range t.Columns {
		if c.Role == ColLabel || c.Role == ColIndex {
			out = append(out, c.Col)
		}
	}
	return out
}

// firstCol is the first column the table occupies.
func (t *Table) firstCol() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Col
}

// Top is the first sheet row the table occupies: what lies above it is its
// title, where the unit and the month are written.
func (t *Table) Top() int {
	if t.Across {
		return t.firstCol()
	}
	return t.Header[0]
}

// Chinese names a column role for --explain.
func (r ColRole) Chinese() string {
	return [...]string{"空列", "标签列", "序号列（不计数）", "本月数（计入）", "累计数（仅核对）", "其他时期（不计入）", "备注类（不计数）", "未识别", "派生数（不计入）", "分组名称"}[r]
}

// Chinese names a row role for --explain.
func (r RowRole) Chinese() string {
	return [...]string{"工作类别（计入）", "合计（核对）", "小计（核对）", "其中项（核对不大于上级，不重复计入）", "分组标题", "重复的表头", "空行", "备注（不计数）", "本月数（计入）", "累计数（仅核对）", "其他时期（不计入）"}[r]
}
