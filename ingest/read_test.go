package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"jianbao/internal/testkit"
	"jianbao/templates"
)

// 36 is the sum of 1..8: with simpleAreas every metric j totals 36*(j+1).
func simpleTotals() Figures {
	f := Figures{}
	for j, id := range templates.Default().MetricIDs() {
		f[id] = int64(36 * (j + 1))
	}
	return f
}

func codes(s *Submission) []string {
	var out []string
	for _, f := range s.Findings {
		out = append(out, f.Severity.String()+":"+f.Code())
	}
	return out
}

func TestReadLayouts(t *testing.T) {
	listRows := func(header []any, valueAt func(j int) []any) [][]any {
		rows := [][]any{{"东盟经开区2018年10月“两重两问”工作情况"}, header}
		for j, m := range templates.Default().Metrics {
			rows = append(rows, append([]any{m.Short}, valueAt(j)...))
		}
		return rows
	}
	textAreas := simpleAreas()
	textAreas[0][0] = "１"   // full-width
	textAreas[1][0] = "2人次" // measure after the number
	textAreas[2][0] = " 3 " // spaces
	textAreas[3][0] = 4.0   // a float
	textAreas[7][7] = "64"  // text
	zeroAreas := simpleAreas()
	zeroAreas[0][1], zeroAreas[0][2] = "—", "无" // 2 and 3 become zero
	zeroTotals := simpleTotals()
	zeroTotals["problems_found"] -= 2
	zeroTotals["problems_rectified"] -= 3

	cases := []struct {
		name   string
		file   string
		sheets []testSheet
		unit   string
		total  Figures
	}{
		{"standard with cached totals", "2018-10/青秀区.xlsx",
			[]testSheet{{name: "统计表", rows: standardRows(simpleAreas(), []any{36, 72, 108, 144, 180, 216, 252, 288}), merges: standardMerges}},
			"青秀区", simpleTotals()},
		{"standard with formulas and no cached values", "青秀区.xlsx",
			[]testSheet{{name: "统计表", rows: standardRows(simpleAreas(), sumFormulas()), merges: standardMerges}},
			"青秀区", simpleTotals()},
		{"no 合计 row, data sheet second", "x/青秀区.xlsx",
			[]testSheet{{name: "填报说明", rows: [][]any{{"请如实填写"}, {"派出监督检查人员：指本月派出的人次"}}},
				{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12], merges: standardMerges[:9]}},
			"青秀区", simpleTotals()},
		{"text numbers", "青秀区.xlsx",
			[]testSheet{{name: "Sheet1", rows: standardRows(textAreas, nil)[:12], merges: standardMerges[:9]}},
			"青秀区", simpleTotals()},
		{"zero marks", "青秀区.xlsx",
			[]testSheet{{name: "Sheet1", rows: standardRows(zeroAreas, nil)[:12], merges: standardMerges[:9]}},
			"青秀区", zeroTotals},
		{"totals-only list", "2018-10/东盟经开区.xlsx",
			[]testSheet{{name: "Sheet1", rows: listRows([]any{"指标", "数值"}, func(j int) []any { return []any{36 * (j + 1)} })}},
			"东盟经开区", simpleTotals()},
		{"list with 本月 and 累计", "东盟经开区-201810.xlsx",
			[]testSheet{{name: "Sheet1", rows: listRows([]any{"指标", "本月", "累计"}, func(j int) []any { return []any{36 * (j + 1), 1000} })}},
			"东盟经开区", simpleTotals()},
		{"list with 累计 first", "东盟经开区-201810.xlsx",
			[]testSheet{{name: "Sheet1", rows: listRows([]any{"指标", "累计", "本月"}, func(j int) []any { return []any{1000, 36 * (j + 1)} })}},
			"东盟经开区", simpleTotals()},
	}
	rd := NewReader(templates.Default())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := rd.Read(tc.file, buildXLSX(t, tc.sheets...))
			if !s.OK() {
				t.Fatalf("not OK: %v", s.Findings)
			}
			if s.Unit != tc.unit || s.Period != (Period{2018, 10}) {
				t.Errorf("unit, period = %q, %v", s.Unit, s.Period)
			}
			if !s.Total.Equal(tc.total) {
				t.Errorf("total = %v\nwant    %v", s.Total, tc.total)
			}
		})
	}
}

