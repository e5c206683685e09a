package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a reader accepts, so that a damaged or hostile file is
// refused in bounded time and memory.
type Limits struct {
	FileBytes     int64 // size of the file
	UnzippedBytes int64 // total unpacked size of an .xlsx
	Rows          int   // rows per sheet
	Cells         int   // cells per sheet
	BookCells     int   // cells of all the sheets of a workbook together; 0 means 4×Cells
	// Time bounds the reading of one file; 0 means no bound. The readers
	// do not keep to it themselves: their caller closes Stop.
	Time time.Duration
	// Stop, once closed, makes a reader give up soon with ErrStopped; nil
	// means never.
	Stop <-chan struct{}
}

// XLSXReader reads .xlsx and .xlsm workbooks with excelize.
type XLSXReader struct {
	Limits   Limits
	Password string
}

// Read parses the workbook in data: with the fast reader when it handles
// the file, otherwise with excelize.
func (x XLSXReader) Read(data []byte) (*Workbook, error) {
	if err := checkEntries(data); err != nil {
		return nil, err
	}
	wb, err := x.readFast(data)
	if !errors.Is(err, errNotFast) {
		return wb, err
	}
	return x.readExcelize(data)
}

// readExcelize parses the workbook in data with excelize.
func (x XLSXReader) readExcelize(data []byte) (*Workbook, error) {
	if err := checkParts(data, x.Limits); err != nil {
		return nil, err
	}
	opts := excelize.Options{
		RawCellValue:      true,
		Password:          x.Password,
		UnzipSizeLimit:    x.Limits.UnzippedBytes,
		UnzipXMLSizeLimit: min(x.Limits.UnzippedBytes, excelizeXMLPart),
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, classifyOpenError(err)
	}
	defer f.Close()
	wb := &Workbook{}
	raw := sheetXML(f)
	recalc := asksRecalc(pkgPart(f, "xl/workbook.xml"))
	// Styles that cannot be read leave the indents unknown.
	xf, _ := xfIndents(pkgPart(f, stylesPart))
	strs := sharedStringCount(pkgPart(f, sharedStringsPart))
	book := tally{limits: x.Limits}
	for i, name := range f.GetSheetList() {
		if ref := badSharedIndex(raw[name], strs); ref != "" {
			return nil, fmt.Errorf("%w：工作表「%s」%s引用了不存在的文字（共享字符串编号超出范围），Excel 会提示文件已损坏", ErrDamaged, name, ref)
		}
		s, err := x.readSheet(f, name, i+1, raw[name], xf, recalc)
		if err != nil {
			return nil, err
		}
		if err := book.add(s); err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

// excelizeXMLPart is the largest XML part excelize is let read: it keeps
// larger ones on disk, and then parses a whole worksheet into memory at
// many times its size, and in time that grows faster than the sheet.
const excelizeXMLPart = 16 << 20

// checkParts unpacks every part of a zip package to its end, so that a
// damaged part (a broken compressed stream, a wrong checksum) is an error
// rather than a part read in half: excelize reads on past such damage and
// would leave the rest of a sheet blank. An XML part larger than
// excelizeXMLPart, or with a run longer than maxXMLRun, is too large. An encrypted workbook is not a zip
// package and passes untouched.
func checkParts(data []byte, limits Limits) error {
	limit := limits.UnzippedBytes
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil // not a zip package: excelize says what it is
	}
	left := limit
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%w：文件中的“%s”已损坏", ErrDamaged, f.Name)
		}
		sink := &runCheck{name: f.Name, limit: maxXMLRun, stop: limits.Stop, whole: !isXMLPart(f.Name)}
		n, err := io.Copy(sink, io.LimitReader(rc, left+1))
		rc.Close()
		if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrStopped) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%w：文件中的“%s”已损坏", ErrDamaged, f.Name)
		}
		if left -= n; left < 0 {
			return fmt.Errorf("%w：解压后超过%d字节", ErrTooLarge, limit)
		}
		if !sink.whole && n > excelizeXMLPart {
			return fmt.Errorf("%w：文件中的“%s”解压后超过%d字节", ErrTooLarge, f.Name, excelizeXMLPart)
		}
	}
	return nil
}

func classifyOpenError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat) && looksEncrypted(msg):
		return because(ErrEncrypted, err)
	case strings.Contains(msg, "password") || strings.Contains(msg, "decrypt") || strings.Contains(msg, "encrypt"):
		return because(ErrEncrypted, err)
	case strings.Contains(msg, "unzip size exceeds"):
		return because(ErrTooLarge, err)
	}
	return because(ErrDamaged, err)
}

func looksEncrypted(msg string) bool { return strings.Contains(msg, "encrypt") }

