package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The layout workbooks (testdata/layout, made by make.py there, and the
// same written here with excelize) hold on sheet 统计表 a hidden row 6,
// hidden columns D:E, a hidden empty column H (outside the grid, so not
// reported) and indented cells; sheet 说明 has none of these.
var (
	layoutRows   = map[int]bool{5: true}
	layoutCols   = map[int]bool{3: true, 4: true}
	layoutIndent = map[string]int{"A4": 1, "A5": 2, "B5": 3}
)

// layoutSheets is the content of the layout workbooks, for excelize.
func layoutSheets() []testSheet {
	return []testSheet{{
		name: "统计表",
		rows: [][]any{
			{"统计表"},
			{"工作类别", "本月", "累计", "备注", "旧列"},
			{"一、脱贫攻坚", 3, 10},
			{"产业扶贫", 1, 4},
			{"危房改造", 2, 6},
			{"旧数据", 9, 9},
			{"合计", 3, 10},
		},
		hiddenRows: []int{5},
		hiddenCols: []int{3, 4, 7},
		indent:     map[string]int{"A4": 1, "A5": 2, "B5": 3},
	}, {
		name: "说明",
		rows: [][]any{{"填表说明：隐藏的行和列不计入。"}},
	}}
}

// indents lists the indented cells of a sheet, nil if there are none.
func indents(s *Sheet) map[string]int {
	var out map[string]int
	for r, row := range s.Rows {
		for c, cell := range row {
			if cell.Indent != 0 {
				if out == nil {
					out = map[string]int{}
				}
				out[Ref(r, c)] = cell.Indent
			}
		}
	}
	return out
}

// checkLayout checks a layout workbook as read.
func checkLayout(t *testing.T, wb *Workbook) {
	t.Helper()
	if len(wb.Sheets) != 2 {
		t.Fatalf("%d sheets", len(wb.Sheets))
	}
	s, note := wb.Sheets[0], wb.Sheets[1]
	if s.At(3, 0).Text != "产业扶贫" || s.At(4, 1).Text != "2" || s.Width() != 5 {
		t.Errorf("cells: A4 %q, B5 %q, width %d", s.At(3, 0).Text, s.At(4, 1).Text, s.Width())
	}
	if !reflect.DeepEqual(s.HiddenRows, layoutRows) || !reflect.DeepEqual(s.HiddenCols, layoutCols) {
		t.Errorf("hidden rows %v, columns %v; want %v, %v", s.HiddenRows, s.HiddenCols, layoutRows, layoutCols)
	}
	if got := indents(s); !reflect.DeepEqual(got, layoutIndent) {
		t.Errorf("indents %v, want %v", got, layoutIndent)
	}
	if note.HiddenRows != nil || note.HiddenCols != nil || indents(note) != nil {
		t.Errorf("sheet %s: hidden rows %v, columns %v, indents %v", note.Name, note.HiddenRows, note.HiddenCols, indents(note))
	}
}

// xlsxPaths are the ways an .xlsx is read: the fast reader (which must take
// the file), excelize with the sheets' XML at hand, and excelize alone.
var xlsxPaths = []struct {
	name string
	read func(x XLSXReader, data []byte) (*Workbook, error)
}{
	{"fast", func(x XLSXReader, data []byte) (*Workbook, error) { return x.readFast(data) }},
	{"excelize", func(x XLSXReader, data []byte) (*Workbook, error) { return x.readExcelize(data) }},
	{"excelize without the sheet XML", readExcelizeOnly},
}

// readExcelizeOnly reads as readExcelize does when the sheets' XML is not
// at hand, so that every fact comes from excelize's parse of the sheet.
func readExcelizeOnly(x XLSXReader, data []byte) (*Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	xf, err := xfIndents(pkgPart(f, stylesPart))
	if err != nil {
		return nil, err
	}
	wb := &Workbook{}
	for i, name := range f.GetSheetList() {
		s, err := x.readSheet(f, name, i+1, nil, xf, asksRecalc(pkgPart(f, "xl/workbook.xml")))
		if err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

// checkLayoutFile reads a layout workbook in every way its format is read.
func checkLayoutFile(t *testing.T, name string, data []byte) {
	t.Helper()
	t.Run("Open", func(t *testing.T) {
		wb, err := Open(name, data, Options{Limits: testLimits})
		if err != nil {
			t.Fatal(err)
		}
		checkLayout(t, wb)
	})
	if filepath.Ext(name) != ".xlsx" {
		return
	}
	for _, p := range xlsxPaths {
		t.Run(p.name, func(t *testing.T) {
			wb, err := p.read(XLSXReader{Limits: testLimits}, data)
			if p.name == "fast" && errors.Is(err, errNotFast) {
				t.Skip("declined: the workbook asks for its formulas to be computed")
			}
			if err != nil {
				t.Fatal(err)
			}
			checkLayout(t, wb)
		})
	}
}

// TestLayout reads hidden rows and columns and indents from workbooks
// written by excelize, openpyxl, xlwt and LibreOffice.
func TestLayout(t *testing.T) {
	cases := []struct {
		name string
		file string // in testdata/layout; empty: written here by excelize
	}{
		{"excelize", ""},
		{"openpyxl", "layout-openpyxl.xlsx"},
		{"libreoffice xlsx", "layout-libreoffice.xlsx"},
		{"xlwt", "layout-xlwt.xls"},
		{"libreoffice xls", "layout-libreoffice.xls"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name, data := "layout.xlsx", buildXLSX(t, layoutSheets()...)
			if c.file != "" {
				var err error
				name = c.file
				if data, err = os.ReadFile(filepath.Join("testdata", "layout", c.file)); err != nil {
					t.Fatal(err)
				}
			}
			checkLayoutFile(t, name, data)
		})
	}
}

// TestLayoutRemade runs testdata/layout/make.py into a temporary folder and
// reads what it writes: the committed files must not be all that works.
// It needs Debian's Python with python3-openpyxl; the .xls of xlwt needs
// python3-xlwt, and the LibreOffice files soffice (not in -short mode).
func TestLayoutRemade(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		t.Skipf("%s with openpyxl: %v", python, err)
	}
	dir := t.TempDir()
	args := []string{filepath.Join("testdata", "layout", "make.py"), dir}
	files := []string{"layout-openpyxl.xlsx"}
	if err := exec.Command(python, "-c", "import xlwt").Run(); err != nil {
		t.Logf("without the .xls of xlwt: %v", err)
		args = append(args, "--no-xlwt")
	} else {
		files = append(files, "layout-xlwt.xls")
	}
	if _, err := exec.LookPath("soffice"); err != nil || testing.Short() {
		t.Logf("without the LibreOffice files (soffice: %v, -short: %v)", err, testing.Short())
	} else {
		args = append(args, "--libreoffice")
		files = append(files, "layout-libreoffice.xlsx", "layout-libreoffice.xls")
	}
	if out, err := exec.Command(python, args...).CombinedOutput(); err != nil {
		t.Fatalf("make.py: %v\n%s", err, out)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			checkLayoutFile(t, f, data)
		})
	}
}

