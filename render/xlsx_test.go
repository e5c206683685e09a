package render

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// at names the cell at a 1-based column and row.
func at(col, row int) string { return cell(col, row) }

// xlsxFixture is the rollup fixture with work areas, months, last month,
// last year and the cells the figures came from.
func xlsxFixture(t *testing.T) *aggregate.Report {
	r := rollupFixture(t)
	ids := r.Config.MetricIDs()
	cols := "CDEFGHIJ"
	var sources []aggregate.Source
	for i := range r.Sources.Len() {
		src := r.Sources.At(i)
		src.Cells = map[string]string{}
		for k, id := range ids {
			src.Cells[id] = string(cols[k%len(cols)]) + "13"
		}
		sources = append(sources, src)
	}
	r.Sources = aggregate.SourceList(sources)
	for m := 1; m <= 10; m++ {
		tot := aggregate.Figures{}
		for k, id := range ids {
			tot[id] = int64(10*m + k)
		}
		r.ByMonth = append(r.ByMonth, aggregate.MonthTotals{Period: aggregate.Period{Year: 2018, Month: m}, Totals: tot, Units: 16 - m%2})
	}
	r.Areas = []aggregate.AreaTotals{
		{Area: "脱贫攻坚", Configured: true, Month: r.Month.Clone(), YearToDate: r.YearToDate.Clone()},
		{Area: "未分类", Month: aggregate.Figures{ids[0]: 5}, YearToDate: aggregate.Figures{ids[0]: 50}},
	}
	return r
}

func TestXLSXSheets(t *testing.T) {
	f := openXLSX(t, renderXLSX(t, xlsxFixture(t)))
	want := []string{"汇总", "分单位", "分类别", "逐月", "图表", "数据来源", "校验问题"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for _, s := range want {
		if v := cellOf(t, f, s, "A1", false); v == "" {
			t.Errorf("%s has no title row", s)
		}
	}
}

func TestXLSXSummary(t *testing.T) {
	// earlier gives each unit with figures this month figures of an
	// earlier period: last month, the same month last year; unit 0 has
	// none (so that the comparison is of fewer units than the month).
	earlier := func(r *aggregate.Report, set func(u *aggregate.UnitRow, f aggregate.Figures)) {
		for i := range r.Units {
			u := &r.Units[i]
			if !u.Reported() || i == 0 {
				continue
			}
			p := aggregate.Figures{}
			for k, id := range r.Config.MetricIDs() {
				p[id] = u.Month[id] - int64(k+i%3)
			}
			set(u, p)
		}
	}
	lastMonth := func(r *aggregate.Report) {
		r.PrevMonth = aggregate.Figures{}
		earlier(r, func(u *aggregate.UnitRow, f aggregate.Figures) { u.PrevMonth = f; r.PrevMonth.Add(f) })
		r.PrevMonth.Add(r.Units[0].Month) // September's total has a unit this comparison leaves out
	}
	tests := []struct {
		name  string
		setup func(r *aggregate.Report)
		heads map[string]string // cell -> header on row 4
		ytd   string            // column of the year to date
	}{
		{"no comparisons", func(*aggregate.Report) {}, map[string]string{"C4": "本月", "D4": "累计"}, "D"},
		{"last month", lastMonth,
			map[string]string{"C4": "本月", "D4": "上月（13个单位可比）", "E4": "比上月增减", "F4": "比上月增幅", "G4": "累计"}, "G"},
		{"last month and last year", func(r *aggregate.Report) {
			lastMonth(r)
			earlier(r, func(u *aggregate.UnitRow, f aggregate.Figures) { u.LastYearMonth = f })
			for i := range r.Units {
				r.Units[i].LastYearToDate = r.Units[i].YearToDate.Clone()
			}
		}, map[string]string{"D4": "上月（13个单位可比）", "G4": "去年同月（13个单位可比）", "J4": "累计", "K4": "去年同期（14个单位可比）", "L4": "同比增减"}, "J"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := xlsxFixture(t)
			tc.setup(r)
			f := openXLSX(t, renderXLSX(t, r))
			s := "汇总"
			if got := cellOf(t, f, s, "A1", false); got != "2018年1—10月全市“两重两问”督查工作统计汇总" {
				t.Errorf("title %q", got)
			}
			if got := cellOf(t, f, s, "C3", false); got != "2018年10月（16个单位中14个）" {
				t.Errorf("month group %q", got)
			}
			if got := cellOf(t, f, s, tc.ytd+"3", false); got != "1—10月累计（应报160份中的158份）" {
				t.Errorf("year-to-date group %q", got)
			}
			mom := r.MonthOnMonth()
			for ref, want := range tc.heads {
				if got := cellOf(t, f, s, ref, false); got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}
			for i, m := range r.Config.Metrics {
				row := strconv.Itoa(5 + i)
				if got := cellOf(t, f, s, "A"+row, false); got != m.Name {
					t.Errorf("A%s = %q, want %q", row, got, m.Name)
				}
				if got := cellOf(t, f, s, "C"+row, true); got != strconv.FormatInt(r.Month[m.ID], 10) {
					t.Errorf("%s month = %s, want %d", m.ID, got, r.Month[m.ID])
				}
				if got := cellOf(t, f, s, tc.ytd+row, true); got != strconv.FormatInt(r.YearToDate[m.ID], 10) {
					t.Errorf("%s ytd = %s, want %d", m.ID, got, r.YearToDate[m.ID])
				}
				if mom.Valid() {
					if got := cellOf(t, f, s, "D"+row, true); got != strconv.FormatInt(mom.Then[m.ID], 10) {
						t.Errorf("%s last month = %s, want %d (the units compared)", m.ID, got, mom.Then[m.ID])
					}
					if got := cellOf(t, f, s, "E"+row, true); got != strconv.FormatInt(mom.Now[m.ID]-mom.Then[m.ID], 10) {
						t.Errorf("%s change = %s, want %d", m.ID, got, mom.Now[m.ID]-mom.Then[m.ID])
					}
				}
			}
			rateRow := strconv.Itoa(5 + len(r.Config.Metrics))
			if got := cellOf(t, f, s, tc.ytd+rateRow, false); got != r.YTDRate.Percent() {
				t.Errorf("ytd rate shown as %q, want %q", got, r.YTDRate.Percent())
			}
			raw, _ := strconv.ParseFloat(cellOf(t, f, s, tc.ytd+rateRow, true), 64)
			if math.Abs(raw-r.YTDRate.Float()) > 1e-12 { // Excel keeps 15 digits
				t.Errorf("ytd rate value %v, want %v", raw, r.YTDRate.Float())
			}
			if got := cellOf(t, f, s, "C"+strconv.Itoa(6+len(r.Config.Metrics)), true); got != strconv.FormatInt(r.MonthRate.Den-r.MonthRate.Num, 10) {
				t.Errorf("未整改 = %s", got)
			}
			if got := cellOf(t, f, s, "C5", false); !strings.Contains(got, ",") {
				t.Errorf("count shown as %q, want thousands separator", got)
			}
		})
	}
}

