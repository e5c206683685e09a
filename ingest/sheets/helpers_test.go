package sheets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// testLimits are the limits jianbao reads with by default.
var testLimits = Limits{FileBytes: 20 << 20, UnzippedBytes: 200 << 20, Rows: 5000, Cells: 200000}

// wildDir is the corpus of spreadsheets from other projects' test suites,
// kept outside this repository; JIANBAO_WILD overrides where it is.
func wildDir() string {
	if d := os.Getenv("JIANBAO_WILD"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus", "wild")
}

// testSheet describes a worksheet written with excelize: rows of values
// from A1 (a string starting with "=" is a formula without a cached value),
// merged ranges, hidden rows and columns (0-based) and cells with an indent.
type testSheet struct {
	name       string
	rows       [][]any
	merges     [][2]string
	hidden     bool
	hiddenRows []int
	hiddenCols []int
	indent     map[string]int // cell → indent level
}

// buildXLSX writes the sheets into an .xlsx with excelize.
func buildXLSX(t testing.TB, sheets ...testSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range sheets {
		if i == 0 {
			check(f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			check(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref := Ref(r, c)
				switch x := v.(type) {
				case nil:
				case string:
					if len(x) > 1 && x[0] == '=' {
						check(f.SetCellFormula(s.name, ref, x[1:]))
					} else {
						check(f.SetCellStr(s.name, ref, x))
					}
				default:
					check(f.SetCellValue(s.name, ref, x))
				}
			}
		}
		for _, m := range s.merges {
			check(f.MergeCell(s.name, m[0], m[1]))
		}
		for _, r := range s.hiddenRows {
			check(f.SetRowVisible(s.name, r+1, false))
		}
		for _, c := range s.hiddenCols {
			name, err := excelize.ColumnNumberToName(c + 1)
			check(err)
			check(f.SetColVisible(s.name, name, false))
		}
		for cell, n := range s.indent {
			style, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Indent: n}})
			check(err)
			check(f.SetCellStyle(s.name, cell, cell, style))
		}
		if s.hidden {
			check(f.SetSheetVisible(s.name, false))
		}
	}
	var buf bytes.Buffer
	check(f.Write(&buf))
	return buf.Bytes()
}
