package render

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"jianbao/aggregate"
	"jianbao/templates"
)

// rollupFixture builds a Report by hand for the renderer tests: October
// 2018, every configured unit, the second-last missing, the last excluded,
// and submission texts that look like formulas.
func rollupFixture(t testing.TB) *aggregate.Report {
	t.Helper()
	cfg := templates.Default()
	cfg.Hash = "c0ffee"
	ids := cfg.MetricIDs()
	r := &aggregate.Report{
		Config: cfg, Period: aggregate.Period{Year: 2018, Month: 10}, From: aggregate.Period{Year: 2018, Month: 1},
		Month: aggregate.Figures{}, YearToDate: aggregate.Figures{},
		GeneratedAt: time.Date(2018, 11, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
	}
	n := len(cfg.Units)
	var sources []aggregate.Source
	for i, u := range cfg.Units {
		row := aggregate.UnitRow{Name: u.Name, Kind: u.Kind, Status: aggregate.Accepted,
			Month: aggregate.Figures{}, YearToDate: aggregate.Figures{}}
		switch i {
		case n - 2:
			row.Status = aggregate.Missing
			r.Missing = append(r.Missing, u.Name)
		case n - 1:
			row.Status = aggregate.Excluded
			r.Excluded = append(r.Excluded, aggregate.ExcludedSheet{File: "=HYPERLINK(\"x\").xlsx", Unit: u.Name,
				Period: "2018-10", Reasons: []string{"-1 不是非负整数", "@合计与各行之和不符"}, Codes: []string{"NOT_WHOLE_NUMBER", "TOTAL_MISMATCH"}})
		}
		for k, id := range ids {
			if row.Status == aggregate.Accepted {
				row.Month[id] = int64(100*(8-k) + 7*i)
			}
			row.YearToDate[id] = int64(1000*(8-k) + 13*i)
		}
		if row.Status == aggregate.Accepted {
			row.Month[ids[2]] = row.Month[ids[1]] - int64(i%3)
			src := aggregate.Source{File: "10月/" + u.Name + ".xlsx", SHA256: [32]byte(bytes.Repeat([]byte{0xab}, 32)),
				Sheet: "统计表", Unit: u.Name, Period: aggregate.Period{Year: 2018, Month: 10}}
			for _, id := range ids {
				src.Counts = append(src.Counts, row.Month[id])
			}
			if i == 0 {
				src.File, src.Sheet = "+10月 市本级.xlsx", "=Sheet1"
			}
			sources = append(sources, src)
		}
		row.YearToDate[ids[2]] = row.YearToDate[ids[1]] - int64(i)
		row.MonthRate = aggregate.Rate{Num: row.Month[ids[2]], Den: row.Month[ids[1]]}
		row.YTDRate = aggregate.Rate{Num: row.YearToDate[ids[2]], Den: row.YearToDate[ids[1]]}
		for m := 1; m <= 10; m++ {
			if m < 10 || row.Status == aggregate.Accepted {
				row.Months = append(row.Months, aggregate.Period{Year: 2018, Month: m})
			}
		}
		r.Month.Add(row.Month)
		r.YearToDate.Add(row.YearToDate)
		r.Units = append(r.Units, row)
	}
	r.Sources = aggregate.SourceList(sources)
	rankFixture(r.Units)
	r.MonthRate = aggregate.Rate{Num: r.Month[ids[2]], Den: r.Month[ids[1]]}
	r.YTDRate = aggregate.Rate{Num: r.YearToDate[ids[2]], Den: r.YearToDate[ids[1]]}
	r.Superseded = []aggregate.SupersededSheet{{File: "10月/兴宁区（11月5日）.xlsx", Unit: cfg.Units[1].Name, Period: r.Period,
		Supersession: &aggregate.Supersession{By: "10月/兴宁区.xlsx", Sheet: "统计表", OldSheet: "统计表", Reason: "填报日期2018年11月8日晚于2018年11月5日",
			Changes: []aggregate.CellChange{{Metric: ids[1], Area: cfg.Areas[0].Name, OldCell: "D5", Cell: "D5", Old: 53, New: 57}},
			Totals:  []aggregate.TotalChange{{Metric: ids[1], Old: 362, New: 366}}}}}
	r.Findings = []aggregate.Finding{
		{Unit: cfg.Units[n-1].Name, File: "=HYPERLINK(\"x\").xlsx", Sheet: "统计表", Cell: "D7", Value: "-1", Code: "NOT_WHOLE_NUMBER", Severity: "error",
			Message: "“-1”不是非负整数", Fix: "请填写0或正整数"},
		{Unit: "青秀区", File: "10月/青秀区.xlsx", Code: "LARGE_SWING", Severity: "warning", Message: "本月数比上月大幅增加", Fix: "请核对是否多填了数位"},
	}
	return r
}

// rankFixture ranks units by year-to-date rate, best first.
func rankFixture(us []aggregate.UnitRow) {
	idx := make([]int, len(us))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return us[idx[a]].YTDRate.Float() > us[idx[b]].YTDRate.Float() })
	for rank, i := range idx {
		us[i].Rank = rank + 1
	}
}