func TestXLSXByUnit(t *testing.T) {
	r := xlsxFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	s, n := "分单位", len(r.Config.Metrics)
	status := map[aggregate.Status]string{aggregate.Accepted: "已报送", aggregate.Missing: "未报送", aggregate.Excluded: "已退回"}
	for i, u := range r.Units {
		row := 4 + i
		if got := cellOf(t, f, s, at(1, row), false); got != u.Name {
			t.Errorf("row %d unit %q, want %s", row, got, u.Name)
		}
		if got := cellOf(t, f, s, at(2, row), false); got != status[u.Status] {
			t.Errorf("%s status %q", u.Name, got)
		}
		for k, m := range r.Config.Metrics {
			month := cellOf(t, f, s, at(3+k, row), true)
			if u.Status == aggregate.Accepted && month != strconv.FormatInt(u.Month[m.ID], 10) {
				t.Errorf("%s %s month = %q, want %d", u.Name, m.ID, month, u.Month[m.ID])
			}
			if u.Status != aggregate.Accepted && month != "" {
				t.Errorf("%s %s month = %q, want blank", u.Name, m.ID, month)
			}
			if got := cellOf(t, f, s, at(3+n+k, row), true); got != strconv.FormatInt(u.YearToDate[m.ID], 10) {
				t.Errorf("%s %s ytd = %q, want %d", u.Name, m.ID, got, u.YearToDate[m.ID])
			}
		}
		if got := cellOf(t, f, s, at(4+2*n, row), false); got != u.YTDRate.Percent() {
			t.Errorf("%s rate %q, want %s", u.Name, got, u.YTDRate.Percent())
		}
		if got := cellOf(t, f, s, at(5+2*n, row), true); got != strconv.FormatInt(u.YTDRate.Den-u.YTDRate.Num, 10) {
			t.Errorf("%s unrectified %q", u.Name, got)
		}
		if got := cellOf(t, f, s, at(6+2*n, row), true); got != strconv.Itoa(u.Rank) {
			t.Errorf("%s rank %q, want %d", u.Name, got, u.Rank)
		}
		// a unit with no sheet this month shows its year-to-date rank
		// marked (5*), the cell keeping the number
		id, err := f.GetCellStyle(s, at(6+2*n, row))
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if marked := st.CustomNumFmt != nil && *st.CustomNumFmt == `0"*"`; marked == u.Reported() {
			t.Errorf("%s (status %s) rank format %v", u.Name, u.Status, st.CustomNumFmt)
		}
	}
	if got := cellOf(t, f, s, at(3, 2), false); got != "本月（16个单位中14个）" {
		t.Errorf("month group %q", got)
	}
	total := 4 + len(r.Units)
	for k, m := range r.Config.Metrics {
		if got := cellOf(t, f, s, at(3+k, total), true); got != strconv.FormatInt(r.Month[m.ID], 10) {
			t.Errorf("total %s = %q", m.ID, got)
		}
	}
	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v %v, want frozen header", panes, err)
	}
	cf, err := f.GetConditionalFormats(s)
	if err != nil || len(cf) < 2 {
		t.Errorf("conditional formats %v %v, want colour scales and data bars", cf, err)
	}
	if !strings.Contains(sheetXML(t, renderXLSX(t, r), 2), "<autoFilter ref=\"$A$3:") {
		t.Error("分单位 has no autofilter on its header")
	}
}

