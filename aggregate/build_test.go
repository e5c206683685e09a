package aggregate

import (
	"errors"
	"slices"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// buildReport computes the report of period from submissions already
// reconciled, through a tally that takes them as they are.
func buildReport(cfg *templates.Config, subs []*ingest.Submission, period ingest.Period, generatedAt time.Time) (*Report, error) {
	return tallyOf(cfg, subs).Report(period, generatedAt)
}

func tallyOf(cfg *templates.Config, subs []*ingest.Submission) *Tally {
	t := NewTally(cfg, nil, len(subs), nil)
	for i, s := range subs {
		t.Add(i, s)
	}
	return t
}

func sub(file, unit string, month int, found, rectified int64) *ingest.Submission {
	return &ingest.Submission{File: file, Unit: unit, Period: ingest.Period{Year: 2018, Month: month},
		Total: ingest.Figures{"problems_found": found, "problems_rectified": rectified, "personnel_dispatched": found * 2}}
}

func rejected(file, unit string, month int) *ingest.Submission {
	s := sub(file, unit, month, 1000, 0)
	s.Findings = []ingest.Finding{{Severity: ingest.Error, CellError: &ingest.CellError{File: file, Cell: "D7", Value: "12.5", Err: ingest.ErrNotWholeNumber}}}
	return s
}

func TestBuild(t *testing.T) {
	cfg := templates.Default()
	dup := sub("10/青秀区（副本）.xlsx", "青秀区", 10, 100, 99)
	dup.DuplicateOf = "10/青秀区.xlsx"
	subs := []*ingest.Submission{
		sub("09/青秀区.xlsx", "青秀区", 9, 50, 50),
		sub("10/青秀区.xlsx", "青秀区", 10, 100, 99),
		dup,
		sub("10/兴宁区.xlsx", "兴宁区", 10, 10, 9),
		sub("09/兴宁区.xlsx", "兴宁区", 9, 40, 40),
		sub("2017/兴宁区.xlsx", "兴宁区", 0, 7, 7), // month 0 below: other year
		rejected("10/江南区.xlsx", "江南区", 10),
		sub("11/江南区.xlsx", "江南区", 11, 5, 5), // after the period: not counted
	}
	subs[5].Period = ingest.Period{Year: 2017, Month: 10}
	r, err := buildReport(cfg, subs, ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want int64
	}{
		{"month found", r.Month["problems_found"], 110},
		{"month rectified", r.Month["problems_rectified"], 108},
		{"ytd found", r.YearToDate["problems_found"], 200},
		{"ytd personnel", r.YearToDate["personnel_dispatched"], 400},
		{"ytd letters present as zero", r.YearToDate["letters_issued"], 0},
		{"prev month found", r.PrevMonth["problems_found"], 90},
		{"by month 9", r.ByMonth[8].Totals["problems_found"], 90},
		{"sources", int64(r.Sources.Len()), 4},
		{"excluded", int64(len(r.Excluded)), 1},
		{"missing", int64(len(r.Missing)), int64(len(cfg.Units) - 2)},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %d, want %d", c.got, c.want)
			}
		})
	}
	if _, ok := r.YearToDate["letters_issued"]; !ok {
		t.Error("every metric must be present in the totals")
	}
	byName := map[string]UnitRow{}
	for _, u := range r.Units {
		byName[u.Name] = u
	}
	if u := byName["江南区"]; u.Status != Excluded || u.Rank != 0 {
		t.Errorf("江南区: %+v", u)
	}
	if u := byName["上林县"]; u.Status != Missing {
		t.Errorf("上林县: %+v", u)
	}
	// 青秀区 149/150, 兴宁区 49/50: 0.9933 > 0.98
	if byName["青秀区"].Rank != 1 || byName["兴宁区"].Rank != 2 {
		t.Errorf("ranks: 青秀区 %d, 兴宁区 %d", byName["青秀区"].Rank, byName["兴宁区"].Rank)
	}
	if r.Excluded[0].Reasons[0] != "D7：“12.5”不是0或正整数" || r.Excluded[0].Codes[0] != "NOT_WHOLE_NUMBER" {
		t.Errorf("reason %q", r.Excluded[0].Reasons)
	}
}

func TestRankTies(t *testing.T) {
	ytd := func(l, r int64) Figures { return Figures{"l": l, "r": r} }
	one := []Period{{Year: 2018, Month: 1}}
	rows := func() []UnitRow {
		return []UnitRow{
			{Name: "a", YearToDate: ytd(1, 2), Months: one}, {Name: "b", YearToDate: ytd(2, 4), Months: one},
			{Name: "c", YearToDate: ytd(3, 4), Months: one}, {Name: "d", YearToDate: ytd(0, 0)},
			{Name: "e", YearToDate: ytd(1, 4), Months: one},
		}
	}
	def := func(kind, dir string) []templates.Derived {
		return []templates.Derived{{ID: "x", Name: "x", Kind: kind, Left: "l", Right: "r", Direction: dir, Ranking: &templates.Ranking{}}}
	}
	cases := []struct {
		name    string
		derived []templates.Derived
		want    map[string]int
	}{
		{"rate, higher is better", def(templates.KindRate, templates.HigherIsBetter), map[string]int{"c": 1, "a": 2, "b": 2, "e": 4, "d": 0}},
		{"rate, lower is better", def(templates.KindRate, templates.LowerIsBetter), map[string]int{"e": 1, "a": 2, "b": 2, "c": 4, "d": 0}},
		// l−r: a −1, b −2, c −1, e −3; d has no accepted month
		{"difference, lower is better", def(templates.KindDifference, templates.LowerIsBetter), map[string]int{"e": 1, "b": 2, "a": 3, "c": 3, "d": 0}},
		{"difference, higher is better", def(templates.KindDifference, templates.HigherIsBetter), map[string]int{"a": 1, "c": 1, "b": 3, "e": 4, "d": 0}},
		{"no ranked figure", []templates.Derived{{ID: "x", Name: "x", Kind: templates.KindRate, Left: "l", Right: "r"}}, map[string]int{}},
		{"no derived figures", nil, map[string]int{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := rows()
			rank(&templates.Config{Derived: c.derived}, rs)
			for _, r := range rs {
				if r.Rank != c.want[r.Name] {
					t.Errorf("%s rank %d, want %d", r.Name, r.Rank, c.want[r.Name])
				}
			}
		})
	}
}

