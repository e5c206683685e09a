package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Cell is one cell of a sheet as read from the file.
type Cell struct {
	Text     string // the value as stored (raw, not number-formatted); for formulas the cached value
	Formula  string // the formula without '=', if any
	Covered  bool   // inside a merged range but not its top-left cell; Text is the range's value
	Computed bool   // Text was computed here from Formula: the file held no cached value
	Indent   int    // indent level of the cell's alignment style; 0 when none or not known
	Date     bool   // the cell's number format shows a date or a time: its value is a day, not a count
	// Stale is what the cell's formula gives, worked out here from the
	// values of the cells it refers to, when that is not the value the file
	// holds for it (Text): the file's value is then not to be trusted.
	Stale string
}

// Sheet is one worksheet, format-independent: rows of cells, merges resolved.
type Sheet struct {
	Name   string
	Index  int // 1-based position in the workbook
	Hidden bool
	Rows   [][]Cell
	// HiddenRows and HiddenCols hold the 0-based rows and columns the file
	// marks hidden, as far as they lie within Rows and Width(); nil when
	// none are or the format has no such notion.
	HiddenRows map[int]bool
	HiddenCols map[int]bool
	// Ragged holds the 0-based rows of a CSV file with more filled fields
	// than its rows commonly have: their fields may have shifted.
	Ragged map[int]bool
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

// setHidden keeps as the sheet's hidden rows and columns those of rows and
// cols that lie within its grid; call it once the grid is complete.
func (s *Sheet) setHidden(rows, cols map[int]bool) {
	s.HiddenRows = within(rows, len(s.Rows))
	s.HiddenCols = within(cols, s.Width())
}

// within is the set of the keys of m that are in [0, n), nil if none are.
func within(m map[int]bool, n int) map[int]bool {
	var out map[int]bool
	for k, v := range m {
		if v && k >= 0 && k < n {
			if out == nil {
				out = map[int]bool{}
			}
			out[k] = true
		}
	}
	return out
}

// cellIndent is the indent of the cell at a 0-based row and column.
type cellIndent struct{ row, col, indent int }

// layout is what a worksheet says besides its values.
type layout struct {
	hiddenRows, hiddenCols map[int]bool
	indents                []cellIndent
	bools                  []cellIndent // cells of type boolean (t="b"); Indent unused
	dates                  []cellIndent // cells shown as a date or time; Indent unused
	formulas               []cellFormula
}

// trimBlankTail drops the empty rows at the end of a sheet: what a
// formatted but empty row far down leaves.
func (s *Sheet) trimBlankTail() {
	n := len(s.Rows)
	for n > 0 && blankCells(s.Rows[n-1]) {
		n--
	}
	s.Rows = s.Rows[:n]
}

func blankCells(row []Cell) bool {
	for _, c := range row {
		if c.Text != "" || c.Formula != "" {
			return false
		}
	}
	return true
}

// setDates marks the cells of s whose format shows a date or a time.
func (l *layout) setDates(s *Sheet) {
	for _, d := range l.dates {
		if d.row < len(s.Rows) && d.col < len(s.Rows[d.row]) {
			s.Rows[d.row][d.col].Date = true
		}
	}
}

// setBools writes the boolean cells of s as TRUE or FALSE, as a spreadsheet
// shows them: never as the 1 or 0 they are stored as, which would read as a
// count.
func (l *layout) setBools(s *Sheet) {
	for _, b := range l.bools {
		if b.row < len(s.Rows) && b.col < len(s.Rows[b.row]) {
			c := &s.Rows[b.row][b.col]
			c.Text = boolText(c.Text)
		}
	}
}

// boolText is how a boolean cell's stored value is shown.
func boolText(v string) string {
	if strings.TrimSpace(v) == "1" || strings.EqualFold(strings.TrimSpace(v), "true") {
		return "TRUE"
	}
	return "FALSE"
}

// hideRow marks the 1-based row n hidden.
func (l *layout) hideRow(n int) {
	if l.hiddenRows == nil {
		l.hiddenRows = map[int]bool{}
	}
	l.hiddenRows[n-1] = true
}

// hideCols marks the 1-based columns from first to last hidden, as far as a
// sheet can be wide.
func (l *layout) hideCols(first, last int) {
	first, last = max(first, 1), min(last, MaxColumns)
	if first > last {
		return
	}
	if l.hiddenCols == nil {
		l.hiddenCols = map[int]bool{}
	}
	for c := first; c <= last; c++ {
		l.hiddenCols[c-1] = true
	}
}

// setIndents gives the cells of s that hold something their indent.
func (l *layout) setIndents(s *Sheet) {
	for _, ci := range l.indents {
		if ci.row >= 0 && ci.row < len(s.Rows) && ci.col >= 0 && ci.col < len(s.Rows[ci.row]) {
			if c := &s.Rows[ci.row][ci.col]; c.Text != "" || c.Formula != "" {
				c.Indent = ci.indent
			}
		}
	}
}

// Ref names the cell at 0-based row and column, as D7.
func Ref(row, col int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row+1, col+1)
	}
	return name
}
