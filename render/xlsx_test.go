package render

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
)

func renderXLSX(t *testing.T, r *aggregate.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (XLSX{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// cellOf reads a cell's formatted value; raw reads its stored value.
func cellOf(t *testing.T, f *excelize.File, sheet, ref string, raw bool) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: raw})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestXLSXSheets(t *testing.T) {
	f := openXLSX(t, renderXLSX(t, rollupFixture(t)))
	want := []string{"汇总", "分单位", "数据来源", "校验问题"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
}

func TestXLSXSummary(t *testing.T) {
	r := rollupFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	s := "汇总"
	if got := cellOf(t, f, s, "A1", false); got != "2018年1—10月全市“两重两问”督查工作统计汇总" {
		t.Errorf("title %q", got)
	}
	if got := cellOf(t, f, s, "D3", false); got != "1—10月累计" {
		t.Errorf("D3 %q", got)
	}
	for i, m := range r.Config.Metrics {
		row := strconv.Itoa(4 + i)
		if got := cellOf(t, f, s, "A"+row, false); got != m.Name {
			t.Errorf("A%s = %q, want %q", row, got, m.Name)
		}
		if got := cellOf(t, f, s, "C"+row, true); got != strconv.FormatInt(r.Month[m.ID], 10) {
			t.Errorf("%s month = %s, want %d", m.ID, got, r.Month[m.ID])
		}
		if got := cellOf(t, f, s, "D"+row, true); got != strconv.FormatInt(r.YearToDate[m.ID], 10) {
			t.Errorf("%s ytd = %s, want %d", m.ID, got, r.YearToDate[m.ID])
		}
	}
	rateRow := strconv.Itoa(4 + len(r.Config.Metrics))
	if got := cellOf(t, f, s, "D"+rateRow, false); got != r.YTDRate.Percent() {
		t.Errorf("ytd rate shown as %q, want %q", got, r.YTDRate.Percent())
	}
	raw, _ := strconv.ParseFloat(cellOf(t, f, s, "D"+rateRow, true), 64)
	if math.Abs(raw-r.YTDRate.Float()) > 1e-12 { // Excel keeps 15 digits
		t.Errorf("ytd rate value %v, want %v", raw, r.YTDRate.Float())
	}
	if got := cellOf(t, f, s, "C"+strconv.Itoa(5+len(r.Config.Metrics)), true); got != strconv.FormatInt(r.MonthRate.Den-r.MonthRate.Num, 10) {
		t.Errorf("未整改 = %s", got)
	}
	if got := cellOf(t, f, s, "C4", false); !strings.Contains(got, ",") {
		t.Errorf("count shown as %q, want thousands separator", got)
	}
}

func TestXLSXByUnit(t *testing.T) {
	r := rollupFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	s, n := "分单位", len(r.Config.Metrics)
	rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+len(r.Units)+1 {
		t.Fatalf("%d rows, want %d", len(rows), 3+len(r.Units)+1)
	}
	status := map[aggregate.Status]string{aggregate.Accepted: "已报送", aggregate.Missing: "未报送", aggregate.Excluded: "已退回"}
	for i, u := range r.Units {
		row := rows[3+i]
		if row[0] != u.Name || row[1] != status[u.Status] {
			t.Errorf("row %d = %q %q, want %s %s", 4+i, row[0], row[1], u.Name, status[u.Status])
		}
		for k, m := range r.Config.Metrics {
			if u.Status == aggregate.Accepted && row[2+k] != strconv.FormatInt(u.Month[m.ID], 10) {
				t.Errorf("%s %s month = %q, want %d", u.Name, m.ID, row[2+k], u.Month[m.ID])
			}
			if u.Status != aggregate.Accepted && row[2+k] != "" {
				t.Errorf("%s %s month = %q, want blank", u.Name, m.ID, row[2+k])
			}
			if row[2+n+k] != strconv.FormatInt(u.YearToDate[m.ID], 10) {
				t.Errorf("%s %s ytd = %q, want %d", u.Name, m.ID, row[2+n+k], u.YearToDate[m.ID])
			}
		}
		if row[4+2*n] != strconv.Itoa(u.Rank) {
			t.Errorf("%s rank %q, want %d", u.Name, row[4+2*n], u.Rank)
		}
	}
	total := rows[len(rows)-1]
	for k, m := range r.Config.Metrics {
		if total[2+k] != strconv.FormatInt(r.Month[m.ID], 10) {
			t.Errorf("total %s = %q", m.ID, total[2+k])
		}
	}
	merged, err := f.GetMergeCells(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != 7 {
		t.Errorf("%d merged ranges, want 7 (title, 单位, 状态, 本月, 累计, 整改率, 排名)", len(merged))
	}
}

// TestXLSXTextStaysText checks that texts from submissions that look like
// formulas are stored as strings.
func TestXLSXTextStaysText(t *testing.T) {
	r := rollupFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for y, row := range rows {
			for x := range row {
				ref, _ := excelize.CoordinatesToCellName(x+1, y+1)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					t.Errorf("%s!%s has formula %q", sheet, ref, fm)
				}
			}
		}
	}
	checks := map[string]string{"A3": r.Sources[0].File, "D3": r.Sources[0].Sheet}
	for ref, want := range checks {
		if got := cellOf(t, f, "数据来源", ref, true); got != want {
			t.Errorf("数据来源!%s = %q, want %q", ref, got, want)
		}
		if typ, _ := f.GetCellType("数据来源", ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("数据来源!%s type %v, want a string", ref, typ)
		}
	}
	if got := cellOf(t, f, "校验问题", "E2", true); got != "-1" {
		t.Errorf("校验问题!E2 = %q", got)
	}
}

func TestXLSXDeterministic(t *testing.T) {
	a := renderXLSX(t, rollupFixture(t))
	b := renderXLSX(t, rollupFixture(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same report differ")
	}
	props, err := openXLSX(t, a).GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2018-11-05T01:30:00Z" || props.Modified != props.Created {
		t.Errorf("created %q modified %q", props.Created, props.Modified)
	}
}

func TestXLSXEmptyReport(t *testing.T) {
	r := rollupFixture(t)
	r.Units, r.Missing, r.Excluded, r.Sources, r.Findings = nil, nil, nil, nil, nil
	r.Month, r.YearToDate = nil, nil
	r.MonthRate, r.YTDRate = aggregate.Rate{}, aggregate.Rate{}
	f := openXLSX(t, renderXLSX(t, r))
	if got := cellOf(t, f, "汇总", "C4", true); got != "0" {
		t.Errorf("C4 = %q, want 0", got)
	}
	if got := cellOf(t, f, "汇总", "C"+strconv.Itoa(4+len(r.Config.Metrics)), true); got != "—" {
		t.Errorf("rate = %q, want —", got)
	}
}

// TestXLSXOpenpyxl opens the workbook with another reader, when there is one.
func TestXLSXOpenpyxl(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	if exec.Command(py, "-c", "import openpyxl").Run() != nil {
		t.Skip("no openpyxl")
	}
	r := rollupFixture(t)
	path := filepath.Join(t.TempDir(), "briefing.xlsx")
	if err := os.WriteFile(path, renderXLSX(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
ws = wb["汇总"]
print(ws["A1"].value)
print(ws["C4"].value, ws["C4"].number_format)
print(wb["分单位"].freeze_panes)
print(wb["数据来源"]["A3"].data_type, wb["数据来源"]["A3"].value)
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	want := []string{
		"汇总,分单位,数据来源,校验问题",
		"2018年1—10月全市“两重两问”督查工作统计汇总",
		strconv.FormatInt(r.Month[r.Config.Metrics[0].ID], 10) + " #,##0",
		"B4",
		"s " + r.Sources[0].File,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("openpyxl read\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
}
