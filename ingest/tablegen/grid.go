package tablegen

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Kind is the type of a cell's content.
type Kind string

// Cell kinds.
const (
	KindText    Kind = "text"    // Text
	KindNumber  Kind = "number"  // Number
	KindFormula Kind = "formula" // Formula, and Number as its cached value when Cached
)

// Cell is one non-empty cell of a sheet, or an empty cell that carries an
// indent. Rows and columns are 0-based.
type Cell struct {
	Row     int     `json:"row"`
	Col     int     `json:"col"`
	Kind    Kind    `json:"kind"`
	Text    string  `json:"text,omitempty"`
	Number  float64 `json:"number"`
	Formula string  `json:"formula,omitempty"` // without the leading '='
	Cached  bool    `json:"cached,omitempty"`  // a formula's cached value (Number) is stored in the file
	Format  string  `json:"format,omitempty"`  // number format code, e.g. "#,##0"; "" is General
	Indent  int     `json:"indent,omitempty"`  // indent level of the cell's alignment
}

// Ref names the cell in A1 style.
func (c Cell) Ref() string { return Ref(c.Row, c.Col) }

// Range is a rectangle of cells, 0-based and inclusive.
type Range struct {
	Top    int `json:"top"`
	Left   int `json:"left"`
	Bottom int `json:"bottom"`
	Right  int `json:"right"`
}

// Ref names the range in A1 style, as B3:C3.
func (r Range) Ref() string { return Ref(r.Top, r.Left) + ":" + Ref(r.Bottom, r.Right) }

// Sheet is one worksheet of a generated workbook.
type Sheet struct {
	Name       string  `json:"name"`
	Hidden     bool    `json:"hidden,omitempty"`
	Cells      []Cell  `json:"cells"` // ordered by row, then column
	Merges     []Range `json:"merges,omitempty"`
	HiddenRows []int   `json:"hidden_rows,omitempty"`
	HiddenCols []int   `json:"hidden_cols,omitempty"`
}

// At returns the cell at row, col and whether the sheet holds one there.
func (s *Sheet) At(row, col int) (Cell, bool) {
	i := sort.Search(len(s.Cells), func(i int) bool {
		c := s.Cells[i]
		return c.Row > row || (c.Row == row && c.Col >= col)
	})
	if i < len(s.Cells) && s.Cells[i].Row == row && s.Cells[i].Col == col {
		return s.Cells[i], true
	}
	return Cell{}, false
}

// Size returns the number of rows and columns the sheet spans.
func (s *Sheet) Size() (rows, cols int) {
	for _, c := range s.Cells {
		rows, cols = max(rows, c.Row+1), max(cols, c.Col+1)
	}
	for _, m := range s.Merges {
		rows, cols = max(rows, m.Bottom+1), max(cols, m.Right+1)
	}
	return rows, cols
}

// Workbook is a generated workbook, independent of any file format.
type Workbook struct {
	Sheets []Sheet `json:"sheets"`
	Active int     `json:"active"` // 0-based index of the sheet shown on opening
}

// Ref names a cell by 0-based row and column, as D7.
func Ref(row, col int) string { return ColName(col) + strconv.Itoa(row+1) }

