package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/templates"
)

// xlsFixture reads a file of testdata/xls (see its README.md).
func xlsFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "xls", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

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
		want   *Problem
		text   string // the message must contain it
	}{
		{"xlwt", "统计表-xlwt.xls", nil, ErrUnsupported, "另存为"},
		{"libreoffice", "统计表-libreoffice.xls", nil, ErrUnsupported, "Excel 97-2003"},
		{"sample", "经开区-2018-10-libreoffice.xls", nil, ErrUnsupported, "WPS"},
		{"encrypted", "统计表-encrypted.xls", nil, ErrEncrypted, "取消密码"},
		{"truncated", "统计表-libreoffice.xls", truncate, ErrUnreadable, "损坏"},
		{"no workbook", "统计表-xlwt.xls", noWorkbook, ErrUnreadable, "没有工作簿"},
		{"bad header", "统计表-xlwt.xls", badHeader, ErrUnreadable, "损坏"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := xlsFixture(t, c.file)
			if c.change != nil {
				data = c.change(data)
			}
			wb, err := XLSReader{}.Read(data)
			if wb != nil || !errors.Is(err, c.want) {
				t.Fatalf("got %v, %v; want %s", wb, err, c.want.Code)
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
		err       *Problem
	}{
		{"BIFF8", join(bof(0x0600), biffRecord(0x0042, 0xB0, 0x04), biffRecord(biffEOF)), 0x0600, false, nil},
		{"BIFF8 encrypted", join(bof(0x0600), biffRecord(biffFilePass, 1, 0, 1, 0), biffRecord(biffEOF)), 0x0600, true, nil},
		{"BIFF5", join(bof(0x0500), biffRecord(biffEOF)), 0x0500, false, nil},
		{"truncated record", join(bof(0x0600), []byte{0x42, 0x00, 0x10, 0x00, 1}), 0x0600, false, nil},
		{"no BOF", join(biffRecord(0x0042, 0xB0, 0x04), bof(0x0600)), 0, false, ErrUnreadable},
		{"empty", nil, 0, false, ErrUnreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, enc, err := scanGlobals(bytes.NewReader(c.stream), int64(len(c.stream)))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %s", err, c.err.Code)
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
		want      *Problem
		text      string
	}{
		{0x0600, false, ErrUnsupported, "Excel 97-2003"},
		{0x0500, false, ErrUnsupported, "Excel 5.0/95"},
		{0x0500, true, ErrEncrypted, "--password"},
		{0x0600, true, ErrEncrypted, "另存为.xlsx"},
	}
	for _, c := range cases {
		err := xlsProblem(c.version, c.encrypted)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%#x encrypted=%v: %v", c.version, c.encrypted, err)
		}
	}
}

// TestReadXLS reads .xls files as a submission: each is one clear error with
// advice, whatever the file is named.
func TestReadXLS(t *testing.T) {
	cases := []struct{ file, name, code string }{
		{"经开区-2018-10-libreoffice.xls", "经开区.xls", ErrUnsupported.Code},
		{"经开区-2018-10-libreoffice.xls", "经开区.xlsx", ErrUnsupported.Code},
		{"统计表-encrypted.xls", "统计表.xls", ErrEncrypted.Code},
	}
	rd := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rd.Read(c.name, xlsFixture(t, c.file))
			errs := s.Errors()
			if s.OK() || len(errs) != 1 || errs[0].Code() != c.code {
				t.Fatalf("findings %v, want one %s", s.Findings, c.code)
			}
			if errs[0].Fix() == "" {
				t.Error("no advice")
			}
		})
	}
}