func TestXLSXByAreaAndMonth(t *testing.T) {
	r := xlsxFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	n := len(r.Config.Metrics)
	id := r.Config.Metrics[0].ID
	for i, a := range r.Areas {
		if got := cellOf(t, f, "分类别", at(1, 4+i), false); got != a.Area {
			t.Errorf("area row %d = %q, want %q", i, got, a.Area)
		}
		if got := cellOf(t, f, "分类别", at(3+n, 4+i), true); got != strconv.FormatInt(a.YearToDate[id], 10) {
			t.Errorf("%s ytd = %q, want %d", a.Area, got, a.YearToDate[id])
		}
	}
	if got := cellOf(t, f, "分类别", at(3, 4+len(r.Areas)), true); got != strconv.FormatInt(r.Month[id]+5, 10) {
		t.Errorf("area total = %q", got)
	}
	var sum int64
	for i, m := range r.ByMonth {
		sum += m.Totals[id]
		if got := cellOf(t, f, "逐月", at(1, 3+i), false); got != m.Period.Chinese() {
			t.Errorf("month row %d = %q", i, got)
		}
		if got := cellOf(t, f, "逐月", at(3, 3+i), true); got != strconv.FormatInt(m.Totals[id], 10) {
			t.Errorf("%s = %q, want %d", m.Period, got, m.Totals[id])
		}
	}
	if got := cellOf(t, f, "逐月", at(3, 3+len(r.ByMonth)), true); got != strconv.FormatInt(sum, 10) {
		t.Errorf("months total = %q, want %d", got, sum)
	}
}

// zipFile reads one part of a workbook.
func zipFile(t *testing.T, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	return ""
}

// sheetXML is the XML of the i-th sheet (1-based, in the order added).
func sheetXML(t *testing.T, b []byte, i int) string {
	return zipFile(t, b, "xl/worksheets/sheet"+strconv.Itoa(i)+".xml")
}

var xlsxTarget = regexp.MustCompile(`Target="\.\./(?:drawings|charts)/((?:drawing|chart)\d+\.xml)"`)

// chartsOf lists the chart parts drawn on the i-th sheet.
func chartsOf(t *testing.T, b []byte, i int) []string {
	rels := zipFile(t, b, "xl/worksheets/_rels/sheet"+strconv.Itoa(i)+".xml.rels")
	var charts []string
	for _, m := range xlsxTarget.FindAllStringSubmatch(rels, -1) {
		d := zipFile(t, b, "xl/drawings/_rels/"+m[1]+".rels")
		for _, c := range xlsxTarget.FindAllStringSubmatch(d, -1) {
			charts = append(charts, zipFile(t, b, "xl/charts/"+c[1]))
		}
	}
	return charts
}

func TestXLSXCharts(t *testing.T) {
	b := renderXLSX(t, xlsxFixture(t))
	tests := []struct {
		sheet  int
		n      int
		titles []string
	}{
		{4, 1, []string{"督查发现问题与完成整改情况", "整改率"}},
		{5, 2, []string{"各单位督查发现问题与完成整改问题", "各单位整改率", "单位", "数量（个）"}},
	}
	for _, tc := range tests {
		charts := chartsOf(t, b, tc.sheet)
		if len(charts) != tc.n {
			t.Errorf("sheet %d has %d charts, want %d", tc.sheet, len(charts), tc.n)
			continue
		}
		all := strings.Join(charts, "")
		for _, s := range tc.titles {
			if !strings.Contains(all, s) {
				t.Errorf("sheet %d charts lack %q", tc.sheet, s)
			}
		}
		if strings.Count(all, `<a:srgbClr val="000000">`) < 3 {
			t.Errorf("sheet %d chart text not dark", tc.sheet)
		}
		if !strings.Contains(all, "&#39;") {
			t.Errorf("sheet %d chart references unquoted", tc.sheet)
		}
	}
}