// TestXLSXLayoutXML reads the layout of worksheet XML as the fast reader
// and as rawLayout (the excelize path) see it: the two must agree.
func TestXLSXLayoutXML(t *testing.T) {
	xf := []int{0, 1, 0, 4}
	cases := []struct {
		name    string
		xml     string
		rows    map[int]bool
		cols    map[int]bool
		indents []cellIndent
		slowly  bool // the fast reader declines it
	}{
		{name: "none", xml: `<row r="1"><c r="A1" s="1"><v>1</v></c></row>`,
			indents: []cellIndent{{0, 0, 1}}},
		{name: "hidden row and range of columns",
			xml:  `<cols><col min="2" max="3" width="0" hidden="1" customWidth="1"/><col min="5" max="5" hidden="0"/></cols><sheetData><row r="2" hidden="1"><c r="B2" s="3"><v>1</v></c></row><row r="3" hidden="false"/></sheetData>`,
			rows: map[int]bool{1: true}, cols: map[int]bool{1: true, 2: true}, indents: []cellIndent{{1, 1, 4}}},
		{name: "rows and cells without references",
			xml:  `<sheetData><row><c s="1"><v>1</v></c><c s="3"><v>2</v></c></row><row hidden="true"><c/><c s="1"><v>3</v></c></row></sheetData>`,
			rows: map[int]bool{1: true}, indents: []cellIndent{{0, 0, 1}, {0, 1, 4}, {1, 1, 1}}},
		{name: "namespace prefix and single quotes",
			xml:  `<x:cols><x:col min='1' max='1' hidden='1'/></x:cols><x:sheetData><x:row r='4' hidden='1'><x:c r='C4' s='1'><x:v>5</x:v></x:c></x:row></x:sheetData>`,
			rows: map[int]bool{3: true}, cols: map[int]bool{0: true}, indents: []cellIndent{{3, 2, 1}}},
		{name: "columns to the end of the sheet",
			xml: `<cols><col min="1" max="16384" hidden="1"/></cols>`,
			cols: func() map[int]bool {
				m := map[int]bool{}
				for c := 0; c < MaxColumns; c++ {
					m[c] = true
				}
				return m
			}()},
		{name: "comment and empty cells", xml: `<!-- <row r="9" hidden="1"> --><sheetData><row r="1"><c r="A1" s="3"/><c r="B1" s="7"><v>1</v></c><c r="C1" s="-1"><v>1</v></c></row></sheetData>`,
			indents: []cellIndent{{0, 0, 4}}},
		{name: "what follows sheetData", xml: `<sheetData/><row r="5" hidden="1"/>`},
		{name: "hidden neither true nor false", xml: `<sheetData><row r="1" hidden="yes"/></sheetData>`, slowly: true},
		{name: "column range backwards", xml: `<cols><col min="3" max="2" hidden="1"/></cols>`, slowly: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := []byte(`<worksheet xmlns:x="x">` + c.xml + `</worksheet>`)
			want := layout{hiddenRows: c.rows, hiddenCols: c.cols, indents: c.indents}
			_, fast, err := scanSheet(raw, nil, xf, 100, nil)
			switch {
			case c.slowly && !errors.Is(err, errNotFast):
				t.Errorf("the fast reader takes it: %v", err)
			case !c.slowly && err != nil:
				t.Fatal(err)
			case !c.slowly && !reflect.DeepEqual(fast, want):
				t.Errorf("fast reader: %+v, want %+v", fast, want)
			}
			if got := rawLayout(raw, xf); !reflect.DeepEqual(got, want) {
				t.Errorf("rawLayout: %+v, want %+v", got, want)
			}
		})
	}
}

