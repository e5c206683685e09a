package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jianbao/aggregate"
)

// The -update flag rewrites golden files. It is registered only if another
// test file of the package has not done so already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}

func renderJSON(t *testing.T, r *aggregate.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (JSON{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decode: %v\n%s", err, b)
	}
	return m
}

func TestJSONGolden(t *testing.T) {
	got := renderJSON(t, rollupFixture(t))
	path := filepath.Join("testdata", "summary.golden.json")
	if updateGolden() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -run JSONGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("summary.json differs from %s; run with -update if the change is intended\n%s", path, got)
	}
}

func TestJSONContract(t *testing.T) {
	r := rollupFixture(t)
	b := renderJSON(t, r)
	m := decodeJSON(t, b)
	for _, k := range []string{"period", "month", "year_to_date", "units", "missing", "excluded", "superseded", "sources", "findings", "generated_at", "config_sha256"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if m["period"] != "2018-10" || m["generated_at"] != "2018-11-05T09:30:00+08:00" || m["config_sha256"] != "c0ffee" {
		t.Errorf("period/generated_at/config_sha256 = %v %v %v", m["period"], m["generated_at"], m["config_sha256"])
	}
	ytd := m["year_to_date"].(map[string]any)
	if ytd["from"] != "2018-01" || ytd["to"] != "2018-10" {
		t.Errorf("year_to_date from/to = %v %v", ytd["from"], ytd["to"])
	}
	checkTotals(t, "month", m["month"].(map[string]any), r.Month, r.MonthRate)
	checkTotals(t, "year_to_date", ytd, r.YearToDate, r.YTDRate)
	if bytes.Contains(b, []byte(`\u0026`)) || !bytes.Contains(b, []byte(r.Units[1].Name)) {
		t.Error("text is escaped, want plain UTF-8")
	}
}

func checkTotals(t *testing.T, what string, m map[string]any, want map[string]int64, rate aggregate.Rate) {
	t.Helper()
	tot := m["totals"].(map[string]any)
	for id, v := range want {
		n, ok := tot[id].(json.Number)
		if !ok || strings.ContainsAny(n.String(), ".eE") {
			t.Errorf("%s.totals.%s = %v, want an integer", what, id, tot[id])
			continue
		}
		if got, _ := n.Int64(); got != v {
			t.Errorf("%s.totals.%s = %d, want %d", what, id, got, v)
		}
	}
	checkRate(t, what+".rectification_rate", m["rectification_rate"], rate)
}

// checkRate wants the rate as a fraction rounded as Rate.Percent shows it.
func checkRate(t *testing.T, what string, v any, rate aggregate.Rate) {
	t.Helper()
	if !rate.Valid() {
		if v != nil {
			t.Errorf("%s = %v, want null", what, v)
		}
		return
	}
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%s = %v, want a number", what, v)
	}
	pct, err := strconv.ParseFloat(strings.TrimSuffix(rate.Percent(), "%"), 64)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := n.Float64(); math.Abs(got-pct/100) > 1e-9 {
		t.Errorf("%s = %s, want %s", what, n, rate.Percent())
	}
}

func TestJSONUnits(t *testing.T) {
	r := rollupFixture(t)
	m := decodeJSON(t, renderJSON(t, r))
	us := m["units"].([]any)
	if len(us) != len(r.Units) {
		t.Fatalf("%d units, want %d", len(us), len(r.Units))
	}
	for i, x := range us {
		u, want := x.(map[string]any), r.Units[i]
		if u["name"] != want.Name || u["status"] != string(want.Status) {
			t.Errorf("unit %d = %v %v, want %s %s", i, u["name"], u["status"], want.Name, want.Status)
		}
		if rank := u["rank"].(json.Number).String(); rank != strconv.Itoa(want.Rank) {
			t.Errorf("%s rank %s, want %d", want.Name, rank, want.Rank)
		}
		checkTotals(t, want.Name+".month", map[string]any{"totals": u["month"], "rectification_rate": u["month_rectification_rate"]}, want.Month, want.MonthRate)
		for _, id := range r.Config.MetricIDs() {
			if _, ok := u["month"].(map[string]any)[id]; !ok {
				t.Errorf("%s month lacks %s", want.Name, id)
			}
			if _, ok := u["year_to_date"].(map[string]any)[id]; !ok {
				t.Errorf("%s year_to_date lacks %s", want.Name, id)
			}
		}
	}
	if got := m["missing"].([]any); len(got) != 1 || got[0] != r.Missing[0] {
		t.Errorf("missing = %v, want %v", got, r.Missing)
	}
	ex := m["excluded"].([]any)[0].(map[string]any)
	if ex["file"] != r.Excluded[0].File || len(ex["reasons"].([]any)) != 2 {
		t.Errorf("excluded = %v", ex)
	}
	if src := m["sources"].([]any); len(src) != r.Sources.Len() {
		t.Errorf("%d sources, want %d", len(src), r.Sources.Len())
	}
}

func TestJSONEmptyReport(t *testing.T) {
	r := rollupFixture(t)
	r.Units, r.Missing, r.Excluded, r.Sources, r.Findings, r.Superseded = nil, nil, nil, aggregate.Sources{}, nil, nil
	r.Month, r.YearToDate = nil, nil
	r.MonthRate, r.YTDRate = aggregate.Rate{}, aggregate.Rate{}
	b := renderJSON(t, r)
	m := decodeJSON(t, b)
	for _, k := range []string{"units", "missing", "excluded", "superseded", "sources", "findings"} {
		if l, ok := m[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %v, want []", k, m[k])
		}
	}
	month := m["month"].(map[string]any)
	if month["rectification_rate"] != nil {
		t.Errorf("rate = %v, want null", month["rectification_rate"])
	}
	for _, id := range r.Config.MetricIDs() {
		if n, ok := month["totals"].(map[string]any)[id].(json.Number); !ok || n.String() != "0" {
			t.Errorf("month.totals.%s = %v, want 0", id, n)
		}
	}
}

// The month and the year to date say how many units and sheets their
// totals are of, and compare like for like over the units in both periods.
func TestJSONCoverageAndComparisons(t *testing.T) {
	r := rollupFixture(t)
	for i := 2; i < len(r.Units); i++ {
		if u := &r.Units[i]; u.Reported() {
			u.PrevMonth = u.Month.Clone()
		}
	}
	m := decodeJSON(t, renderJSON(t, r))
	month, ytd := m["month"].(map[string]any), m["year_to_date"].(map[string]any)
	cov := func(x map[string]any) string {
		c := x["coverage"].(map[string]any)
		return fmt.Sprint(c["reported"], "/", c["expected"])
	}
	if got := cov(month); got != "14/16" {
		t.Errorf("month coverage %s", got)
	}
	if got := cov(ytd); got != "158/160" {
		t.Errorf("year-to-date coverage %s", got)
	}
	c, ok := month["compared_with_last_month"].(map[string]any)
	if !ok {
		t.Fatalf("no comparison with last month: %v", month)
	}
	if units := c["units"].([]any); len(units) != 12 || c["all_units"] != false {
		t.Errorf("compared over %v (all %v)", units, c["all_units"])
	}
	want := r.MonthOnMonth()
	if got := fmt.Sprint(c["earlier"].(map[string]any)["problems_found"]); got != fmt.Sprint(want.Then["problems_found"]) {
		t.Errorf("earlier problems found %v, want %d", got, want.Then["problems_found"])
	}
	if _, ok := ytd["compared_with_last_year"]; ok {
		t.Error("a comparison with last year without its figures")
	}
}
