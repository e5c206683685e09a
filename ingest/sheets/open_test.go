package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/internal/testkit"
)

// smallSheet is a little statistics table with merged title and headers.
func smallSheet() testSheet {
	return testSheet{
		name: "统计表",
		rows: [][]any{
			{"青秀区2018年10月统计表"},
			{"工作类别", "本月", nil, "备注"},
			{nil, "发现问题", "整改", nil},
			{"脱贫攻坚", 3, 2, "1,234"},
			{"合计", "=SUM(B4:B4)", 2},
		},
		merges: [][2]string{{"A1", "D1"}, {"A2", "A3"}, {"B2", "C2"}},
	}
}

// zipWith is a zip package holding one part, stored uncompressed as an
// OpenDocument file stores its mimetype.
func zipWith(t *testing.T, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, body)
	zw.Close()
	return buf.Bytes()
}

func TestOpen(t *testing.T) {
	good := buildXLSX(t, smallSheet())
	xls, err := os.ReadFile(filepath.Join("..", "..", "testdata", "xls", "统计表-libreoffice.xls"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		file   string
		data   []byte
		sheets int    // sheets read, when it is read
		a1     string // the first sheet's A1
	}{
		{"xlsx", "a.xlsx", good, 1, "青秀区2018年10月统计表"},
		{"xlsx named csv", "a.csv", good, 1, "青秀区2018年10月统计表"},
		{"xls", "a.xls", xls, 2, "南宁市经开区2018年10月统计表"},
		{"xls named xlsx", "a.xlsx", xls, 2, "南宁市经开区2018年10月统计表"},
		{"csv", "a.csv", []byte("标题,x\n1,2\n"), 1, "标题"},
		{"tsv", "a.TSV", []byte("标题\tx\n1\t2\n"), 1, "标题"},
		{"txt", "a.txt", []byte("标题\n"), 1, "标题"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := Open(c.file, c.data, Options{Limits: testLimits})
			if err != nil {
				t.Fatal(err)
			}
			if len(wb.Sheets) != c.sheets || wb.Sheets[0].At(0, 0).Text != c.a1 {
				t.Fatalf("%d sheets, A1 %q", len(wb.Sheets), wb.Sheets[0].At(0, 0).Text)
			}
		})
	}
}

