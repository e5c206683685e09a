package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
	"jianbao/ingest"
	"jianbao/templates"
)

// refusedFolder copies samples/ and damages most of October: six units'
// sheets replaced by the standard sheet filled with a wrong 合计, two cut
// short, one full of 若干, one left unfilled, one unit with a second sheet
// of other figures, one sheet removed; and two September sheets cut short.
func refusedFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "samples")
	for _, m := range []string{"2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09", "2018-10"} {
		entries, err := os.ReadDir(filepath.Join(src, m))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, m), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(src, m, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, m, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	oct := func(name string) string { return filepath.Join(dir, "2018-10", name) }
	remove := func(name string) {
		if err := os.Remove(oct(name)); err != nil {
			t.Fatal(err)
		}
	}
	cut := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b[:len(b)/3], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, unit := range []string{"兴宁区", "良庆区", "隆安县", "马山县", "高新区", "经开区"} {
		writeFilled(t, oct(unit+".xlsx"), unit, func(f *excelize.File, s string) {
			fill(t, f, s, 1)
			set(t, f, s, "C13", 99) // the 合计 of eight rows of 1
		})
	}
	cut(oct("邕宁区-201810.xlsx"))
	cut(oct("东盟经开区-201810.xlsx"))
	remove("南宁市青秀区2018年10月两重两问统计表.xlsx")
	writeFilled(t, oct("青秀区.xlsx"), "青秀区", func(f *excelize.File, s string) { fill(t, f, s, "若干") })
	remove("南宁市武鸣区2018年10月两重两问统计表.xlsx")
	writeFilled(t, oct("武鸣区.xlsx"), "武鸣区", func(*excelize.File, string) {})
	writeFilled(t, oct("江南区-b.xlsx"), "江南区", func(f *excelize.File, s string) { fill(t, f, s, 2) })
	remove("南宁市西乡塘区（2018.10）.xlsx")
	cut(filepath.Join(dir, "2018-09", "兴宁区.xlsx"))
	cut(filepath.Join(dir, "2018-09", "良庆区.xlsx"))
	return dir
}

// writeFilled writes the standard sheet of unit for October 2018, filled in
// by edit.
func writeFilled(t *testing.T, path, unit string, edit func(f *excelize.File, sheet string)) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, templates.Default(), unit, 2018, 10); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	edit(f, TemplateSheet)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// fill puts v into every figure cell of the eight work-area rows.
func fill(t *testing.T, f *excelize.File, sheet string, v any) {
	for row := tplFirstArea; row < tplFirstArea+8; row++ {
		for col := 3; col <= 10; col++ {
			set(t, f, sheet, cell(col, row), v)
		}
	}
}

func set(t *testing.T, f *excelize.File, sheet, ref string, v any) {
	t.Helper()
	if err := f.SetCellFormula(sheet, ref, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, ref, v); err != nil {
		t.Fatal(err)
	}
}

// With most of October's sheets refused, the briefing names each unit
// once, in plain words, for October only; says the unit with two sheets
// is to be checked, not missing; counts September's refused sheets
// without naming them; states how complete the figures are; and points
// to the workbook, where every cell is listed with its unit.
func TestBriefingMostRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the samples")
	}
	cfg := templates.Default()
	dir := refusedFolder(t)
	tally, err := aggregate.ReadDir(cfg, ingest.NewReader(cfg), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tally.Report(ingest.Period{Year: 2018, Month: 10}, time.Date(2018, 11, 5, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]aggregate.Status{}
	for _, u := range r.Units {
		status[u.Name] = u.Status
	}
	if status["江南区"] != aggregate.Conflict || status["西乡塘区"] != aggregate.Missing || status["兴宁区"] != aggregate.Excluded || status["横县"] != aggregate.Accepted {
		t.Fatalf("statuses %v", status)
	}
	if c := r.MonthCoverage(); c.Reported != 4 || c.Expected != 16 {
		t.Errorf("month coverage %+v", c)
	}
	if c := r.YTDCoverage(); c.Reported != 16*8+14+4 || c.Expected != 160 {
		t.Errorf("year-to-date coverage %+v", c)
	}
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	v := newPDFView(r)
	ps, err := n.paragraphs("issues", v)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(ps, "\n")
	for _, w := range []string{
		"西乡塘区共1个单位未报送2018年10月统计表",
		"11个单位的10月报表未计入本期统计",
		"兴宁区：10月报表合计与各行之和不符，已退回修改。",
		"江南区：报送了两份数字不同的报表，待核实。",
		"青秀区：10月报表有数字填写不规范",
		"武鸣区：10月报表未填写，已退回修改。",
		"邕宁区：10月报表文件损坏或不是Excel文件，无法打开，已退回修改。",
		"有2份未通过校验，未计入累计数字",
		"“校验问题”工作表",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("issues lack %q:\n%s", w, text)
		}
	}
	for _, bad := range []string{"C5", "C13", "若干", "9月报表", "江南区：10月报表", "江南区、"} {
		if strings.Contains(text, bad) {
			t.Errorf("issues have %q:\n%s", bad, text)
		}
	}
	if len(ps) > 20 {
		t.Errorf("%d paragraphs of issues:\n%s", len(ps), text)
	}
	for _, p := range ps {
		if len([]rune(p)) > 120 {
			t.Errorf("a line of %d characters: %s", len([]rune(p)), p)
		}
	}
	title, _ := n.line("title_figures", v)
	if !strings.Contains(title, "应报160份中的146份") {
		t.Errorf("数说督查 title %q", title)
	}
	out := t.TempDir()
	if d := os.Getenv("PDFCHECK_DIR"); d != "" {
		out = d
	}
	if err := WriteAll(out, r, PDF{Narrative: pdfNarrativeText(t)}, XLSX{}, JSON{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "briefing.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(sheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]int{}
	for _, row := range rows[2:] {
		if len(row) > 8 {
			units[row[2]]++
			if row[1] == "错误" && row[8] == "" {
				t.Errorf("no fix for %v", row)
			}
		}
	}
	if units["青秀区"] < 64 || units["兴宁区"] == 0 {
		t.Errorf("findings by unit %v", units)
	}
}