// readSheet streams one sheet's values. raw is the sheet's XML when it is at
// hand; then excelize's full parse of the sheet is skipped unless a formula
// lacks its cached value. xf are the indents of the cell formats.
func (x XLSXReader) readSheet(f *excelize.File, name string, index int, raw []byte, xf []int, recalc bool) (*Sheet, error) {
	visible, _ := f.GetSheetVisible(name)
	s := &Sheet{Name: name, Index: index, Hidden: !visible}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, because(ErrDamaged, err)
	}
	defer rows.Close()
	cells := 0
	for rows.Next() {
		if stopped(x.Limits.Stop) {
			return nil, ErrStopped
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, because(ErrDamaged, err)
		}
		if cols, err = trimWide(cols, name); err != nil {
			return nil, err
		}
		if len(s.Rows) >= x.Limits.Rows && blankRow(cols) {
			continue // an empty or merely formatted row far down: passed over
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
	if raw == nil || recalc || uncomputedFormula(raw) {
		if err := x.fillFormulas(f, s, recalc); err != nil {
			return nil, err
		}
	}
	var lay layout
	if raw != nil {
		lay = rawLayout(raw, xf)
	} else {
		lay = fileLayout(f, s, xf)
	}
	lay.setIndents(s)
	lay.setBools(s)
	lay.setDates(s)
	if !recalc {
		lay.checkFormulas(s)
	}
	merges, err := x.merges(f, name, raw)
	if err != nil {
		return nil, err
	}
	x.resolveMerges(s, merges)
	s.setHidden(lay.hiddenRows, lay.hiddenCols)
	s.trimBlankTail()
	return s, nil
}

// blankRow reports whether a row holds nothing.
func blankRow(cols []string) bool {
	for _, v := range cols {
		if v != "" {
			return false
		}
	}
	return true
}

// merges lists the sheet's merged ranges, from its raw XML when at hand.
func (x XLSXReader) merges(f *excelize.File, name string, raw []byte) ([]string, error) {
	if raw != nil {
		return rawMerges(raw), nil
	}
	mcs, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, because(ErrDamaged, err)
	}
	out := make([]string, len(mcs))
	for i, m := range mcs {
		out[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
	}
	return out, nil
}

// fillFormulas finds formula cells that carry no cached value (files written
// by programs that do not calculate) and computes them with excelize. A cell
// it cannot compute keeps an empty Text and its Formula, so that the caller
// can say so instead of reading a zero.
func (x XLSXReader) fillFormulas(f *excelize.File, s *Sheet, recalc bool) error {
	lookups := 0
	formulas := map[[2]int]string{}
	for i := range s.Rows {
		for j := range s.Rows[i] {
			if s.Rows[i][j].Text != "" && !recalc {
				continue
			}
			if lookups++; lookups > maxFormulaLookups {
				return fmt.Errorf("%w：工作表「%s」空单元格过多", ErrTooLarge, s.Name)
			}
			formula, err := f.GetCellFormula(s.Name, Ref(i, j))
			if err != nil || formula == "" {
				continue
			}
			c := &s.Rows[i][j]
			c.Formula, c.Text, c.Computed = formula, "", false
			formulas[[2]int{i, j}] = formula
		}
	}
	circular := inCycles(formulas)
	for at, formula := range formulas {
		if !formulaTrusted(formula) || circular[at] {
			continue // left without a value: a figure there is refused
		}
		c := &s.Rows[at[0]][at[1]]
		if v, err := f.CalcCellValue(s.Name, Ref(at[0], at[1]), excelize.Options{RawCellValue: true}); err == nil {
			c.Text, c.Computed = v, v != ""
		}
	}
	return nil
}

// MaxColumns bounds how wide a sheet may be: statistics tables are narrow,
// and a stray cell far to the right would make every row that wide.
const MaxColumns = 256

// maxFormulaLookups bounds the per-cell formula look-ups of one sheet, each
// of which costs a scan of its row in excelize.
const maxFormulaLookups = 20000

// trimWide drops empty cells beyond MaxColumns; a value out there is an error.
func trimWide(cols []string, sheet string) ([]string, error) {
	if len(cols) <= MaxColumns {
		return cols, nil
	}
	for _, v := range cols[MaxColumns:] {
		if v != "" {
			return nil, fmt.Errorf("%w：工作表「%s」超过%d列", ErrTooLarge, sheet, MaxColumns)
		}
	}
	return cols[:MaxColumns], nil
}

// resolveMerges copies the value of each merged range's top-left cell into
// the cells it covers, which excelize reads as empty.
func (x XLSXReader) resolveMerges(s *Sheet, merges []string) {
	for _, m := range merges {
		from, to, _ := strings.Cut(m, ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || (r2-r1+1)*(c2-c1+1) > x.Limits.Cells {
			continue
		}
		origin := s.At(r1-1, c1-1)
		for r := r1 - 1; r < r2 && r < len(s.Rows); r++ {
			for len(s.Rows[r]) < c2 && len(s.Rows[r]) < MaxColumns {
				s.Rows[r] = append(s.Rows[r], Cell{})
			}
			for c := c1 - 1; c < c2 && c < len(s.Rows[r]); c++ {
				if r == r1-1 && c == c1-1 {
					continue
				}
				s.Rows[r][c] = Cell{Text: origin.Text, Covered: true}
			}
		}
	}
}
