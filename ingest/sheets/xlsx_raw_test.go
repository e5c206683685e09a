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
		`<c r="C13"><f>SUM(C5:C12)</f><v></v></c>`:                      false, // an empty cached value is still a value element
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