func TestOpenRefused(t *testing.T) {
	good := buildXLSX(t, smallSheet())
	encryptedXLSX := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	encryptedXLSX = append(encryptedXLSX, encryptedOOXML...)
	cases := []struct {
		name   string
		file   string
		data   []byte
		limits func(*Limits)
		want   error
		text   string // the message must contain it
	}{
		{"text named xlsx", "a.xlsx", []byte("这不是表格"), nil, ErrDamaged, ""},
		{"empty", "a.xlsx", nil, nil, ErrDamaged, ""},
		{"truncated zip", "a.xlsx", good[:len(good)/2], nil, ErrDamaged, ""},
		{"zip without a workbook", "a.xlsx", zipWith(t, "a.txt", "x"), nil, ErrDamaged, ""},
		{"ods", "a.ods", zipWith(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"), nil, ErrUnsupported, ".ods"},
		{"xlsb", "a.xlsb", zipWith(t, "xl/workbook.bin", ""), nil, ErrUnsupported, ".xlsb"},
		{"numbers", "a.numbers", zipWith(t, "Index/Document.iwa", ""), nil, ErrUnsupported, ".numbers"},
		{"encrypted xlsx", "a.xlsx", encryptedXLSX, nil, ErrEncrypted, ""},
		{"broken ole", "a.xls", append(append([]byte{}, oleMagic...), 1, 2, 3), nil, ErrDamaged, "损坏"},
		{"zip bomb", "a.xlsx", testkit.Inflate(t, good, 8<<20), func(l *Limits) { l.UnzippedBytes = 4 << 20 }, ErrTooLarge, ""},
		{"too many rows", "a.xlsx", good, func(l *Limits) { l.Rows = 3 }, ErrTooLarge, "统计表"},
		{"too many cells", "a.xlsx", good, func(l *Limits) { l.Cells = 5 }, ErrTooLarge, "统计表"},
		{"file too big", "a.xlsx", good, func(l *Limits) { l.FileBytes = 1000 }, ErrTooLarge, "文件大小"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := testLimits
			if c.limits != nil {
				c.limits(&l)
			}
			wb, err := Open(c.file, c.data, Options{Limits: l})
			if wb != nil || !errors.Is(err, c.want) {
				t.Fatalf("got %v, %v; want %v", wb, err, c.want)
			}
			if !strings.HasPrefix(err.Error(), c.want.Error()) || !strings.Contains(err.Error(), c.text) {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestEditable(t *testing.T) {
	cases := []struct {
		name string
		file string
		data []byte
		want string // the first sheet's name
	}{
		{"xlsx", "a.xlsx", buildXLSX(t, smallSheet()), "统计表"},
		{"csv", "a.csv", []byte("标题,x\n1,2\n"), "Sheet1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Editable(c.file, c.data, Options{Limits: testLimits})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			name := f.GetSheetName(0)
			if v, _ := f.GetCellValue(name, "A1"); name != c.want || v == "" {
				t.Fatalf("sheet %q, A1 %q", name, v)
			}
		})
	}
	if _, err := Editable("a.xlsx", []byte("PK\x03\x04 damaged"), Options{Limits: testLimits}); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged: %v", err)
	}
}

// checkOpened checks what Open returned: one of the package's errors, with
// its text first, or a grid within the limits.
func checkOpened(t *testing.T, wb *Workbook, err error, l Limits) {
	t.Helper()
	if err != nil {
		if wb != nil {
			t.Fatal("a workbook with an error")
		}
		for _, e := range []error{ErrDamaged, ErrEncrypted, ErrTooLarge, ErrUnsupported} {
			if errors.Is(err, e) {
				if !strings.HasPrefix(err.Error(), e.Error()) {
					t.Fatalf("message %q does not start with %q", err, e)
				}
				return
			}
		}
		t.Fatalf("error of no known kind: %v", err)
	}
	for _, s := range wb.Sheets {
		if len(s.Rows) > l.Rows {
			t.Fatalf("sheet %q: %d rows", s.Name, len(s.Rows))
		}
		w := s.Width()
		if w > MaxColumns {
			t.Fatalf("sheet %q: %d columns", s.Name, w)
		}
		for r := range s.HiddenRows {
			if r < 0 || r >= len(s.Rows) {
				t.Fatalf("sheet %q: hidden row %d outside the grid", s.Name, r)
			}
		}
		for c := range s.HiddenCols {
			if c < 0 || c >= w {
				t.Fatalf("sheet %q: hidden column %d outside the grid", s.Name, c)
			}
		}
	}
}

// FuzzRead feeds arbitrary bytes to Open as an .xlsx, seeded with small
// valid workbooks: it must not panic, and must end in a grid within the
// limits or in one of the package's errors.
func FuzzRead(f *testing.F) {
	f.Add(buildXLSX(f, smallSheet()))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := Open("x.xlsx", data, Options{Limits: testLimits})
		checkOpened(t, wb, err, testLimits)
	})
}

// FuzzReadCSV feeds arbitrary text to Open as a .csv.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(csvText(",", []string{"指标", "数值"}, []string{"发现问题", "3"})))
	f.Add([]byte("\ufeff标题\t\"a\"\"b\"\r\n1\t2\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := Open("x.csv", data, Options{Limits: testLimits})
		checkOpened(t, wb, err, testLimits)
	})
}

// An empty or merely formatted row far past the row limit does not make a
// sheet too large; a value there does.
func TestFarDownRow(t *testing.T) {
	for _, c := range []struct {
		name  string
		value bool
		large bool
		bare  bool // an empty row of its own height, with no cell
	}{{"formatted only", false, false, false}, {"with a value", true, true, false}, {"an empty row", false, false, true}} {
		t.Run(c.name, func(t *testing.T) {
			f := excelize.NewFile()
			if err := f.SetCellValue("Sheet1", "A1", "派出"); err != nil {
				t.Fatal(err)
			}
			far := fmt.Sprintf("A%d", testLimits.Rows+500)
			style, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}})
			if err == nil && c.bare {
				err = f.SetRowHeight("Sheet1", testLimits.Rows+500, 30)
			} else if err == nil {
				err = f.SetCellStyle("Sheet1", far, far, style)
			}
			if err == nil && c.value {
				err = f.SetCellValue("Sheet1", far, 7)
			}
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			for _, p := range xlsxPaths {
				_, err := p.read(XLSXReader{Limits: testLimits}, buf.Bytes())
				if p.name == "fast" && c.large && errors.Is(err, errNotFast) {
					continue // declined: the excelize path decides
				}
				if c.large != errors.Is(err, ErrTooLarge) {
					t.Errorf("%s: error %v, want too large %v", p.name, err, c.large)
				}
			}
			if _, err := Open("x.xlsx", buf.Bytes(), Options{Limits: testLimits}); c.large != errors.Is(err, ErrTooLarge) {
				t.Errorf("Open: error %v, want too large %v", err, c.large)
			}
		})
	}
}
