package sheets

import (
	"bytes"
	"testing"

	"jianbao/internal/testkit"
)

func TestEvalFormula(t *testing.T) {
	grid := map[[2]int]string{{0, 0}: "3", {1, 0}: "4", {2, 0}: "类别", {3, 0}: "", {0, 1}: "2.5"}
	cell := func(r, c int) (float64, bool) {
		s := &Sheet{Rows: [][]Cell{{{Text: grid[[2]int{0, 0}]}, {Text: grid[[2]int{0, 1}]}}, {{Text: grid[[2]int{1, 0}]}}, {{Text: grid[[2]int{2, 0}]}}, {{Text: ""}}}}
		return s.number(r, c)
	}
	for _, c := range []struct {
		f    string
		want float64
		ok   bool
	}{
		{"SUM(A1:A4)", 7, true},
		{"=A1+A2*2", 11, true},
		{"(A1+A2)*2", 14, true},
		{"-A1+10", 7, true},
		{"SUM(A1,A2,5)", 12, true},
		{"SUM(A1:A2)-SUM($A$1)", 4, true},
		{"SUM(A1+1,A2)", 8, true},
		{"A1/A4", 0, false},
		{"A1+A3", 0, false},
		{"A1:A2", 0, false},
		{"SUM(A1:A2", 0, false},
		{"B1*2", 5, true},
		{"A4+1", 1, true},
		{"1.5+1.5", 3, true},
		{"A1+", 0, false},
	} {
		t.Run(c.f, func(t *testing.T) {
			got, ok := evalFormula(c.f, cell)
			if ok != c.ok || ok && got != c.want {
				t.Errorf("evalFormula(%q) = %v, %v; want %v, %v", c.f, got, ok, c.want, c.ok)
			}
		})
	}
}

// TestStaleFormula reads a sheet whose formulas hold values other than
// what they give: each such cell is marked with what its formula gives;
// right values, text and formulas this program does not compute are left
// alone.
func TestStaleFormula(t *testing.T) {
	sheet := `<row r="1"><c r="A1"><v>3</v></c><c r="B1"><v>4</v></c><c r="C1"><f>A1+B1</f><v>7</v></c><c r="D1"><f>SUM(A1:B1)</f><v>10</v></c>` +
		`<c r="E1"><f>VLOOKUP(A1,A1:B1,2)</f><v>99</v></c><c r="F1" t="str"><f>A1&amp;B1</f><v>34</v></c><c r="G1"><f>G1+1</f><v>5</v></c></row>`
	base := testkit.MinimalXLSX(t, "")
	data := testkit.RewritePart(t, base, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		i, j := bytes.Index(b, []byte("<sheetData>")), bytes.Index(b, []byte("</sheetData>"))
		return append(append(append([]byte{}, b[:i+len("<sheetData>")]...), sheet...), b[j:]...)
	})
	for _, reader := range []struct {
		name string
		read func([]byte) (*Workbook, error)
	}{
		{"fast", XLSXReader{Limits: testLimits}.readFast},
		{"excelize", XLSXReader{Limits: testLimits}.readExcelize},
	} {
		t.Run(reader.name, func(t *testing.T) {
			wb, err := reader.read(data)
			if err != nil {
				t.Fatal(err)
			}
			row := wb.Sheets[0].Rows[0]
			want := []string{"", "", "", "7", "", "", ""}
			for i, w := range want {
				if i < len(row) && row[i].Stale != w {
					t.Errorf("%s: Stale %q, want %q", Ref(0, i), row[i].Stale, w)
				}
			}
		})
	}
}