func TestXLSXSources(t *testing.T) {
	r := xlsxFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	s := "数据来源"
	info := map[string]string{"C2": "jianbao " + r.Version, "C3": "c0ffee", "C4": "2018-11-05T09:30:00+08:00（--generated-at）"}
	for ref, want := range info {
		if got := cellOf(t, f, s, ref, false); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	n := len(r.Config.Metrics)
	for i := range r.Sources.Len() { // one period: in the configured order
		src := r.Sources.At(i)
		row := 11 + i
		for c, want := range map[int]string{1: src.Unit, 2: src.Period.String(), 3: src.File, 4: src.Sheet, 5 + 2*n: src.Hash()} {
			if got := cellOf(t, f, s, at(c, row), true); got != want {
				t.Errorf("%s row %d col %d = %q, want %q", src.Unit, row, c, got, want)
			}
		}
		for k, m := range r.Config.Metrics {
			if got := cellOf(t, f, s, at(5+2*k, row), true); got != strconv.FormatInt(src.Counts[k], 10) {
				t.Errorf("%s %s = %q", src.Unit, m.ID, got)
			}
			if got := cellOf(t, f, s, at(6+2*k, row), true); got != src.Cells[m.ID] {
				t.Errorf("%s %s cell = %q, want %q", src.Unit, m.ID, got, src.Cells[m.ID])
			}
		}
	}
	rows, err := f.GetRows(s)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) > 4 && row[2] == r.Excluded[0].File && strings.Contains(row[4], "不是非负整数") {
			found = true
		}
	}
	if !found {
		t.Error("excluded sheet and its reasons not listed")
	}
	for i, fd := range r.Findings {
		for c, want := range map[int]string{3: fd.Unit, 4: fd.File, 5: fd.Sheet, 6: fd.Cell, 7: fd.Value, 8: fd.Message, 9: fd.Fix, 10: fd.Code} {
			if got := cellOf(t, f, "校验问题", at(c, 3+i), true); got != want {
				t.Errorf("finding %d col %d = %q, want %q", i, c, got, want)
			}
		}
	}
}

// TestXLSXTextStaysText checks that no cell is a formula and that texts
// from submissions that look like formulas are stored as strings.
func TestXLSXTextStaysText(t *testing.T) {
	r := xlsxFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for y, row := range rows {
			for x := range row {
				if fm, _ := f.GetCellFormula(sheet, at(x+1, y+1)); fm != "" {
					t.Errorf("%s!%s has formula %q", sheet, at(x+1, y+1), fm)
				}
			}
		}
	}
	excludedRow := 0
	rows, _ := f.GetRows("数据来源")
	for i, row := range rows {
		if len(row) > 2 && row[2] == r.Excluded[0].File {
			excludedRow = i + 1
		}
	}
	tests := []struct{ sheet, ref, want string }{
		{"数据来源", "C11", "+10月 市本级.xlsx"},
		{"数据来源", "D11", "=Sheet1"},
		{"数据来源", at(3, excludedRow), "=HYPERLINK(\"x\").xlsx"},
		{"校验问题", "D3", "=HYPERLINK(\"x\").xlsx"},
		{"校验问题", "G3", "-1"},
	}
	for _, tc := range tests {
		if got := cellOf(t, f, tc.sheet, tc.ref, true); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.ref, got, tc.want)
		}
		if typ, _ := f.GetCellType(tc.sheet, tc.ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type %v, want a string", tc.sheet, tc.ref, typ)
		}
	}
}

