package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"jianbao/internal/testkit"
)

// allocated returns the bytes allocated while f runs: an upper bound on
// what f held at any moment.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileXMLMemory reads small workbooks whose XML holds one enormous
// run (white space, a value, an attribute, a shared string): each is
// refused as too large while allocating far less than the run, whichever
// reader would take it.
func TestHostileXMLMemory(t *testing.T) {
	const run = 24 << 20 // past the fast reader's part size, so excelize is asked too
	base := buildXLSX(t, testSheet{name: "统计表", rows: [][]any{{"类别", "派出人员"}, {"合计", 5}}})
	for _, c := range []struct {
		name, part string
		edit       func([]byte) []byte
	}{
		{"white space between elements", "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<sheetData>"), append([]byte("<sheetData>"), bytes.Repeat([]byte(" "), run)...), 1)
		}},
		{"a value", "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<v>5</v>"), []byte("<v>"+strings.Repeat("5", run)+"</v>"), 1)
		}},
		{"an attribute", "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<row r="1"`), []byte(`<row spans="`+strings.Repeat("1", run)+`" r="1"`), 1)
		}},
		{"a shared string", "xl/sharedStrings.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<t>合计</t>"), []byte("<t>"+strings.Repeat("合", run/3)+"</t>"), 1)
		}},
		{"a small part", "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<v>5</v>"), []byte("<v>"+strings.Repeat("5", 2<<20)+"</v>"), 1)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := testkit.RewritePart(t, base, c.part, c.edit)
			if !bytes.Contains(data, []byte("xl/worksheets/sheet1.xml")) {
				t.Fatal("no worksheet")
			}
			var err error
			used := allocated(func() { _, err = Open("a.xlsx", data, Options{Limits: testLimits}) })
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("error %v; want ErrTooLarge", err)
			}
			if used > 8<<20 {
				t.Errorf("allocated %d MiB reading a %d KiB file", used>>20, len(data)>>10)
			}
		})
	}
}

// TestBookCells refuses a workbook whose sheets together hold more cells
// than a workbook may, though each sheet is within the bound of a sheet,
// in every format that has several sheets.
func TestBookCells(t *testing.T) {
	row := make([]any, 50)
	for i := range row {
		row[i] = i
	}
	var rows [][]any
	for range 100 {
		rows = append(rows, row)
	}
	limits := Limits{FileBytes: 20 << 20, UnzippedBytes: 200 << 20, Rows: 5000, Cells: 6000}
	for _, n := range []int{4, 5} {
		var sheets []testSheet
		for i := range n {
			sheets = append(sheets, testSheet{name: fmt.Sprintf("表%d", i+1), rows: rows})
		}
		data := buildXLSX(t, sheets...)
		for _, reader := range []struct {
			name string
			read func() (*Workbook, error)
		}{
			{"fast", func() (*Workbook, error) { return XLSXReader{Limits: limits}.readFast(data) }},
			{"excelize", func() (*Workbook, error) { return XLSXReader{Limits: limits}.readExcelize(data) }},
		} {
			t.Run(fmt.Sprintf("%s/%d sheets", reader.name, n), func(t *testing.T) {
				_, err := reader.read()
				if tooLarge := errors.Is(err, ErrTooLarge); tooLarge != (n*5000 > 4*limits.Cells) {
					t.Errorf("%d sheets of 5000 cells, bound %d: error %v", n, 4*limits.Cells, err)
				}
			})
		}
	}
}

// TestStop gives up a read once its stop channel is closed, in every
// reader.
func TestStop(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	limits := testLimits
	limits.Stop = stop
	rows := [][]any{{"类别", "派出人员"}}
	for i := range 5000 {
		rows = append(rows, []any{fmt.Sprint("区", i), i})
	}
	xlsx := buildXLSX(t, testSheet{name: "统计表", rows: rows})
	csv := []byte(strings.Repeat("类别,派出人员\n", 100))
	xls, err := os.ReadFile("../../testdata/xls/经开区-2018-10-libreoffice.xls")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		read func() (*Workbook, error)
	}{
		{"xlsx", func() (*Workbook, error) { return XLSXReader{Limits: limits}.Read(xlsx) }},
		{"excelize", func() (*Workbook, error) { return XLSXReader{Limits: limits}.readExcelize(xlsx) }},
		{"csv", func() (*Workbook, error) { return CSVReader{Limits: limits}.Read(csv) }},
		{"xls", func() (*Workbook, error) { return XLSReader{Limits: limits}.Read(xls) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := c.read(); !errors.Is(err, ErrStopped) {
				t.Errorf("error %v; want ErrStopped", err)
			}
		})
	}
}

// TestZipEntries counts the entries of a package from its end record, and
// a package with too many is refused before its directory is read.
func TestZipEntries(t *testing.T) {
	for _, n := range []int{3, MaxZipEntries + 1} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range n {
			if _, err := zw.Create(fmt.Sprintf("xl/media/p%d.xml", i)); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		if got, ok := ZipEntries(bytes.NewReader(data), int64(len(data))); !ok || got != uint64(n) {
			t.Errorf("ZipEntries = %d, %v; want %d", got, ok, n)
		}
		var err error
		used := allocated(func() { _, err = XLSXReader{Limits: testLimits}.Read(data) })
		if tooMany := errors.Is(err, ErrTooLarge); tooMany != (n > MaxZipEntries) {
			t.Errorf("%d entries: error %v", n, err)
		}
		if n > MaxZipEntries && used > 1<<20 {
			t.Errorf("%d entries: allocated %d KiB before refusing", n, used>>10)
		}
	}
	if _, ok := ZipEntries(bytes.NewReader([]byte("not a zip")), 9); ok {
		t.Error("ZipEntries found an end record in text")
	}
}
