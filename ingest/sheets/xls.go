package sheets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// XLSReader reads legacy .xls workbooks of Excel 97-2003 (BIFF8): the value
// each cell stores (numbers, text, the cached results of formulas), hidden
// sheets, merged ranges. Dates stay serial numbers, as in .xlsx.
//
// Excel 5.0/95 files (BIFF5) and password-protected files are not read:
// the clerk is told to re-save them as .xlsx, after removing the password.
type XLSReader struct {
	// Limits bound the rows and cells of each sheet; the records read are
	// bounded by the size of the file.
	Limits Limits
}

// BIFF record types and versions the reader looks at.
const (
	biffBOF      = 0x0809
	biffEOF      = 0x000A
	biffFilePass = 0x002F
	biff8        = 0x0600
)

// Read parses the workbook in data.
func (x XLSReader) Read(data []byte) (wb *Workbook, err error) {
	defer func() {
		// The OLE container library panics on some damaged files; a damaged
		// workbook stream must not stop the program either.
		if v := recover(); v != nil {
			wb, err = nil, because(fmt.Errorf("%w（.xls 文件结构损坏）", ErrDamaged), fmt.Errorf("%v", v))
		}
	}()
	stream, readErr := workbookStream(data)
	if stream == nil {
		return nil, readErr
	}
	version, encrypted, err := scanGlobals(bytes.NewReader(stream), int64(len(stream)))
	if err != nil {
		return nil, err
	}
	if err := xlsProblem(version, encrypted); err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	return x.readBIFF8(stream)
}

// xlsProblem says why a .xls of this BIFF version is not read, or returns
// nil for a workbook that can be read.
func xlsProblem(version uint16, encrypted bool) error {
	switch {
	case encrypted:
		return fmt.Errorf("%w：这是设置了密码的旧版.xls文件，本程序无法打开", ErrEncrypted)
	case version != biff8:
		return fmt.Errorf("%w：这是更旧的 Excel 5.0/95 格式文件，本程序不读取，须用Excel或WPS打开后另存为.xlsx", ErrUnsupported)
	}
	return nil
}

// workbookStream returns the workbook stream inside the OLE container:
// "Workbook" for Excel 97 and later, "Book" for Excel 5.0/95, in any case.
// It reads no more than the file's size. When the stream breaks off, it
// returns what was read with the error, so that the kind of file can still
// be told; without a stream it returns nil.
func workbookStream(data []byte) ([]byte, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, because(fmt.Errorf("%w（.xls 文件结构损坏）", ErrDamaged), err)
	}
	for {
		f, err := doc.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w（文件中没有工作簿数据）", ErrDamaged)
		}
		if err != nil {
			return nil, because(fmt.Errorf("%w（.xls 文件结构损坏）", ErrDamaged), err)
		}
		name := strings.ToLower(f.Name)
		if name != "workbook" && name != "book" {
			continue
		}
		stream, err := io.ReadAll(io.LimitReader(f, int64(len(data))))
		if err != nil {
			return stream, because(fmt.Errorf("%w（.xls 文件结构损坏）", ErrDamaged), err)
		}
		return stream, nil
	}
}

// scanGlobals reads the record headers of the workbook globals, up to their
// EOF record, and returns the BIFF version of the opening BOF record and
// whether a FILEPASS record says the workbook is encrypted. It reads at most
// limit bytes, and skips record bodies without keeping them.
func scanGlobals(stream io.Reader, limit int64) (version uint16, encrypted bool, err error) {
	r := io.LimitReader(stream, limit)
	var head [4]byte
	for first := true; ; first = false {
		_, err := io.ReadFull(r, head[:])
		typ, size := binary.LittleEndian.Uint16(head[0:]), int64(binary.LittleEndian.Uint16(head[2:]))
		if !first && err != nil {
			return version, encrypted, nil // globals end early: judge by what was seen
		}
		if first && (err != nil || typ != biffBOF) {
			return 0, false, fmt.Errorf("%w（工作簿数据的开头不对）", ErrDamaged)
		}
		body := io.LimitReader(r, size)
		if first {
			var v [2]byte
			if _, err := io.ReadFull(body, v[:]); err == nil {
				version = binary.LittleEndian.Uint16(v[:])
			}
		}
		if _, err := io.Copy(io.Discard, body); err != nil {
			return version, encrypted, nil
		}
		switch typ {
		case biffFilePass:
			encrypted = true
		case biffEOF:
			return version, encrypted, nil
		}
	}
}

// readBIFF8 reads the globals of a BIFF8 workbook stream, then each of its
// worksheets. Chart sheets, macro sheets and VBA modules are skipped.
func (x XLSReader) readBIFF8(stream []byte) (*Workbook, error) {
	g := readGlobals(stream)
	wb := &Workbook{}
	// Worksheets' records do not overlap: all of them together are no more
	// than the stream, however many sheets point at the same place.
	budget := len(stream)
	book := tally{limits: x.Limits}
	for i, bs := range g.sheets {
		if !bs.worksheet {
			continue
		}
		s, err := x.readSheet(stream, bs, i+1, g, &budget)
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

// sheetLimits returns the bounds of one sheet, with defaults for zero.
func (x XLSReader) sheetLimits() (rows, cells int) {
	rows, cells = x.Limits.Rows, x.Limits.Cells
	if rows <= 0 {
		rows = 5000
	}
	if cells <= 0 {
		cells = 200000
	}
	return rows, cells
}
