package sheets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsFixture reads a file of testdata/xls (see its README.md).
func xlsFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "xls", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// cellText is a sheet's cell as a test writes it: the text, with "*" after
// it for a covered cell and "=formula" for a formula without a value.
func cellText(s *Sheet, row, col int) string {
	c := s.At(row, col)
	t := c.Text
	if c.Covered {
		t += "*"
	}
	if c.Formula != "" {
		t += "=" + c.Formula
	}
	return t
}

// TestXLSReaderCells reads the fixtures cell by cell (see testdata/xls).
func TestXLSReaderCells(t *testing.T) {
	head := map[string]string{
		"A1": "南宁市经开区2018年10月统计表", "B1": "南宁市经开区2018年10月统计表*", "D1": "南宁市经开区2018年10月统计表*",
		"A2": "工作类别", "A3": "工作类别*", "B2": "本月", "C2": "本月*", "D2": "备注", "B3": "发现问题数", "C3": "整改数", "D3": "",
		"A4": "扶贫领域", "B4": "12", "C4": "12.5", "D4": "1,234",
		"A5": "其他", "B5": "70000", "C5": "-3", "D5": "0.1", "A6": "合计",
	}
	with := func(more map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range head {
			m[k] = v
		}
		for k, v := range more {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		file  string
		cells map[string]string
	}{
		// LibreOffice saved the results of the formulas.
		{"统计表-libreoffice.xls", with(map[string]string{"B6": "70012", "C6": "9.5", "D6": "#DIV/0!"})},
		// xlwt saves none: the formulas are kept, to be reported.
		{"统计表-xlwt.xls", with(map[string]string{"B6": "=SUM(B4:B5)", "C6": "=SUM(C4:C5)", "D6": "=1/0"})},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			wb, err := XLSReader{}.Read(xlsFixture(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(wb.Sheets) != 2 {
				t.Fatalf("%d sheets", len(wb.Sheets))
			}
			s, old := wb.Sheets[0], wb.Sheets[1]
			if s.Name != "统计表" || s.Hidden || s.Index != 1 || old.Name != "旧表" || !old.Hidden || old.Index != 2 || cellText(old, 0, 0) != "隐藏的表" {
				t.Fatalf("sheets %q hidden %v, %q hidden %v", s.Name, s.Hidden, old.Name, old.Hidden)
			}
			for ref, want := range c.cells {
				col, row, _ := excelize.CellNameToCoordinates(ref)
				if got := cellText(s, row-1, col-1); got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}
			if len(s.Rows) != 6 || s.Width() != 4 {
				t.Errorf("%d rows, %d columns", len(s.Rows), s.Width())
			}
		})
	}
}

// TestXLSReader covers the .xls files that are not read.
func TestXLSReader(t *testing.T) {
	truncate := func(b []byte) []byte { return b[:600] }
	// An OLE file without a workbook stream, as a Word document is.
	noWorkbook := func(b []byte) []byte {
		return bytes.Replace(b, utf16le("Workbook"), utf16le("Document"), 1)
	}
	// A header whose count of DIFAT sectors overflows in the OLE library.
	badHeader := func(b []byte) []byte {
		b = append([]byte{}, b...)
		binary.LittleEndian.PutUint32(b[0x48:], 0x2040810)
		return b
	}
	cases := []struct {
		name   string
		file   string
		change func([]byte) []byte // applied to the file's bytes, if not nil
		want   error
		text   string // the message must contain it
	}{
		{"encrypted", "统计表-encrypted.xls", nil, ErrEncrypted, "本程序无法打开"},
		{"truncated", "统计表-libreoffice.xls", truncate, ErrDamaged, "损坏"},
		{"no workbook", "统计表-xlwt.xls", noWorkbook, ErrDamaged, "没有工作簿"},
		{"bad header", "统计表-xlwt.xls", badHeader, ErrDamaged, "损坏"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := xlsFixture(t, c.file)
			if c.change != nil {
				data = c.change(data)
			}
			wb, err := XLSReader{}.Read(data)
			if wb != nil || !errors.Is(err, c.want) {
				t.Fatalf("got %v, %v; want %s", wb, err, c.want)
			}
			if !strings.Contains(err.Error(), c.text) {
				t.Errorf("message %q lacks %q", err, c.text)
			}
		})
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = binary.LittleEndian.AppendUint16(b, uint16(r))
	}
	return b
}

// biffRecord encodes one BIFF record.
func biffRecord(typ uint16, body ...byte) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(body)))
	return append(b, body...)
}

func TestScanGlobals(t *testing.T) {
	bof := func(version uint16) []byte {
		return biffRecord(biffBOF, byte(version), byte(version>>8), 0x05, 0x00)
	}
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	cases := []struct {
		name      string
		stream    []byte
		version   uint16
		encrypted bool
		err       error
	}{
		{"BIFF8", join(bof(0x0600), biffRecord(0x0042, 0xB0, 0x04), biffRecord(biffEOF)), 0x0600, false, nil},
		{"BIFF8 encrypted", join(bof(0x0600), biffRecord(biffFilePass, 1, 0, 1, 0), biffRecord(biffEOF)), 0x0600, true, nil},
		{"BIFF5", join(bof(0x0500), biffRecord(biffEOF)), 0x0500, false, nil},
		{"truncated record", join(bof(0x0600), []byte{0x42, 0x00, 0x10, 0x00, 1}), 0x0600, false, nil},
		{"no BOF", join(biffRecord(0x0042, 0xB0, 0x04), bof(0x0600)), 0, false, ErrDamaged},
		{"empty", nil, 0, false, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, enc, err := scanGlobals(bytes.NewReader(c.stream), int64(len(c.stream)))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %s", err, c.err)
				}
				return
			}
			if err != nil || v != c.version || enc != c.encrypted {
				t.Fatalf("got version %#x encrypted %v error %v", v, enc, err)
			}
		})
	}
}

func TestXLSProblem(t *testing.T) {
	cases := []struct {
		version   uint16
		encrypted bool
		want      error // nil: the workbook is read
		text      string
	}{
		{0x0600, false, nil, ""},
		{0x0500, false, ErrUnsupported, "Excel 5.0/95"},
		{0x0500, true, ErrEncrypted, "旧版.xls"},
		{0x0600, true, ErrEncrypted, "本程序无法打开"},
	}
	for _, c := range cases {
		err := xlsProblem(c.version, c.encrypted)
		if c.want == nil {
			if err != nil {
				t.Errorf("%#x: %v", c.version, err)
			}
			continue
		}
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%#x encrypted=%v: %v", c.version, c.encrypted, err)
		}
	}
}