func TestReadRejects(t *testing.T) {
	withCell := func(i, j int, v any) [8][8]any {
		a := simpleAreas()
		a[i][j] = v
		return a
	}
	cases := []struct {
		name string
		file string
		rows [][]any
		code string
		cell string
	}{
		{"fraction", "青秀区.xlsx", standardRows(withCell(2, 1, 12.5), nil)[:12], "NOT_WHOLE_NUMBER", "D7"},
		{"negative", "青秀区.xlsx", standardRows(withCell(0, 0, -3), nil)[:12], "NOT_WHOLE_NUMBER", "C5"},
		{"words", "青秀区.xlsx", standardRows(withCell(7, 7, "若干"), nil)[:12], "NOT_WHOLE_NUMBER", "J12"},
		{"total mismatch", "青秀区.xlsx", standardRows(simpleAreas(), []any{36, 73, 108, 144, 180, 216, 252, 288}), "TOTAL_MISMATCH", "D13"},
		// Findings about the unit and the month are on the cell that says
		// them, or where they are to be written.
		{"unknown unit", "某某区.xlsx", replaceAll(standardRows(simpleAreas(), nil)[:12], "青秀区", "某某区"), "UNKNOWN_UNIT", "A2"},
		{"unknown period", "青秀区.xlsx", replaceAll(standardRows(simpleAreas(), nil)[:12], "2018年10月", ""), "UNKNOWN_PERIOD", "H2"},
		{"unit mismatch", "兴宁区.xlsx", standardRows(simpleAreas(), nil)[:12], "UNIT_MISMATCH", "A2"},
		{"period mismatch", "2018-09/青秀区.xlsx", standardRows(simpleAreas(), nil)[:12], "PERIOD_MISMATCH", "H2"},
		{"period of the title against the file name", "2018-09/青秀区.xlsx",
			replaceAll(standardRows(simpleAreas(), nil)[:12], "统计时段：2018年10月", "统计时段："), "PERIOD_MISMATCH", "A1"},
		{"another month in the title", "青秀区.xlsx",
			withTitle(standardRows(simpleAreas(), nil)[:12], "青秀区2018年9月“两重两问”督查工作统计表"), "PERIOD_MISMATCH", "A1"},
		{"no unit in the sheet", "x.xlsx",
			withTitle(replaceAll(standardRows(simpleAreas(), nil)[:12], "填报单位：青秀区", ""), "2018年10月督查工作统计表"), "UNKNOWN_UNIT", ""},
	}
	rd := NewReader(templates.Default())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := rd.Read(tc.file, buildXLSX(t, testSheet{name: "统计表", rows: tc.rows, merges: standardMerges[:9]}))
			errs := s.Errors()
			if len(errs) != 1 || errs[0].Code() != tc.code || errs[0].Cell != tc.cell {
				t.Fatalf("findings %v; want one %s at %q", s.Findings, tc.code, tc.cell)
			}
			msg := errs[0].Error()
			if !strings.Contains(msg, tc.file) || (tc.cell != "" && !strings.Contains(msg, tc.cell)) {
				t.Errorf("message %q does not say where", msg)
			}
		})
	}
}

func withTitle(rows [][]any, title string) [][]any {
	rows[0] = []any{title}
	return rows
}

func replaceAll(rows [][]any, old, new string) [][]any {
	for _, r := range rows {
		for j, v := range r {
			if s, ok := v.(string); ok {
				r[j] = strings.ReplaceAll(s, old, new)
			}
		}
	}
	return rows
}

// A sheet for another month than the one asked for is noted on the cell
// that states its month.
func TestWrongPeriodCell(t *testing.T) {
	rd := NewReader(templates.Default())
	rd.Period = Period{2018, 9}
	s := rd.Read("青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12], merges: standardMerges[:9]}))
	errs := s.Errors()
	if len(errs) != 1 || errs[0].Code() != ErrWrongPeriod.Code || errs[0].Cell != "H2" {
		t.Fatalf("findings %v, want %s at H2", s.Findings, ErrWrongPeriod.Code)
	}
}

// A sheet left blank is refused on its figure cells, across the table.
func TestReadAllBlank(t *testing.T) {
	var blank [8][8]any
	cases := []struct {
		name string
		rows [][]any
		cell string
	}{
		{"with a 合计 row", standardRows(blank, []any{nil, nil, nil, nil, nil, nil, nil, nil}), "C5:J12"},
		{"without", standardRows(blank, nil)[:12], "C5:J12"},
	}
	rd := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rd.Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: c.rows, merges: standardMerges[:9]}))
			es := s.Errors()
			if len(es) != 1 || es[0].Code() != ErrNotFilled.Code || es[0].Cell != c.cell {
				t.Fatalf("findings %v, want %s at %s", s.Findings, ErrNotFilled.Code, c.cell)
			}
		})
	}
}