func TestXFIndents(t *testing.T) {
	cases := []struct {
		name   string
		styles string
		want   []int
		err    bool
	}{
		{"none", `<styleSheet><cellXfs count="2"><xf/><xf><alignment horizontal="left"/></xf></cellXfs></styleSheet>`, nil, false},
		{"zero only", `<styleSheet><cellXfs><xf><alignment indent="0"/></xf></cellXfs></styleSheet>`, nil, false},
		{"indented", `<styleSheet><cellXfs count="3"><xf/><xf applyAlignment="1"><alignment horizontal="left" indent="2"/></xf><xf><alignment indent=" 1 "/></xf></cellXfs></styleSheet>`, []int{0, 2, 1}, false},
		{"cell style formats do not count", `<styleSheet><cellStyleXfs><xf><alignment indent="5"/></xf></cellStyleXfs><cellXfs><xf/><xf><alignment indent="1"/></xf></cellXfs></styleSheet>`, []int{0, 1}, false},
		{"prefixed", `<x:styleSheet xmlns:x="x"><x:cellXfs><x:xf><x:alignment indent="3"/></x:xf></x:cellXfs></x:styleSheet>`, []int{3}, false},
		{"not a number", `<styleSheet><cellXfs><xf><alignment indent="x"/></xf></cellXfs></styleSheet>`, nil, true},
		{"broken", `<styleSheet><cellXfs><xf><alignment indent="1"`, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := xfIndents([]byte(c.styles))
			if (err != nil) != c.err || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, %v; want %v (error: %v)", got, err, c.want, c.err)
			}
		})
	}
}