// ColName names a 0-based column: 0 is A, 26 is AA.
func ColName(col int) string {
	var b []byte
	for col++; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

// sheetBuilder collects the cells of one sheet while it is laid out.
type sheetBuilder struct {
	name       string
	hidden     bool
	cells      map[[2]int]Cell
	merges     []Range
	hiddenRows map[int]bool
	hiddenCols map[int]bool
	truth      bool // the sheet of the reporting month: its figures are marked
}

func newSheet(name string) *sheetBuilder {
	return &sheetBuilder{name: name, cells: map[[2]int]Cell{}, hiddenRows: map[int]bool{}, hiddenCols: map[int]bool{}}
}

func (b *sheetBuilder) put(c Cell) { b.cells[[2]int{c.Row, c.Col}] = c }

// text writes a text cell; an empty text writes nothing.
func (b *sheetBuilder) text(row, col int, s string) {
	if s != "" {
		b.put(Cell{Row: row, Col: col, Kind: KindText, Text: s})
	}
}

func (b *sheetBuilder) number(row, col int, v float64, format string) {
	b.put(Cell{Row: row, Col: col, Kind: KindNumber, Number: v, Format: format})
}

func (b *sheetBuilder) formula(row, col int, f string, v int64, cached bool) {
	b.put(Cell{Row: row, Col: col, Kind: KindFormula, Formula: f, Number: float64(v), Cached: cached})
}

// merge merges a rectangle of more than one cell.
func (b *sheetBuilder) merge(top, left, bottom, right int) {
	if bottom > top || right > left {
		b.merges = append(b.merges, Range{top, left, bottom, right})
	}
}

func (b *sheetBuilder) build() Sheet {
	s := Sheet{Name: b.name, Hidden: b.hidden, Merges: b.merges}
	for _, c := range b.cells {
		s.Cells = append(s.Cells, c)
	}
	sort.Slice(s.Cells, func(i, j int) bool {
		if s.Cells[i].Row != s.Cells[j].Row {
			return s.Cells[i].Row < s.Cells[j].Row
		}
		return s.Cells[i].Col < s.Cells[j].Col
	})
	sort.Slice(s.Merges, func(i, j int) bool {
		if s.Merges[i].Top != s.Merges[j].Top {
			return s.Merges[i].Top < s.Merges[j].Top
		}
		return s.Merges[i].Left < s.Merges[j].Left
	})
	s.HiddenRows = sortedKeys(b.hiddenRows)
	s.HiddenCols = sortedKeys(b.hiddenCols)
	return s
}

func sortedKeys(m map[int]bool) []int {
	var out []int
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	sort.Ints(out)
	return out
}

// Dump writes the sheets as text, one line per row, cells separated by " | ",
// for reading a case in a test log. Formulas show as =F[cached]; merges,
// hidden rows and hidden columns are listed under each sheet.
func (wb *Workbook) Dump() string {
	var b strings.Builder
	for i, s := range wb.Sheets {
		fmt.Fprintf(&b, "== sheet %d %q", i+1, s.Name)
		if s.Hidden {
			b.WriteString(" (hidden)")
		}
		if i == wb.Active {
			b.WriteString(" (active)")
		}
		b.WriteByte('\n')
		rows, cols := s.Size()
		k := 0
		for r := 0; r < rows; r++ {
			line := make([]string, cols)
			for ; k < len(s.Cells) && s.Cells[k].Row == r; k++ {
				line[s.Cells[k].Col] = s.Cells[k].show()
			}
			fmt.Fprintf(&b, "%3d: %s\n", r+1, strings.TrimRight(strings.Join(line, " | "), " |"))
		}
		for _, m := range s.Merges {
			fmt.Fprintf(&b, "merge %s\n", m.Ref())
		}
		if len(s.HiddenRows) > 0 {
			fmt.Fprintf(&b, "hidden rows (0-based) %v\n", s.HiddenRows)
		}
		if len(s.HiddenCols) > 0 {
			fmt.Fprintf(&b, "hidden columns (0-based) %v\n", s.HiddenCols)
		}
	}
	return b.String()
}

func (c Cell) show() string {
	var s string
	switch c.Kind {
	case KindText:
		s = strconv.Quote(c.Text)
		s = s[1 : len(s)-1]
	case KindNumber:
		s = strconv.FormatFloat(c.Number, 'f', -1, 64)
		if c.Format != "" {
			s += "{" + c.Format + "}"
		}
	case KindFormula:
		s = "=" + c.Formula
		if c.Cached {
			s += "[" + strconv.FormatFloat(c.Number, 'f', -1, 64) + "]"
		} else {
			s += "[]"
		}
	}
	if c.Indent > 0 {
		s = fmt.Sprintf("%s<indent %d>", s, c.Indent)
	}
	return s
}