func TestXLSXPrintAndProps(t *testing.T) {
	r := xlsxFixture(t)
	f := openXLSX(t, renderXLSX(t, r))
	for _, s := range f.GetSheetList() {
		pl, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Size != 9 || *pl.FitToWidth != 1 {
			t.Errorf("%s: paper %d, fit to width %d", s, *pl.Size, *pl.FitToWidth)
		}
		if s == "图表" && *pl.Orientation != "landscape" {
			t.Errorf("%s prints %s", s, *pl.Orientation)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
			t.Errorf("%s footer %+v %v", s, hf, err)
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title == "" || props.Subject != "2018年10月（1—10月累计）" || !strings.Contains(props.Description, "jianbao") {
		t.Errorf("doc props %+v", props)
	}
	if props.Created != "2018-11-05T01:30:00Z" || props.Modified != props.Created {
		t.Errorf("created %q modified %q", props.Created, props.Modified)
	}
}

func TestXLSXDeterministic(t *testing.T) {
	a := renderXLSX(t, xlsxFixture(t))
	b := renderXLSX(t, xlsxFixture(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same report differ")
	}
}

func TestXLSXEmptyReport(t *testing.T) {
	r := rollupFixture(t)
	r.Units, r.Missing, r.Excluded, r.Sources, r.Findings = nil, nil, nil, aggregate.Sources{}, nil
	r.Month, r.YearToDate = nil, nil
	r.MonthRate, r.YTDRate = aggregate.Rate{}, aggregate.Rate{}
	f := openXLSX(t, renderXLSX(t, r))
	if got := cellOf(t, f, "汇总", "C5", true); got != "0" {
		t.Errorf("C5 = %q, want 0", got)
	}
	if got := cellOf(t, f, "汇总", "C"+strconv.Itoa(5+len(r.Config.Metrics)), true); got != "—" {
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
	r := xlsxFixture(t)
	path := filepath.Join(t.TempDir(), "briefing.xlsx")
	if err := os.WriteFile(path, renderXLSX(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
ws = wb["汇总"]
print(ws["A1"].value)
print(ws["C5"].value, ws["C5"].number_format)
print(wb["分单位"].freeze_panes)
print(wb["数据来源"]["D11"].data_type, wb["数据来源"]["D11"].value)
print(",".join(str(len(w._charts)) for w in wb.worksheets))
print(sum(1 for w in wb.worksheets for row in w.iter_rows() for c in row if c.data_type == "f"))
`
	var stderr bytes.Buffer
	cmd := exec.Command(py, "-W", "ignore", "-c", script, path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	want := []string{
		"汇总,分单位,分类别,逐月,图表,数据来源,校验问题",
		"2018年1—10月全市“两重两问”督查工作统计汇总",
		strconv.FormatInt(r.Month[r.Config.Metrics[0].ID], 10) + " #,##0",
		"C4",
		"s =Sheet1",
		"0,0,0,1,2,0,0",
		"0",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("openpyxl read\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
}

// 校验问题 names each finding's unit and says how to fix it; a row is as
// high as its longest wrapped text needs, never above 409 points, and a
// short one keeps one line.
func TestXLSXFindingsSheet(t *testing.T) {
	r := xlsxFixture(t)
	long := strings.Repeat("合计与各行之和不符，请逐行核对本月数字", 12) // about 230 characters
	r.Findings = append(r.Findings,
		aggregate.Finding{Unit: "兴宁区", File: "10月/兴宁区.xlsx", Sheet: "统计表", Cell: "C13", Code: "TOTAL_MISMATCH",
			Severity: "error", Message: long, Fix: "请核对合计行，或改用求和公式"},
		aggregate.Finding{Unit: "江南区", File: "10月/江南区.xlsx", Code: "TOTAL_MISMATCH", Severity: "error",
			Message: strings.Repeat(long, 4), Fix: "请核对"})
	f := openXLSX(t, renderXLSX(t, r))
	s := "校验问题"
	heads := []string{"序号", "级别", "单位", "文件", "工作表", "单元格", "单元格内容", "问题", "修改方法", "代码"}
	for i, h := range heads {
		if got := cellOf(t, f, s, at(i+1, 2), false); got != h {
			t.Errorf("header %d = %q, want %q", i+1, got, h)
		}
	}
	row := 3 + len(r.Findings) - 2
	if got := cellOf(t, f, s, at(3, row), false); got != "兴宁区" {
		t.Errorf("unit %q", got)
	}
	if got := cellOf(t, f, s, at(9, row), false); got != "请核对合计行，或改用求和公式" {
		t.Errorf("fix %q", got)
	}
	h, err := f.GetRowHeight(s, row)
	if err != nil || h < 15*5 {
		t.Errorf("row of a long message is %v points high (%v)", h, err)
	}
	if h, _ := f.GetRowHeight(s, row+1); h < 390 || h > 409 {
		t.Errorf("row of a very long message is %v points high, want nearly 409", h)
	}
	if h, _ := f.GetRowHeight(s, 4); h > 20 {
		t.Errorf("row of a short message is %v points high", h)
	}
	w, err := f.GetColWidth(s, "H")
	if err != nil || w > 45 {
		t.Errorf("message column %v wide (%v)", w, err)
	}
}
