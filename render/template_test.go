package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

func renderTemplate(t *testing.T, cfg *templates.Config, unit string, year, month int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, cfg, unit, year, month); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplateLayout(t *testing.T) {
	cfg := templates.Default()
	unit := cfg.Units[2].Name
	f := openXLSX(t, renderTemplate(t, cfg, unit, 2018, 10))
	s := "统计表"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != s {
		t.Fatalf("sheets %v", got)
	}
	want := map[string]string{
		"A1": unit + "2018年10月“两重两问”督查工作统计表",
		"A2": "填报单位：" + unit,
		"H2": "统计时段：2018年10月",
		"A3": "序号", "B3": "工作类别",
		"C3": "派出监督检查人员（人次）",
		"D3": "督查发现问题（个）",
		"E3": "完成整改问题（个）",
		"F3": "发出督办（挂牌督办）函（份）",
		"G3": "约谈", "G4": "责任单位（个）", "H4": "责任人（人）",
		"I3": "问责", "I4": "责任单位（个）", "J4": "责任人（人）",
		"A5": "1", "B5": cfg.Areas[0].Name, "A12": "8", "B12": cfg.Areas[7].Name,
		"B13": "合计",
		"A14": "填表人：          联系电话：          说明：请填写本月数（非累计数），没有发生的填0。",
	}
	for ref, v := range want {
		if got := cellOf(t, f, s, ref, true); got != v {
			t.Errorf("%s = %q, want %q", ref, got, v)
		}
	}
	for _, col := range "CDEFGHIJ" {
		ref := string(col) + "13"
		if fm, _ := f.GetCellFormula(s, ref); fm != "SUM("+string(col)+"5:"+string(col)+"12)" {
			t.Errorf("%s formula %q", ref, fm)
		}
		if v := cellOf(t, f, s, string(col)+"5", true); v != "" {
			t.Errorf("%c5 = %q, want blank", col, v)
		}
	}
}

func TestTemplateMerges(t *testing.T) {
	f := openXLSX(t, renderTemplate(t, templates.Default(), "青秀区", 2018, 10))
	mc, err := f.GetMergeCells("统计表")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range mc {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	sort.Strings(got)
	want := []string{"A14:J14", "A1:J1", "A2:D2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:H3", "H2:J2", "I3:J3"}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("merged\n%v\nwant\n%v", got, want)
	}
}

func TestTemplateValidationAndProtection(t *testing.T) {
	f := openXLSX(t, renderTemplate(t, templates.Default(), "", 0, 0))
	s := "统计表"
	dvs, err := f.GetDataValidations(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 {
		t.Fatalf("%d data validations, want 1", len(dvs))
	}
	dv := dvs[0]
	if dv.Sqref != "C5:J12" || dv.Type != "whole" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" {
		t.Errorf("validation %s %s %s %s", dv.Sqref, dv.Type, dv.Operator, dv.Formula1)
	}
	if dv.Error == nil || *dv.Error != "请填写0或正整数" {
		t.Errorf("validation message %v", dv.Error)
	}
	prot, err := f.GetSheetProtection(s)
	if err != nil {
		t.Fatal(err)
	}
	if prot.FormatCells || prot.InsertRows || prot.DeleteColumns || !prot.SelectUnlockedCells {
		t.Errorf("protection %+v", prot)
	}
	unlocked := map[string]bool{"A2": true, "H2": true, "C5": true, "J12": true, "A14": true}
	for _, ref := range []string{"A1", "A2", "H2", "A3", "G3", "G4", "B5", "C5", "J12", "C13", "B13", "A14"} {
		if got := !isLocked(t, f, s, ref); got != unlocked[ref] {
			t.Errorf("%s unlocked = %v, want %v", ref, got, unlocked[ref])
		}
	}
	if got := cellOf(t, f, s, "A1", true); got != "“两重两问”督查工作统计表" {
		t.Errorf("blank title %q", got)
	}
	if got := cellOf(t, f, s, "A2", true); got != "填报单位：" {
		t.Errorf("blank unit %q", got)
	}
}

func isLocked(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func TestTemplateDeterministic(t *testing.T) {
	cfg := templates.Default()
	a := renderTemplate(t, cfg, "青秀区", 2018, 10)
	if b := renderTemplate(t, cfg, "青秀区", 2018, 10); !bytes.Equal(a, b) {
		t.Fatal("two templates differ")
	}
	props, err := openXLSX(t, a).GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2018-10-01T00:00:00Z" {
		t.Errorf("created %q", props.Created)
	}
}

func TestTemplateFewMetrics(t *testing.T) {
	cfg := templates.Default()
	cfg.Metrics = cfg.Metrics[:3]
	cfg.Areas = cfg.Areas[:2]
	f := openXLSX(t, renderTemplate(t, cfg, "青秀区", 2018, 1))
	if fm, _ := f.GetCellFormula("统计表", "E7"); fm != "SUM(E5:E6)" {
		t.Errorf("E7 formula %q", fm)
	}
	if got := cellOf(t, f, "统计表", "D2", true); got != "统计时段：2018年1月" {
		t.Errorf("D2 = %q", got)
	}
}

func TestTemplateBadMonth(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, templates.Default(), "", 2018, 13); err == nil {
		t.Error("month 13 accepted")
	}
}

// TestTemplateFilledInOpenpyxl fills the template with openpyxl, as a clerk
// would in Excel, and reads the figures back.
func TestTemplateFilledInOpenpyxl(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil || exec.Command(py, "-c", "import openpyxl").Run() != nil {
		t.Skip("no /usr/bin/python3 with openpyxl")
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := os.WriteFile(path, renderTemplate(t, templates.Default(), "青秀区", 2018, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["统计表"]
print(ws.protection.sheet, ws["C5"].protection.locked, ws["B5"].protection.locked)
print(len(ws.data_validations.dataValidation), ws.data_validations.dataValidation[0].error)
print(ws["C13"].value)
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := "True False True\n1 请填写0或正整数\n=SUM(C5:C12)"
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("openpyxl read\n%s\nwant\n%s", got, want)
	}
}
