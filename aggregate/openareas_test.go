package aggregate

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// openConfig is the shipped configuration with area_labels: open and no
// configured work areas, as for a table of villages.
func openConfig(t *testing.T) *templates.Config {
	t.Helper()
	b, err := templates.DefaultFile(templates.DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "area_labels: closed\n", "area_labels: open\n", 1)
	head, rest, _ := strings.Cut(s, "\nareas:\n")
	_, tail, _ := strings.Cut(rest, "\n\n")
	cfg, err := templates.Parse([]byte(head + "\nareas: []\n\n" + tail))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.OpenAreas() || len(cfg.Areas) != 0 {
		t.Fatalf("open %v, %d areas", cfg.OpenAreas(), len(cfg.Areas))
	}
	return cfg
}

// Two units whose tables share some labels: each label is one work area,
// summed over the units that have it, listed in code-point order whatever
// order the sheets arrive in, and the rolled-up report is the same
// whether tallied or built at once.
func TestOpenAreaTotals(t *testing.T) {
	cfg := openConfig(t)
	sheets := []sheet{
		{file: "10/兴宁区.xlsx", unit: "兴宁区", month: 10, areas: []string{"那马村", "石门村", "五塘村"}, found: []int64{3, 5, 7}},
		{file: "10/青秀区.xlsx", unit: "青秀区", month: 10, areas: []string{"石门村", "坛洛村", "那马村"}, found: []int64{10, 20, 30}},
		{file: "9/青秀区.xlsx", unit: "青秀区", month: 9, areas: []string{"坛洛村"}, found: []int64{4}},
	}
	wantOrder := []string{"五塘村", "坛洛村", "石门村", "那马村"} // code points: 五 U+4E94, 坛 U+575B, 石 U+77F3, 那 U+90A3
	wantMonth := map[string]int64{"那马村": 3 + 30, "石门村": 5 + 10, "五塘村": 7, "坛洛村": 20}
	wantYTD := map[string]int64{"那马村": 33, "石门村": 15, "五塘村": 7, "坛洛村": 24}
	period := ingest.Period{Year: 2018, Month: 10}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		tallyMatchesBuild(t, cfg, period, sheets, order)
		tally := NewTally(cfg, ingest.NewReader(cfg), len(sheets), func(string) *ingest.Submission { t.Fatal("no file is read again"); return nil })
		for _, i := range order {
			tally.Add(i, sheets[i].submission(cfg))
		}
		r, err := tally.Report(period, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range r.Areas {
			got = append(got, a.Area)
			if a.Configured {
				t.Errorf("%s listed as configured", a.Area)
			}
			if a.Month["personnel_dispatched"] != wantMonth[a.Area] || a.YearToDate["personnel_dispatched"] != wantYTD[a.Area] {
				t.Errorf("order %v: %s: %d dispatched this month, %d to date; want %d, %d", order, a.Area,
					a.Month["personnel_dispatched"], a.YearToDate["personnel_dispatched"], wantMonth[a.Area], wantYTD[a.Area])
			}
		}
		if !reflect.DeepEqual(got, wantOrder) {
			t.Errorf("order %v: areas %v, want %v", order, got, wantOrder)
		}
	}
}
