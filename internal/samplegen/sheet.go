package main

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// fixedTime is the creation and modification time written into every
// workbook, so that the files are byte-identical from run to run.
const fixedTime = "2018-11-05T09:00:00Z"

// floatCell is a count stored as a floating-point number, written "12.0".
type floatCell float64

// formula is a formula cell, with or without a cached value.
type formula struct {
	F      string
	V      int64
	Cached bool
}

// Row styles.
const (
	stPlain = iota
	stTitle
	stHeader
	stCell
	stNote
)

// sheet is a worksheet to write: cell values by row, merged ranges, column
// widths and a style per row (applied to columns 1..width).
type sheet struct {
	name   string
	width  int
	rows   [][]any
	styles []int
	merges [][2]string
	widths []float64 // by column, 0 = default
}

func (s *sheet) add(style int, cells ...any) int {
	s.rows = append(s.rows, cells)
	s.styles = append(s.styles, style)
	return len(s.rows)
}

func (s *sheet) merge(a, b string) { s.merges = append(s.merges, [2]string{a, b}) }

func (s *sheet) cached() bool {
	for _, row := range s.rows {
		for _, c := range row {
			if f, ok := c.(formula); ok && f.Cached {
				return true
			}
		}
	}
	return false
}

func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// book writes sheets into a new workbook and returns its bytes.
func book(sheets []*sheet, active int, creator string, post ...func(*excelize.File) error) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Created:        fixedTime,
		Modified:       fixedTime,
		Creator:        creator,
		LastModifiedBy: creator,
		Language:       "zh-CN",
	}); err != nil {
		return nil, err
	}
	styles, err := makeStyles(f)
	if err != nil {
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
	}
	streams := 0
	for _, s := range sheets {
		if s.cached() {
			streams++
			if streams > 1 {
				// excelize writes several streams in map order: keep one.
				return nil, fmt.Errorf("more than one streamed sheet")
			}
			err = writeStream(f, s, styles)
		} else {
			err = writeCells(f, s, styles)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(active)
	for _, fn := range post {
		if err := fn(f); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func makeStyles(f *excelize.File) (map[int]int, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	defs := map[int]*excelize.Style{
		stTitle:  {Font: &excelize.Font{Bold: true, Size: 16, Family: "方正小标宋简体"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		stHeader: {Font: &excelize.Font{Bold: true, Size: 10, Family: "黑体"}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		stCell:   {Font: &excelize.Font{Size: 11, Family: "宋体"}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		stNote:   {Font: &excelize.Font{Size: 10, Family: "宋体"}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
	}
	out := map[int]int{stPlain: 0}
	for _, k := range []int{stTitle, stHeader, stCell, stNote} {
		id, err := f.NewStyle(defs[k])
		if err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, nil
}

func writeCells(f *excelize.File, s *sheet, styles map[int]int) error {
	for c, w := range s.widths {
		if w > 0 {
			if err := f.SetColWidth(s.name, colName(c+1), colName(c+1), w); err != nil {
				return err
			}
		}
	}
	for i, row := range s.rows {
		r := i + 1
		if st := styles[s.styles[i]]; st != 0 && s.width > 0 {
			if err := f.SetCellStyle(s.name, cell(1, r), cell(s.width, r), st); err != nil {
				return err
			}
		}
		for j, v := range row {
			ref := cell(j+1, r)
			var err error
			switch v := v.(type) {
			case nil:
			case string:
				if v != "" {
					err = f.SetCellStr(s.name, ref, v)
				}
			case int64:
				err = f.SetCellInt(s.name, ref, v)
			case int:
				err = f.SetCellInt(s.name, ref, int64(v))
			case float64:
				err = f.SetCellFloat(s.name, ref, v, -1, 64)
			case floatCell:
				err = f.SetCellFloat(s.name, ref, float64(v), 1, 64)
			case formula:
				err = f.SetCellFormula(s.name, ref, v.F)
			default:
				err = fmt.Errorf("cell %s: unexpected %T", ref, v)
			}
			if err != nil {
				return err
			}
		}
	}
	for _, m := range s.merges {
		if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
			return err
		}
	}
	return nil
}

func writeStream(f *excelize.File, s *sheet, styles map[int]int) error {
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	for c, w := range s.widths {
		if w > 0 {
			if err := sw.SetColWidth(c+1, c+1, w); err != nil {
				return err
			}
		}
	}
	for i, row := range s.rows {
		st := styles[s.styles[i]]
		n := len(row)
		if s.width > n && st != 0 {
			n = s.width
		}
		vals := make([]any, n)
		for j := 0; j < n; j++ {
			var v any
			if j < len(row) {
				v = row[j]
			}
			c := excelize.Cell{StyleID: st}
			switch v := v.(type) {
			case nil:
			case formula:
				c.Formula = v.F
				if v.Cached {
					c.Value = v.V
				}
			case floatCell:
				return fmt.Errorf("floatCell in a streamed sheet")
			default:
				c.Value = v
			}
			if c.StyleID == 0 && c.Value == nil && c.Formula == "" {
				continue
			}
			vals[j] = c
		}
		if err := sw.SetRow(cell(1, i+1), vals); err != nil {
			return err
		}
	}
	for _, m := range s.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return sw.Flush()
}
