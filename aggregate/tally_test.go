package aggregate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// sheet describes a submission for the tally tests: its work-area rows as
// area -> problems found (each row also gets rectified = found - 1), or no
// rows for a totals-only list.
type sheet struct {
	file, unit string
	month      int
	areas      []string
	found      []int64
	cumulative bool
}

// submission makes the sheet, fresh each time (the reader gives a new one
// for each read). Its figures are the sums of its rows.
func (s sheet) submission(cfg *templates.Config) *ingest.Submission {
	ids := cfg.MetricIDs()
	sum := sha256.Sum256([]byte(s.file + s.unit))
	sub := &ingest.Submission{File: s.file, SHA256: hex.EncodeToString(sum[:]), Sheet: "统计表", SheetIndex: 1,
		Unit: s.unit, Period: ingest.Period{Year: 2018, Month: s.month}, Total: ingest.Figures{}}
	for k, a := range s.areas {
		counts := make([]int64, len(ids))
		for j := range counts {
			counts[j] = s.found[k] + int64(j)
		}
		counts[2] = s.found[k] - 1 // rectified
		for j, id := range ids {
			sub.Total[id] += counts[j]
		}
		sub.Areas = append(sub.Areas, ingest.AreaFigures{Area: a, Row: 5 + k, Counts: counts})
	}
	if len(s.areas) == 0 {
		for j, id := range ids {
			sub.Total[id] = s.found[0] + int64(j)
		}
		sub.Total[ids[2]] = s.found[0] - 1
	}
	if s.cumulative {
		sub.Cumulative = sub.Total.Clone()
	}
	return sub
}

// tallyCases are folders whose sheets conflict, repeat or lack work-area
// rows, in the order a folder scan gives them.
var tallyCases = map[string][]sheet{
	"conflict after a counted sheet with rows": {
		{file: "10/a.xlsx", unit: "青秀区", month: 10, areas: []string{"脱贫攻坚", "扬尘污染治理"}, found: []int64{5, 7}},
		{file: "10/b.xlsx", unit: "青秀区", month: 10, areas: []string{"脱贫攻坚", "扬尘污染治理"}, found: []int64{5, 8}},
		{file: "10/c.xlsx", unit: "兴宁区", month: 10, areas: []string{"脱贫攻坚"}, found: []int64{3}},
	},
	"duplicate, then a conflict with both": {
		{file: "10/a.xlsx", unit: "青秀区", month: 10, areas: []string{"其他", "乙"}, found: []int64{4, 2}},
		{file: "10/a2.xlsx", unit: "青秀区", month: 10, areas: []string{"其他", "乙"}, found: []int64{4, 2}},
		{file: "10/a3.xlsx", unit: "青秀区", month: 10, areas: []string{"其他", "甲"}, found: []int64{4, 2}},
		{file: "10/d.xlsx", unit: "江南区", month: 10, areas: []string{"丙", "丁"}, found: []int64{1, 2}},
	},
	"totals-only sheets in conflict and repeated": {
		{file: "09/t.csv", unit: "青秀区", month: 9, found: []int64{40}},
		{file: "10/t.csv", unit: "青秀区", month: 10, found: []int64{40}},
		{file: "10/t2.csv", unit: "青秀区", month: 10, found: []int64{41}},
		{file: "10/u.csv", unit: "兴宁区", month: 10, found: []int64{9}},
		{file: "10/u2.csv", unit: "兴宁区", month: 10, found: []int64{9}},
	},
	"swings, 累计 and another year": {
		{file: "2017/a.xlsx", unit: "青秀区", month: 10, areas: []string{"丙"}, found: []int64{9}},
		{file: "2018-09/a.xlsx", unit: "青秀区", month: 9, areas: []string{"脱贫攻坚"}, found: []int64{21}},
		{file: "2018-10/a.xlsx", unit: "青秀区", month: 10, areas: []string{"脱贫攻坚"}, found: []int64{500}, cumulative: true},
	},
}