func TestReadMissingMetric(t *testing.T) {
	rows := standardRows(simpleAreas(), nil)[:12]
	for _, r := range rows {
		if len(r) > 2 {
			r[2] = nil // drop column C, 派出监督检查人员
		}
	}
	s := NewReader(templates.Default()).Read("青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: rows}))
	errs := s.Errors()
	if len(errs) != 1 || !errors.Is(errs[0], ErrMissingMetric) || !strings.Contains(errs[0].Error(), "派出监督检查人员") {
		t.Fatalf("findings %v; want MISSING_METRIC naming 派出监督检查人员", s.Findings)
	}
}

func TestReadAmbiguousSheets(t *testing.T) {
	sheet := func(name string) testSheet {
		return testSheet{name: name, rows: standardRows(simpleAreas(), nil)[:12]}
	}
	s := NewReader(templates.Default()).Read("青秀区.xlsx", buildXLSX(t, sheet("10月"), sheet("10月（旧）")))
	if errs := s.Errors(); len(errs) != 1 || errs[0].Code() != "AMBIGUOUS_SHEETS" || !strings.Contains(errs[0].Error(), "10月（旧）") {
		t.Fatalf("findings %v; want AMBIGUOUS_SHEETS naming both", s.Findings)
	}
	hidden := sheet("旧")
	hidden.hidden = true
	s = NewReader(templates.Default()).Read("青秀区.xlsx", buildXLSX(t, sheet("10月"), hidden))
	if !s.OK() || s.Sheet != "10月" {
		t.Fatalf("a hidden old copy should give way to the visible sheet: %v %v", s.Sheet, s.Findings)
	}
}

func TestReadNotASpreadsheet(t *testing.T) {
	rd := NewReader(templates.Default())
	good := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12]})
	cases := map[string][]byte{
		"text renamed":  []byte("这不是表格"),
		"truncated zip": good[:len(good)/2],
		"empty":         nil,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			s := rd.Read("青秀区.xlsx", data)
			if errs := s.Errors(); len(errs) == 0 || errs[0].Code() != "UNREADABLE_FILE" {
				t.Fatalf("findings %v; want UNREADABLE_FILE", s.Findings)
			}
		})
	}
}

func TestReconcile(t *testing.T) {
	rd := NewReader(templates.Default())
	a := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12]})
	b := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(func() [8][8]any { x := simpleAreas(); x[0][0] = 99; return x }(), nil)[:12]})
	t.Run("duplicate counts once", func(t *testing.T) {
		subs := []*Submission{rd.Read("青秀区.xlsx", a), rd.Read("青秀区（副本）.xlsx", a)}
		rd.Reconcile(subs)
		if !subs[0].OK() || !subs[1].OK() || subs[0].DuplicateOf != "" || subs[1].DuplicateOf != "青秀区.xlsx" {
			t.Fatalf("duplicate not marked: %+v", subs[1])
		}
	})
	t.Run("conflict counts neither", func(t *testing.T) {
		subs := []*Submission{rd.Read("青秀区.xlsx", a), rd.Read("青秀区 - 副本.xlsx", b)}
		rd.Reconcile(subs)
		for _, s := range subs {
			if s.OK() || s.Errors()[0].Code() != "CONFLICT" {
				t.Fatalf("%s: %v; want CONFLICT", s.File, s.Findings)
			}
		}
	})
}

func TestUnmatchedColumns(t *testing.T) {
	rows := standardRows(simpleAreas(), nil)[:12]
	rows[2] = append(rows[2], nil, "备注", "督查销号数", "其他数据") // K, L, M
	for i := 4; i < 12; i++ {
		rows[i] = append(rows[i], "已完成", 3, 2)
	}
	s := NewReader(templates.Default()).Read("青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: rows, merges: standardMerges[:9]}))
	var got []string
	for _, f := range s.Findings {
		got = append(got, f.Code()+"@"+f.Cell)
	}
	// Numbers under a header that names no metric are not dropped unseen:
	// each such column is an error at its first number.
	want := "UNACCOUNTED_NUMBER@L5 UNACCOUNTED_NUMBER@M5"
	if strings.Join(got, " ") != want {
		t.Fatalf("findings %v, want %s", got, want)
	}
}

func TestCumulativeChecked(t *testing.T) {
	list := func(month string, value, cum int) []byte {
		rows := [][]any{{"东盟经开区2018年" + month + "月“两重两问”工作情况"}, {"指标", "本月", "累计"}}
		for _, m := range templates.Default().Metrics {
			rows = append(rows, []any{m.Name, value, cum})
		}
		return buildXLSX(t, testSheet{name: "Sheet1", rows: rows})
	}
	rd := NewReader(templates.Default())
	subs := []*Submission{rd.Read("1.xlsx", list("1", 3, 3)), rd.Read("2.xlsx", list("2", 4, 8))}
	rd.Reconcile(subs)
	var cells []string
	for _, f := range subs[1].Warnings() {
		if f.Code() == ErrCumulative.Code {
			cells = append(cells, f.Cell)
		}
	}
	if len(cells) != 8 || cells[0] != "C3" {
		t.Fatalf("cumulative warnings at %v; want 8, the first at C3 (findings %v)", cells, subs[1].Findings)
	}
	if w := subs[0].Warnings(); len(w) != 0 {
		t.Errorf("January's 累计 equals its month: %v", w)
	}
}

// A file that grows past the size limit while it is read is refused as too
// large: only the limit and one byte more are ever read.
func TestReadGrowingFile(t *testing.T) {
	for _, c := range []struct {
		name  string
		limit int64
		size  int
		large bool
	}{
		{"within", 64, 64, false},
		{"past", 64, 65, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rd := NewReader(templates.Default())
			rd.Limits.FileBytes = c.limit
			data, err := rd.readLimited(strings.NewReader(strings.Repeat("x", c.size)), 0)
			if large := errors.Is(err, ErrTooLarge); large != c.large || (!c.large && (err != nil || len(data) != c.size)) {
				t.Errorf("%d bytes, limit %d: %d bytes, %v", c.size, c.limit, len(data), err)
			}
		})
	}
}