func TestRatePercent(t *testing.T) {
	cases := []struct {
		r    Rate
		want string
	}{
		{Rate{33135, 33437}, "99.1%"}, {Rate{1, 3}, "33.3%"}, {Rate{2, 3}, "66.7%"},
		{Rate{0, 5}, "0.0%"}, {Rate{5, 5}, "100.0%"}, {Rate{1, 0}, "—"}, {Rate{1, 8}, "12.5%"},
		{Rate{1, 16}, "6.3%"}, // 6.25 rounds half up
	}
	for _, c := range cases {
		if got := c.r.Percent(); got != c.want {
			t.Errorf("%v.Percent() = %s, want %s", c.r, got, c.want)
		}
	}
}

func TestBuildNoPeriod(t *testing.T) {
	if _, err := buildReport(templates.Default(), nil, ingest.Period{}, time.Time{}); err != ErrNoPeriod {
		t.Fatalf("err = %v", err)
	}
}

func TestLatest(t *testing.T) {
	subs := []*ingest.Submission{sub("a", "青秀区", 3, 0, 0), sub("b", "青秀区", 10, 0, 0), {File: "c"}}
	if got := tallyOf(templates.Default(), subs).Latest(); got != (ingest.Period{Year: 2018, Month: 10}) {
		t.Errorf("Latest = %v", got)
	}
}

func TestBuildAreasLastYearAndPrevMonth(t *testing.T) {
	cfg := templates.Default()
	withAreas := sub("10/青秀区.xlsx", "青秀区", 10, 30, 30)
	found := slices.Index(cfg.MetricIDs(), "problems_found")
	areaRow := func(area string, n int64) ingest.AreaFigures {
		counts := make([]int64, len(cfg.Metrics))
		counts[found] = n
		return ingest.AreaFigures{Area: area, Counts: counts}
	}
	withAreas.Areas = []ingest.AreaFigures{areaRow("脱贫攻坚", 10), areaRow("其他", 15), areaRow("棚户区改造", 5)}
	last := func(m int, found int64) *ingest.Submission {
		s := sub("2017/兴宁区.xlsx", "兴宁区", m, found, found)
		s.Period.Year = 2017
		return s
	}
	subs := []*ingest.Submission{
		withAreas,
		sub("10/兴宁区.xlsx", "兴宁区", 10, 7, 7), // totals only: 未分类
		sub("09/兴宁区.xlsx", "兴宁区", 9, 4, 4),
		last(10, 100), last(9, 50),
	}
	r, err := buildReport(cfg, subs, ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	var order []string
	for _, a := range r.Areas {
		got[a.Area] = a.Month["problems_found"]
		order = append(order, a.Area)
	}
	want := map[string]int64{"脱贫攻坚": 10, "其他": 15, "棚户区改造": 5, "未分类": 7, "扬尘污染治理": 0}
	for a, n := range want {
		if got[a] != n {
			t.Errorf("area %s = %d, want %d", a, got[a], n)
		}
	}
	if n := len(order); n != len(cfg.Areas)+2 || order[n-1] != "未分类" || order[n-2] != "棚户区改造" {
		t.Errorf("area order %v", order)
	}
	if r.LastYear.Month["problems_found"] != 100 {
		t.Errorf("last year's month = %v", r.LastYear.Month)
	}
	if r.LastYear.YearToDate != nil {
		t.Errorf("last year's year to date should be nil with months missing: %v", r.LastYear.YearToDate)
	}
	for _, u := range r.Units {
		switch u.Name {
		case "兴宁区":
			if u.PrevMonth["problems_found"] != 4 {
				t.Errorf("兴宁区 prev month %v", u.PrevMonth)
			}
		case "青秀区":
			if u.PrevMonth != nil {
				t.Errorf("青秀区 has no September sheet: %v", u.PrevMonth)
			}
		}
	}
}

// A sheet read with other metrics than the report's configuration is an
// error, never a silent zero.
func TestBuildOtherConfiguration(t *testing.T) {
	cfg := templates.Default()
	s := sub("10/青秀区.xlsx", "青秀区", 10, 3, 3)
	s.Areas = []ingest.AreaFigures{{Area: "脱贫攻坚", Counts: []int64{1, 2}}}
	if _, err := buildReport(cfg, []*ingest.Submission{s}, ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0)); !errors.Is(err, ErrOtherConfiguration) {
		t.Errorf("Report = %v, want ErrOtherConfiguration", err)
	}
}
