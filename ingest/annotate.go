package ingest

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/ingest/sheets"
)

// Fill colours of annotated cells.
const (
	errorFill   = "FF9C9C"
	warningFill = "FFE699"
	author      = "jianbao"
)

// Annotate writes to dst a copy of the workbook at src with every flagged
// cell of s filled red (error) or yellow (warning) and a comment saying what
// is wrong and how to fix it. Findings about the whole sheet or file go on
// cell A1. A workbook that is not .xlsx (.xls, .csv) is copied as .xlsx.
// src is only read, and dst must not exist: an existing file is never
// replaced (the error is then fs.ErrExist).
func (r *Reader) Annotate(src, dst string, s *Submission) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := r.editableCopy(src, data)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := s.Sheet
	if sheet == "" || !hasSheet(f, sheet) {
		sheet = f.GetSheetName(0)
	}
	notes := map[string][]Finding{}
	var order []string
	for _, fd := range s.Findings {
		cell := firstCell(fd.Cell)
		if _, ok := notes[cell]; !ok {
			order = append(order, cell)
		}
		notes[cell] = append(notes[cell], fd)
	}
	for _, cell := range order {
		if err := markCell(f, sheet, cell, notes[cell]); err != nil {
			return fmt.Errorf("标注 %s：%w", cell, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return writeNew(dst, buf.Bytes())
}

// writeNew writes data to a file that must not exist yet; a file left
// half-written is removed.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
	}
	return err
}

// editableCopy opens an .xlsx for editing, or builds one from what another
// format's reader found.
func (r *Reader) editableCopy(name string, data []byte) (*excelize.File, error) {
	f, err := sheets.Editable(name, data, r.sheetOptions())
	if err != nil {
		return nil, sheetProblem(err)
	}
	return f, nil
}

func hasSheet(f *excelize.File, name string) bool {
	idx, err := f.GetSheetIndex(name)
	return err == nil && idx >= 0
}

// firstCell is the cell a finding is shown on: its cell, the first of its
// range, or A1.
func firstCell(ref string) string {
	if ref == "" {
		return "A1"
	}
	first, _, _ := strings.Cut(ref, ":")
	return first
}

// markCell fills the cell and adds one comment listing its findings.
func markCell(f *excelize.File, sheet, cell string, fs []Finding) error {
	fill := warningFill
	var lines []string
	for _, fd := range fs {
		if fd.Severity == Error {
			fill = errorFill
		}
		line := fmt.Sprintf("【%s】%s", fd.Severity.Chinese(), fd.Message())
		if fix := fd.Fix(); fix != "" {
			line += "。" + fix
		}
		lines = append(lines, line+"（"+fd.Code()+"）")
	}
	if err := fillCell(f, sheet, cell, fill); err != nil {
		return err
	}
	_ = f.DeleteComment(sheet, cell)
	return f.AddComment(sheet, excelize.Comment{Author: author, Cell: cell, Width: 320, Height: 120,
		Paragraph: []excelize.RichTextRun{{Text: strings.Join(lines, "\n")}}})
}

// fillCell keeps the cell's own style (borders, number format) and changes
// only its fill.
func fillCell(f *excelize.File, sheet, cell, color string) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		st = &excelize.Style{}
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	nid, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, nid)
}
