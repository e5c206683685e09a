package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/ingest/sheets"
	"jianbao/problem"
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
//
// A fault met while annotating (in the spreadsheet library or here) is
// returned as an error of problem ErrAnnotateFault, never a panic.
func (r *Reader) Annotate(src, dst string, s *Submission) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = problem.Wrap(ErrAnnotateFault, fmt.Errorf("%v", v))
		}
	}()
	data, err := r.sourceBytes(src) // src may be a file inside a zip archive
	if err != nil {
		return err
	}
	f, err := r.editableCopy(src, data)
	if err != nil {
		return err
	}
	defer f.Close()
	completeStyles(f)
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
	out, err := linkStyles(buf.Bytes())
	if err != nil {
		return err
	}
	return writeNew(dst, out)
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

// completeStyles gives the workbook the style parts that cell styles are
// built on when its styles part lacks them (no styles part at all, an
// empty <styleSheet/>, no fills …), from the defaults of a new workbook,
// and makes their counts agree with what they hold. Where cells already
// refer to styles, the parts they use are kept.
func completeStyles(f *excelize.File) {
	def := excelize.NewFile()
	defer def.Close()
	if f.Styles == nil {
		f.Styles = def.Styles
		return
	}
	s, d := f.Styles, def.Styles
	if s.Fonts == nil || len(s.Fonts.Font) == 0 {
		s.Fonts = d.Fonts
	}
	if s.Fills == nil || len(s.Fills.Fill) == 0 {
		s.Fills = d.Fills
	}
	if s.Borders == nil || len(s.Borders.Border) == 0 {
		s.Borders = d.Borders
	}
	if s.CellStyleXfs == nil || len(s.CellStyleXfs.Xf) == 0 {
		s.CellStyleXfs = d.CellStyleXfs
	}
	if s.CellXfs == nil || len(s.CellXfs.Xf) == 0 {
		s.CellXfs = d.CellXfs
	}
	if font := s.Fonts.Font[0]; font.Name == nil || font.Name.Val == nil {
		font.Name = d.Fonts.Font[0].Name // comments are written in the default font
	}
	s.Fonts.Count = len(s.Fonts.Font)
	s.Fills.Count = len(s.Fills.Fill)
	s.Borders.Count = len(s.Borders.Border)
	s.CellStyleXfs.Count = len(s.CellStyleXfs.Xf)
	s.CellXfs.Count = len(s.CellXfs.Xf)
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

// The styles part as the spreadsheet library writes it, and how the
// workbook names it.
const (
	stylesPart        = "/xl/styles.xml"
	stylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
	stylesRelType     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
)

// linkStyles makes the styles part of a written workbook known to Excel
// and WPS: a workbook that came without one is saved with xl/styles.xml
// but with neither its content type nor the workbook's relationship to it,
// and the fills would not show. Both are added when missing.
func linkStyles(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[zf.Name] = zf
	}
	read := func(name string) (string, error) {
		zf := parts[name]
		if zf == nil {
			return "", fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
		rc, err := zf.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		return string(b), err
	}
	if parts[stylesPart[1:]] == nil {
		return data, nil
	}
	types, err := read("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	rels, err := read(workbookRels(types))
	if err != nil {
		return nil, err
	}
	changed := map[string]string{}
	if !strings.Contains(types, `"`+stylesPart+`"`) {
		changed["[Content_Types].xml"] = insertBefore(types, "</Types>",
			`<Override PartName="`+stylesPart+`" ContentType="`+stylesContentType+`"></Override>`)
	}
	if !strings.Contains(rels, `"`+stylesRelType+`"`) {
		id := "rIdStyles"
		for i := 2; strings.Contains(rels, `"`+id+`"`); i++ {
			id = fmt.Sprintf("rIdStyles%d", i)
		}
		changed[workbookRels(types)] = insertBefore(rels, "</Relationships>",
			`<Relationship Id="`+id+`" Target="`+stylesPart+`" Type="`+stylesRelType+`"></Relationship>`)
	}
	if len(changed) == 0 {
		return data, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		body, ok := changed[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// workbookRels is the relationships part of the workbook named in the
// content types (xl/_rels/workbook.xml.rels as a rule).
func workbookRels(types string) string {
	part := "/xl/workbook.xml"
	for _, o := range override.FindAllString(types, -1) {
		if ct := contentType.FindStringSubmatch(o); ct != nil && strings.HasSuffix(ct[1], ".main+xml") {
			if pn := partName.FindStringSubmatch(o); pn != nil {
				part = pn[1]
			}
			break
		}
	}
	dir, name := path.Split(strings.TrimPrefix(part, "/"))
	return dir + "_rels/" + name + ".rels"
}

var (
	override    = regexp.MustCompile(`<Override\s[^>]*>`)
	contentType = regexp.MustCompile(`\sContentType="([^"]*)"`)
	partName    = regexp.MustCompile(`\sPartName="([^"]*)"`)
)

func insertBefore(s, end, add string) string {
	i := strings.LastIndex(s, end)
	if i < 0 {
		return s
	}
	return s[:i] + add + s[i:]
}
