package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a reader accepts, so that a damaged or hostile file is
// refused in bounded time and memory.
type Limits struct {
	FileBytes     int64 // size of the file
	UnzippedBytes int64 // total unpacked size of an .xlsx
	Rows          int   // rows per sheet
	Cells         int   // cells per sheet
}

// XLSXReader reads .xlsx and .xlsm workbooks with excelize.
type XLSXReader struct {
	Limits   Limits
	Password string
}

// Read parses the workbook in data.
func (x XLSXReader) Read(data []byte) (*Workbook, error) {
	opts := excelize.Options{
		RawCellValue:      true,
		Password:          x.Password,
		UnzipSizeLimit:    x.Limits.UnzippedBytes,
		UnzipXMLSizeLimit: min(x.Limits.UnzippedBytes, 16<<20),
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, classifyOpenError(err)
	}
	defer f.Close()
	wb := &Workbook{}
	for i, name := range f.GetSheetList() {
		s, err := x.readSheet(f, name, i+1)
		if err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

func classifyOpenError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat) && looksEncrypted(msg):
		return fmt.Errorf("%w（%v）", ErrEncrypted, err)
	case strings.Contains(msg, "password") || strings.Contains(msg, "decrypt") || strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%w（%v）", ErrEncrypted, err)
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) || strings.Contains(msg, "size limit"):
		return fmt.Errorf("%w（%v）", ErrTooLarge, err)
	}
	return fmt.Errorf("%w（%v）", ErrUnreadable, err)
}

func looksEncrypted(msg string) bool { return strings.Contains(msg, "encrypt") }

func (x XLSXReader) readSheet(f *excelize.File, name string, index int) (*Sheet, error) {
	visible, _ := f.GetSheetVisible(name)
	s := &Sheet{Name: name, Index: index, Hidden: !visible}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer rows.Close()
	cells := 0
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		cells += len(cols)
		if len(s.Rows) >= x.Limits.Rows || cells > x.Limits.Cells {
			return nil, fmt.Errorf("%w：工作表「%s」超过%d行或%d个单元格", ErrTooLarge, name, x.Limits.Rows, x.Limits.Cells)
		}
		row := make([]Cell, len(cols))
		for j, v := range cols {
			row[j] = Cell{Text: v}
		}
		s.Rows = append(s.Rows, row)
	}
	if err := x.fillFormulas(f, s); err != nil {
		return nil, err
	}
	if err := x.resolveMerges(f, s); err != nil {
		return nil, err
	}
	return s, nil
}

// fillFormulas finds formula cells that carry no cached value (files written
// by programs that do not calculate) and computes them with excelize. A cell
// it cannot compute keeps an empty Text and its Formula, so that the caller
// can say so instead of reading a zero.
func (x XLSXReader) fillFormulas(f *excelize.File, s *Sheet) error {
	width := s.Width()
	for i := range s.Rows {
		for len(s.Rows[i]) < width {
			s.Rows[i] = append(s.Rows[i], Cell{})
		}
		for j := range s.Rows[i] {
			if s.Rows[i][j].Text != "" {
				continue
			}
			ref := Ref(i, j)
			formula, err := f.GetCellFormula(s.Name, ref)
			if err != nil || formula == "" {
				continue
			}
			c := &s.Rows[i][j]
			c.Formula = formula
			if v, err := f.CalcCellValue(s.Name, ref, excelize.Options{RawCellValue: true}); err == nil {
				c.Text, c.Computed = v, v != ""
			}
		}
	}
	return nil
}

// resolveMerges copies the value of each merged range's top-left cell into
// the cells it covers, which excelize reads as empty.
func (x XLSXReader) resolveMerges(f *excelize.File, s *Sheet) error {
	merges, err := f.GetMergeCells(s.Name)
	if err != nil {
		return fmt.Errorf("%w（%v）", ErrUnreadable, err)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || (r2-r1+1)*(c2-c1+1) > x.Limits.Cells {
			continue
		}
		origin := s.At(r1-1, c1-1)
		for r := r1 - 1; r < r2 && r < len(s.Rows); r++ {
			for c := c1 - 1; c < c2 && c < len(s.Rows[r]); c++ {
				if r == r1-1 && c == c1-1 {
					continue
				}
				s.Rows[r][c] = Cell{Text: origin.Text, Covered: true}
			}
		}
	}
	return nil
}
