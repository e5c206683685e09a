package ingest

import (
	"strconv"
	"strings"
	"unicode"
)

// view shows a sheet as rows and columns, either as it is or turned a
// quarter (rows become columns), so that one reading of a table serves
// both ways a table may lie: metrics across the top, or down the side.
type view struct {
	s      *Sheet
	across bool // turned: view row r is sheet column r
	rows   int
	lo     int // the columns lo..cols-1 are the table's; others are beside it
	cols   int
}

func newView(s *Sheet, across bool) *view {
	v := &view{s: s, across: across, rows: len(s.Rows), cols: s.Width()}
	if across {
		v.rows, v.cols = v.cols, v.rows
	}
	return v
}

// span returns a copy of the view that sees only the columns lo..hi.
func (v *view) span(lo, hi int) *view {
	w := *v
	w.lo, w.cols = lo, hi+1
	return &w
}

// at returns the cell at view row r, column c.
func (v *view) at(r, c int) Cell {
	if v.across {
		return v.s.At(c, r)
	}
	return v.s.At(r, c)
}

// text returns the trimmed text of a cell that is not covered by a merge.
func (v *view) text(r, c int) string {
	cell := v.at(r, c)
	if cell.Covered {
		return ""
	}
	return strings.TrimSpace(cell.Text)
}

// merged returns the trimmed text of a cell, the merge's value for a
// covered cell.
func (v *view) merged(r, c int) string { return strings.TrimSpace(v.at(r, c).Text) }

// ref names the sheet cell at view row r, column c.
func (v *view) ref(r, c int) string {
	if v.across {
		return Ref(c, r)
	}
	return Ref(r, c)
}

// rangeRef names the cells from view row r1 to r2 in column c.
func (v *view) rangeRef(r1, r2, c int) string {
	if r1 == r2 {
		return v.ref(r1, c)
	}
	return v.ref(r1, c) + ":" + v.ref(r2, c)
}

// hiddenCol reports whether view column c is hidden in the file.
func (v *view) hiddenCol(c int) bool {
	if v.across {
		return v.s.HiddenRows[c]
	}
	return v.s.HiddenCols[c]
}

// hiddenRow reports whether view row r is hidden in the file.
func (v *view) hiddenRow(r int) bool {
	if v.across {
		return v.s.HiddenCols[r]
	}
	return v.s.HiddenRows[r]
}

// rowName names view row r for a clerk: 第12行, or D列 when turned.
func (v *view) rowName(r int) string {
	if v.across {
		return colName(r) + "列"
	}
	return "第" + strconv.Itoa(r+1) + "行"
}

// colName names view column c for a clerk: D列, or 第4行 when turned.
func (v *view) colName(c int) string {
	if v.across {
		return "第" + strconv.Itoa(c+1) + "行"
	}
	return colName(c) + "列"
}

// indent is how far a label is pushed right: the cell's indent style and
// the white space typed before it (an ideographic space counts two).
func (v *view) indent(r, c int) int {
	cell := v.at(r, c)
	if cell.Covered {
		return 0
	}
	n := cell.Indent * 4
	for _, ch := range cell.Text {
		switch {
		case ch == '\u3000':
			n += 2
		case ch == '\t':
			n += 4
		case unicode.IsSpace(ch):
			n++
		default:
			return n
		}
	}
	return 0 // only white space: no label
}