// withStyles rewrites an .xlsx with its styles part stored as given and with
// the CRC-32 given for it in the zip directory.
func withStyles(t *testing.T, xlsx []byte, styles string, crc uint32) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == stylesPart {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store, CRC32: crc,
				CompressedSize64: uint64(len(styles)), UncompressedSize64: uint64(len(styles))})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, styles)
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXStyles covers styles parts the indents cannot be read from, which
// leave them unknown but the workbook read.
func TestXLSXStyles(t *testing.T) {
	good := buildXLSX(t, layoutSheets()...)
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var styles string
	for _, f := range zr.File {
		if f.Name == stylesPart {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			styles = string(b)
		}
	}
	broken := strings.Replace(styles, `indent="1"`, `indent="one"`, 1)
	cases := []struct {
		name    string
		data    []byte
		indents map[string]int
	}{
		{"as written", good, layoutIndent},
		{"stored", withStyles(t, good, styles, crc32.ChecksumIEEE([]byte(styles))), layoutIndent},
		{"checksum wrong", withStyles(t, good, styles+" ", crc32.ChecksumIEEE([]byte(styles))), nil},
		{"indent not a number", withStyles(t, good, broken, crc32.ChecksumIEEE([]byte(broken))), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := XLSXReader{Limits: testLimits}.readFast(c.data)
			if err != nil {
				t.Fatal(err)
			}
			s := wb.Sheets[0]
			if got := indents(s); !reflect.DeepEqual(got, c.indents) || !reflect.DeepEqual(s.HiddenRows, layoutRows) || s.At(3, 0).Text != "产业扶贫" {
				t.Errorf("indents %v, hidden rows %v, A4 %q", got, s.HiddenRows, s.At(3, 0).Text)
			}
		})
	}
}

// A boolean cell reads TRUE or FALSE in every way an .xlsx is read, never
// the 1 or 0 it is stored as, which a count would take for a number.
func TestXLSXBooleans(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetCellBool("Sheet1", "A1", true); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellBool("Sheet1", "B1", false); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Sheet1", "C1", 1); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, p := range xlsxPaths {
		t.Run(p.name, func(t *testing.T) {
			wb, err := p.read(XLSXReader{Limits: testLimits}, buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			s := wb.Sheets[0]
			if got := s.At(0, 0).Text + " " + s.At(0, 1).Text + " " + s.At(0, 2).Text; got != "TRUE FALSE 1" {
				t.Errorf("cells read %q, want %q", got, "TRUE FALSE 1")
			}
		})
	}
}

// Number formats that show a date or a time, built in or custom, and ones
// that do not.
func TestDateFormats(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy年m月":                true,
		"m/d/yy":                 true,
		`[$-804]yyyy"年"m"月"d"日"`: true,
		"h:mm:ss":                true,
		"0.00":                   false,
		"#,##0":                  false,
		`0"人次"`:                  false,
		`[Red]0;[Blue]-0`:        false,
		`0\m`:                    false,
		`_-* #,##0_-;-* #,##0_-`: false,
	} {
		if got := dateCode(code); got != want {
			t.Errorf("dateCode(%q) = %v, want %v", code, got, want)
		}
	}
	for id, want := range map[int]bool{0: false, 1: false, 14: true, 22: true, 31: true, 49: false, 57: true} {
		if got := builtinDate(id); got != want {
			t.Errorf("builtinDate(%d) = %v, want %v", id, got, want)
		}
	}
}