// A tally fed one submission at a time, in whatever order they are read,
// reconciling as they arrive and taking rows out again on a conflict, gives
// the very report that a tally gives of the same submissions reconciled all
// together beforehand.
func TestTallyMatchesBuild(t *testing.T) {
	cfg := templates.Default()
	period := ingest.Period{Year: 2018, Month: 10}
	orders := map[string]func(n int) []int{
		"in order": func(n int) []int {
			var o []int
			for i := range n {
				o = append(o, i)
			}
			return o
		},
		"last first": func(n int) []int {
			var o []int
			for i := n - 1; i >= 0; i-- {
				o = append(o, i)
			}
			return o
		},
	}
	for name, sheets := range tallyCases {
		for how, order := range orders {
			t.Run(name+", "+how, func(t *testing.T) { tallyMatchesBuild(t, cfg, period, sheets, order(len(sheets))) })
		}
	}
}

func tallyMatchesBuild(t *testing.T, cfg *templates.Config, period ingest.Period, sheets []sheet, order []int) {
	rd := ingest.NewReader(cfg)
	var subs []*ingest.Submission
	byFile := map[string]sheet{}
	for _, s := range sheets {
		subs = append(subs, s.submission(cfg))
		byFile[s.file] = s
	}
	rd.Reconcile(subs)
	want, err := buildReport(cfg, subs, period, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	rereads := 0
	tally := NewTally(cfg, rd, len(sheets), func(file string) *ingest.Submission {
		rereads++
		return byFile[file].submission(cfg)
	})
	for _, i := range order {
		tally.Add(i, sheets[i].submission(cfg))
	}
	got, err := tally.Report(period, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	compareReports(t, got, want)
	if rereads > 1 {
		t.Errorf("%d files read again, want at most the one counted before its conflict", rereads)
	}
}

func compareReports(t *testing.T, got, want *Report) {
	t.Helper()
	list := func(s Sources) []Source {
		var out []Source
		for i := range s.Len() {
			out = append(out, s.At(i))
		}
		return out
	}
	if g, w := list(got.Sources), list(want.Sources); !reflect.DeepEqual(g, w) {
		t.Errorf("sources differ:\n got %+v\nwant %+v", g, w)
	}
	g, w := *got, *want
	g.Sources, w.Sources = Sources{}, Sources{}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"areas", g.Areas, w.Areas}, {"units", g.Units, w.Units}, {"month", g.Month, w.Month},
		{"year to date", g.YearToDate, w.YearToDate}, {"excluded", g.Excluded, w.Excluded},
		{"findings", g.Findings, w.Findings}, {"report", g, w},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s differ:\n got %+v\nwant %+v", f.name, f.got, f.want)
		}
	}
}

// The conflicting sheets' rows are out of the work-area totals, and the
// other labels are listed in code-point order.
func TestTallyAreas(t *testing.T) {
	cfg := templates.Default()
	rd := ingest.NewReader(cfg)
	sheets := tallyCases["duplicate, then a conflict with both"]
	byFile := map[string]sheet{}
	tally := NewTally(cfg, rd, len(sheets), func(file string) *ingest.Submission { return byFile[file].submission(cfg) })
	for i, s := range sheets {
		byFile[s.file] = s
		tally.Add(i, s.submission(cfg))
	}
	r, err := tally.Report(ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int64{}
	var others []string
	for _, a := range r.Areas {
		found[a.Area] = a.Month["problems_found"]
		if !a.Configured {
			others = append(others, a.Area)
		}
	}
	// Only 10/d.xlsx counts (problems found is the row's number + 1); the
	// labels only the conflicting sheets have are gone.
	want := map[string]int64{"其他": 0, "丙": 2, "丁": 3}
	for a, n := range want {
		if found[a] != n {
			t.Errorf("%s: %d problems found, want %d", a, found[a], n)
		}
	}
	if !reflect.DeepEqual(others, []string{"丁", "丙"}) {
		t.Errorf("other labels = %v, want code-point order [丁 丙]", others)
	}
}

// A file that changed between its first read and the read that takes its
// rows out of a conflict stops the report: its figures cannot be trusted.
func TestTallyFileChanged(t *testing.T) {
	cfg := templates.Default()
	sheets := tallyCases["conflict after a counted sheet with rows"]
	tally := NewTally(cfg, ingest.NewReader(cfg), len(sheets), func(file string) *ingest.Submission {
		s := sheets[0].submission(cfg)
		s.SHA256 = "00"
		return s
	})
	for i, s := range sheets {
		tally.Add(i, s.submission(cfg))
	}
	if _, err := tally.Report(ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0)); !errors.Is(err, ErrChanged) {
		t.Errorf("Report = %v, want ErrChanged", err)
	}
}
