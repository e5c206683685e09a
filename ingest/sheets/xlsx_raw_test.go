package sheets

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/internal/testkit"
)

func TestUncomputedFormula(t *testing.T) {
	cases := map[string]bool{
		`<c r="C13"><f>SUM(C5:C12)</f><v>36</v></c>`:                    false,
		`<c r="C13"><f>SUM(C5:C12)</f></c>`:                             true,
		`<c r="C13"><f>SUM(C5:C12)</f><v></v></c>`:                      true, // an empty cached value is no value: computed
		`<x:c r="C13"><x:f>SUM(C5:C12)</x:f></x:c>`:                     true,
		`<c r="A1" t="inlineStr"><is><t>合计</t></is></c><c r="B1"/>`:     false,
		`<c r="A1" s="1"/><c r="B1"><f t="shared" si="0"/><v>3</v></c>`: false,
		`<c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f></c>`:               true,
		`<row r="1"><c r="A1"><v>1</v></c></row>`:                       false,
	}
	for in, want := range cases {
		if got := uncomputedFormula([]byte(in)); got != want {
			t.Errorf("uncomputedFormula(%s) = %v, want %v", in, got, want)
		}
	}
}

func TestRawMerges(t *testing.T) {
	raw := "<mergeCells count=\"2\"><mergeCell ref=\"A1:J1\"/><mergeCell ref=\"G3:H3\"/></mergeCells><x:mergeCell ref=\"I3:J3\"/>" +
		"<mergeCell\n\tref=\"A14:J14\" xref=\"Z1:Z2\"/><mergeCell xref=\"B1:B2\" ref=\"C1:C2\"/>"
	if got := strings.Join(rawMerges([]byte(raw)), " "); got != "A1:J1 G3:H3 I3:J3 A14:J14 C1:C2" {
		t.Errorf("rawMerges = %s", got)
	}
}

// A cell that refers to a shared string the workbook does not have is a
// damaged file (Excel says so), never a blank cell read as 0.
func TestSharedStringOutOfRange(t *testing.T) {
	f := excelize.NewFile()
	for _, c := range [][2]string{{"A1", "派出"}, {"B1", "发现"}} {
		if err := f.SetCellStr("Sheet1", c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	bad := testkit.RewritePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`<c r="B1" t="s"><v>1</v></c>`), []byte(`<c r="B1" t="s"><v>999</v></c>`), 1)
		if !bytes.Contains(b, []byte("999")) {
			t.Fatal("the sheet's XML is not as expected")
		}
		return b
	})
	_, err := Open("x.xlsx", bad, Options{Limits: testLimits})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "B1") {
		t.Fatalf("error %v, want ErrDamaged naming B1", err)
	}
}

// A workbook that asks for its formulas to be computed on opening (as
// xlsxwriter writes them, every cached result 0) has them computed here,
// those this program trusts; any other formula is left without a value,
// never taken at its cached 0. An empty cached value is computed too.
func TestFormulasRecalculated(t *testing.T) {
	f := excelize.NewFile()
	for ref, v := range map[string]int{"B2": 3, "B3": 4} {
		if err := f.SetCellValue("Sheet1", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for ref, formula := range map[string]string{"B4": "SUM(B2:B3)", "B5": "B2*2+B3", "B6": "SUMPRODUCT(ROW(A1:A1048576))", "B7": "SUM(B:B)",
		"B8": "SUM(B2:B8)", "B9": "B10+1", "B10": "B9+1", "B11": "B10+B4"} {
		if err := f.SetCellFormula("Sheet1", ref, formula); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	cached0 := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("</f>"), []byte("</f><v>0</v>")) }
	emptyV := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("</f>"), []byte("</f><v></v>")) }
	recalc := func(b []byte) []byte {
		if bytes.Contains(b, []byte("<calcPr ")) {
			return bytes.Replace(b, []byte("<calcPr "), []byte(`<calcPr fullCalcOnLoad="1" `), 1)
		}
		return bytes.Replace(b, []byte("</workbook>"), []byte(`<calcPr fullCalcOnLoad="1"/></workbook>`), 1)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"cached 0 and fullCalcOnLoad", testkit.RewritePart(t, testkit.RewritePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", cached0), "xl/workbook.xml", recalc)},
		{"empty cached values", testkit.RewritePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", emptyV)},
	} {
		t.Run(c.name, func(t *testing.T) {
			wb, err := Open("x.xlsx", c.data, Options{Limits: testLimits})
			if err != nil {
				t.Fatal(err)
			}
			s := wb.Sheets[0]
			var got []string
			for r := 3; r <= 10; r++ {
				got = append(got, s.At(r, 1).Text)
			}
			// B8 refers to itself, B9 and B10 to each other, B11 to B10.
			if want := []string{"7", "10", "", "", "", "", "", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("B4:B11 read %q, want %q", got, want)
			}
			if s.At(5, 1).Formula == "" || s.At(6, 1).Formula == "" {
				t.Error("an uncomputed formula lost its formula")
			}
		})
	}
	for f, want := range map[string]bool{"SUM(C5:C12)": true, "=C5+C6-2": true, "SUM(C5:C12,C14)": true, "SUMIF(A1:A9,\"x\",B1:B9)": false, "SUM(B:B)": false, "SUM(1:3)": false, "Sheet2!B3": false, "SUM(A1:A1048576)": false, "B3*0.5": true} {
		if got := formulaTrusted(f); got != want {
			t.Errorf("formulaTrusted(%q) = %v, want %v", f, got, want)
		}
	}
}