// A file that cannot be read still has the unit and month its path names,
// for the lists that show it.
func TestUnreadableNamedByPath(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.xlsx")
	if err := os.WriteFile(big, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		why, path, name string
		code            string
	}{
		{"missing", filepath.Join(dir, "none.xlsx"), "2018-10/青秀区.xlsx", "FILE_NOT_FOUND"},
		{"folder", dir, "2018-10/青秀区.xlsx", "UNREADABLE_FILE"},
		{"too large", big, "2018-10/青秀区.xlsx", "TOO_LARGE"},
		{"unlisted folder", filepath.Join(dir, "none"), "2018-10/青秀区/", "UNREADABLE_FOLDER"},
		{"timeout", big, "2018-10/青秀区.xlsx", "READ_TIMEOUT"},
	} {
		t.Run(c.why, func(t *testing.T) {
			rd := NewReader(templates.Default())
			rd.Limits.FileBytes = 50
			if c.code == "READ_TIMEOUT" {
				release := make(chan struct{})
				defer close(release)
				rd.Limits.Time = time.Millisecond
				rd.readFile = func(p, name string, _ <-chan struct{}) *Submission { <-release; return rd.ReadFile(p, name) }
			}
			s := rd.readBounded(c.path, c.name, newMemoryBudget(rd.memory()))
			if got := codes(s); len(got) != 1 || got[0] != "error:"+c.code || s.Unit != "青秀区" || s.Period.String() != "2018-10" {
				t.Errorf("codes %v, unit %q, period %q; want %s, 青秀区, 2018-10", got, s.Unit, s.Period, c.code)
			}
		})
	}
}

// TestStaleFormulaRefused reads a sample whose figure C5 is a formula:
// when the value the file holds for it is what the formula gives, it
// counts; when not, the figure is an error at its cell, never either
// number.
func TestStaleFormulaRefused(t *testing.T) {
	data, err := os.ReadFile("../samples/2018-10/经开区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		formula string
		want    []string
	}{
		{"20+3", nil},
		{"SUM(D5)", nil},
		{"20+1", []string{"error:FORMULA_STALE"}},
		{"SUM(D5:E5)", []string{"error:FORMULA_STALE"}},
	} {
		t.Run(c.formula, func(t *testing.T) {
			edited := testkit.RewritePart(t, data, "xl/worksheets/sheet2.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte(`<c r="C5" s="3"><v>23</v></c>`), []byte(`<c r="C5" s="3"><f>`+c.formula+`</f><v>23</v></c>`), 1)
			})
			s := NewReader(templates.Default()).Read("2018-10/经开区.xlsx", edited)
			if got := codes(s); !slices.Equal(got, c.want) {
				t.Fatalf("codes %v, want %v", got, c.want)
			}
			if c.want != nil && s.Errors()[0].Cell != "C5" {
				t.Errorf("finding at %q, want C5", s.Errors()[0].Cell)
			}
		})
	}
}

// A figure whose formula has no value the file holds and that this program
// does not work out (a circular reference, a function over whole columns)
// is an error at its cell, never a number.
func TestUncomputedFormulaRefused(t *testing.T) {
	data, err := os.ReadFile("../samples/2018-10/经开区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, formula := range []string{"C5+1", "SUMPRODUCT(ROW(A1:A1048576))", "SUM(C:C)", "Sheet9!C5"} {
		t.Run(formula, func(t *testing.T) {
			edited := testkit.RewritePart(t, data, "xl/worksheets/sheet2.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte(`<c r="C5" s="3"><v>23</v></c>`), []byte(`<c r="C5" s="3"><f>`+formula+`</f></c>`), 1)
			})
			s := NewReader(templates.Default()).Read("2018-10/经开区.xlsx", edited)
			errs := s.Errors()
			if len(errs) == 0 || errs[0].Code() != ErrFormulaNoValue.Code || errs[0].Cell != "C5" {
				t.Fatalf("findings %v, want FORMULA_NO_VALUE at C5", s.Findings)
			}
		})
	}
}