type fakeRenderer struct {
	name string
	body string
	err  error
}

func (f fakeRenderer) Name() string { return f.name }

func (f fakeRenderer) Render(w io.Writer, _ *aggregate.Report) error {
	if _, err := io.WriteString(w, f.body); err != nil {
		return err
	}
	return f.err
}

func TestWriteAllWritesEveryOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "2018-10")
	r := rollupFixture(t)
	if err := WriteAll(dir, r, fakeRenderer{name: "a.txt", body: "A"}, fakeRenderer{name: "b.txt", body: "B"}); err != nil {
		t.Fatal(err)
	}
	assertOutputDir(t, dir, map[string]string{"a.txt": "A", "b.txt": "B"})
	fi, err := os.Stat(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != outputMode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), os.FileMode(outputMode))
	}
}

func TestWriteAllFailureLeavesOldOutputs(t *testing.T) {
	dir := t.TempDir()
	r := rollupFixture(t)
	if err := WriteAll(dir, r, fakeRenderer{name: "a.txt", body: "old A"}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteAll(dir, r,
		fakeRenderer{name: "a.txt", body: "new A"},
		fakeRenderer{name: "b.txt", body: "new B"},
		fakeRenderer{name: "c.txt", body: "half", err: boom})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	assertOutputDir(t, dir, map[string]string{"a.txt": "old A"})
}

func TestWriteAllFailureFirstRenderer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	err := WriteAll(dir, rollupFixture(t), fakeRenderer{name: "a.txt", err: errors.New("boom")})
	if err == nil {
		t.Fatal("no error")
	}
	assertOutputDir(t, dir, map[string]string{})
}

func TestWriteAllRejectsBadNames(t *testing.T) {
	for _, names := range [][]string{{"../x"}, {"a/b"}, {""}, {".hidden"}, {"a", "a"}} {
		var rs []Renderer
		for _, n := range names {
			rs = append(rs, fakeRenderer{name: n})
		}
		dir := t.TempDir()
		if err := WriteAll(dir, rollupFixture(t), rs...); !errors.Is(err, ErrOutputName) {
			t.Errorf("%q: err = %v, want ErrOutputName", names, err)
		}
		assertOutputDir(t, dir, map[string]string{})
	}
}

func TestWriteAllRollsBackFailedRename(t *testing.T) {
	dir := t.TempDir()
	r := rollupFixture(t)
	if err := WriteAll(dir, r, fakeRenderer{name: "a.txt", body: "old A"}); err != nil {
		t.Fatal(err)
	}
	// A directory where b.txt should go makes its rename fail after a.txt was replaced.
	if err := os.MkdirAll(filepath.Join(dir, "b.txt", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteAll(dir, r, fakeRenderer{name: "a.txt", body: "new A"}, fakeRenderer{name: "b.txt", body: "B"},
		fakeRenderer{name: "c.txt", body: "C"})
	if err == nil {
		t.Fatal("no error")
	}
	if got := readOutputFile(t, filepath.Join(dir, "a.txt")); got != "old A" {
		t.Errorf("a.txt = %q, want old A", got)
	}
	for _, e := range listOutputDir(t, dir) {
		if e != "a.txt" && e != "b.txt" {
			t.Errorf("left behind: %s", e)
		}
	}
}

func assertOutputDir(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := listOutputDir(t, dir)
	if len(got) != len(want) {
		t.Errorf("files %q, want %d: %v", got, len(want), want)
	}
	for name, body := range want {
		if b := readOutputFile(t, filepath.Join(dir, name)); b != body {
			t.Errorf("%s = %q, want %q", name, b, body)
		}
	}
}

func listOutputDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func readOutputFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSpace(b))
}
