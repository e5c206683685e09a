package sheets

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Cell is one cell of a sheet as read from the file.
type Cell struct {
	Text     string // the value as stored (raw, not number-formatted); for formulas the cached value
	Formula  string // the formula without '=', if any
	Covered  bool   // inside a merged range but not its top-left cell; Text is the range's value
	Computed bool   // Text was computed here from Formula: the file held no cached value
	Indent   int    // indent level of the cell's alignment style; 0 when none or not known
}

// Sheet is one worksheet, format-independent: rows of cells, merges resolved.
type Sheet struct {
	Name   string
	Index  int // 1-based position in the workbook
	Hidden bool
	Rows   [][]Cell
	// HiddenRows and HiddenCols hold the 0-based rows and columns the file
	// marks hidden; nil when none are or the format has no such notion.
	HiddenRows map[int]bool
	HiddenCols map[int]bool
}

// Workbook is what a format reader produces.
type Workbook struct {
	Sheets []*Sheet
}

// At returns the cell at 0-based row and column, or an empty cell.
func (s *Sheet) At(row, col int) Cell {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return Cell{}
	}
	return s.Rows[row][col]
}

// Width returns the number of columns of the widest row.
func (s *Sheet) Width() int {
	w := 0
	for _, r := range s.Rows {
		if len(r) > w {
			w = len(r)
		}
	}
	return w
}

// Ref names the cell at 0-based row and column, as D7.
func Ref(row, col int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row+1, col+1)
	}
	return name
}

// RangeRef names a range of cells in one column, as D5:D12.
func RangeRef(fromRow, toRow, col int) string {
	return Ref(fromRow, col) + ":" + Ref(toRow, col)
}
