package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// XLSReader reads legacy .xls (BIFF8) workbooks.
//
// No pure-Go .xls reader available to this module reads BIFF8 correctly:
// the ones tried lose formula results (the 合计 row), misread negative
// numbers or turn numbers into dates, and crash or exhaust memory on
// password-protected files. Rather than read wrong figures, XLSReader only
// tells what kind of .xls the file is, so that the clerk gets the right
// advice: re-save it as .xlsx, and remove the password first if it has one.
type XLSReader struct {
	// Limits are not needed yet: Read reads only record headers, no more
	// than the file holds, and keeps none of them.
	Limits Limits
}

// BIFF record types and versions the reader looks at.
const (
	biffBOF      = 0x0809
	biffEOF      = 0x000A
	biffFilePass = 0x002F
	biff8        = 0x0600
)

// Read classifies the workbook in data and returns the matching problem.
func (x XLSReader) Read(data []byte) (wb *Workbook, err error) {
	defer func() {
		// The OLE container library panics on some damaged files.
		if v := recover(); v != nil {
			wb, err = nil, fmt.Errorf("%w（.xls 文件结构损坏：%v）", ErrUnreadable, v)
		}
	}()
	stream, err := workbookStream(data)
	if err != nil {
		return nil, err
	}
	version, encrypted, err := scanGlobals(stream, int64(len(data)))
	if err != nil {
		return nil, err
	}
	return nil, xlsProblem(version, encrypted)
}

// xlsProblem says why a .xls of this BIFF version is not read.
func xlsProblem(version uint16, encrypted bool) error {
	switch {
	case encrypted:
		return fmt.Errorf("%w：这是设置了密码的旧版 .xls 文件，--password 对它无效，须用Excel或WPS打开、取消密码后另存为.xlsx", ErrEncrypted)
	case version != biff8:
		return fmt.Errorf("%w：这是更旧的 Excel 5.0/95 格式文件，本程序不读取，须用Excel或WPS打开后另存为.xlsx", ErrUnsupported)
	}
	return fmt.Errorf("%w：这是旧版 Excel 97-2003（.xls）文件，本程序不读取，须用Excel或WPS打开后另存为.xlsx", ErrUnsupported)
}

// workbookStream finds the workbook stream inside the OLE container:
// "Workbook" for Excel 97 and later, "Book" for Excel 5.0/95, in any case.
func workbookStream(data []byte) (io.Reader, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w（.xls 文件结构损坏：%v）", ErrUnreadable, err)
	}
	for {
		f, err := doc.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w（文件中没有工作簿数据）", ErrUnreadable)
		}
		if err != nil {
			return nil, fmt.Errorf("%w（.xls 文件结构损坏：%v）", ErrUnreadable, err)
		}
		name := strings.ToLower(f.Name)
		if name == "workbook" || name == "book" {
			return f, nil
		}
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
			return 0, false, fmt.Errorf("%w（工作簿数据不是以 BOF 记录开头）", ErrUnreadable)
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
