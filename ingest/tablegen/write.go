package tablegen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the case's workbook as an .xlsx file through excelize:
// text as inline strings, numbers as numbers, formulas with their cached
// value when the case has one, merges, hidden rows, columns and sheets, and
// indents and number formats as cell styles.
func WriteXLSX(c Case) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	book := c.Book
	if len(book.Sheets) == 0 {
		return nil, fmt.Errorf("case %d: no sheets", c.Seed)
	}
	for i, s := range book.Sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
	}
	st := &styles{f: f, ids: map[styleKey]int{}}
	for _, s := range book.Sheets {
		if err := writeSheet(f, st, &s); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(book.Active)
	for _, s := range book.Sheets {
		if s.Hidden {
			if err := f.SetSheetVisible(s.Name, false); err != nil {
				return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type styleKey struct {
	format string
	indent int
	wrap   bool
}

// styles makes one cell style per combination of number format, indent
// and wrapping.
type styles struct {
	f   *excelize.File
	ids map[styleKey]int
}

func (s *styles) id(k styleKey) (int, error) {
	if k == (styleKey{}) {
		return 0, nil
	}
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	st := &excelize.Style{}
	if k.indent > 0 || k.wrap {
		st.Alignment = &excelize.Alignment{Indent: k.indent, WrapText: k.wrap}
		if k.indent > 0 {
			st.Alignment.Horizontal = "left"
		}
	}
	if k.format != "" {
		fm := k.format
		st.CustomNumFmt = &fm
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.ids[k] = id
	return id, nil
}

func writeSheet(f *excelize.File, st *styles, s *Sheet) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	for _, c := range s.HiddenCols {
		if err := sw.SetColVisible(c+1, c+1, false); err != nil {
			return err
		}
	}
	hidden := map[int]bool{}
	for _, r := range s.HiddenRows {
		hidden[r] = true
	}
	rows, _ := s.Size()
	for _, r := range s.HiddenRows {
		rows = max(rows, r+1)
	}
	i := 0
	for r := 0; r < rows; r++ {
		var vals []any
		for ; i < len(s.Cells) && s.Cells[i].Row == r; i++ {
			c := s.Cells[i]
			for len(vals) < c.Col {
				vals = append(vals, nil)
			}
			cell, err := xlsxCell(st, c)
			if err != nil {
				return err
			}
			vals = append(vals, cell)
		}
		if len(vals) == 0 && !hidden[r] {
			continue
		}
		if err := sw.SetRow(Ref(r, 0), vals, excelize.RowOpts{Hidden: hidden[r]}); err != nil {
			return err
		}
	}
	for _, m := range s.Merges {
		if err := sw.MergeCell(Ref(m.Top, m.Left), Ref(m.Bottom, m.Right)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func xlsxCell(st *styles, c Cell) (excelize.Cell, error) {
	id, err := st.id(styleKey{format: c.Format, indent: c.Indent, wrap: strings.Contains(c.Text, "\n")})
	if err != nil {
		return excelize.Cell{}, err
	}
	out := excelize.Cell{StyleID: id}
	switch c.Kind {
	case KindText:
		out.Value = c.Text
	case KindNumber:
		if c.Number == float64(int64(c.Number)) {
			out.Value = int64(c.Number)
		} else {
			out.Value = c.Number
		}
	case KindFormula:
		out.Formula = c.Formula
		if c.Cached {
			out.Value = int64(c.Number)
		}
	}
	return out, nil
}

// WriteJSON writes the case (truth, transformations and workbook) as JSON,
// for writers in other languages.
func WriteJSON(c Case) ([]byte, error) { return json.MarshalIndent(c, "", " ") }
