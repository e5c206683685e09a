package aggregate

import (
	"fmt"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// benchInput reads the sample year and, for units > 16, repeats its
// submissions under synthetic unit names, as a province or the country
// would send them.
func benchInput(b *testing.B, units int) (*templates.Config, []*ingest.Submission) {
	b.Helper()
	cfg := templates.Default()
	files, err := ingest.Scan("../samples")
	if err != nil || len(files) == 0 {
		b.Skip("no samples")
	}
	rd := ingest.NewReader(cfg)
	var subs []*ingest.Submission
	for _, s := range rd.ReadFiles(files, func(name string) string { return ingest.Locate("../samples", name) }, 0) {
		if !s.Unread() { // the generator's sources and notes
			subs = append(subs, s)
		}
	}
	rd.Reconcile(subs)
	if units <= len(cfg.Units) {
		return cfg, subs
	}
	byUnit := map[string]int{}
	for i, u := range cfg.Units {
		byUnit[u.Name] = i
	}
	var out []*ingest.Submission
	cfg.Units = cfg.Units[:0:0]
	for k := 0; k < units; k++ {
		name := fmt.Sprintf("县区%04d", k)
		cfg.Units = append(cfg.Units, templates.Unit{Name: name, Kind: "县"})
		for _, s := range subs {
			if byUnit[s.Unit] != k%16 {
				continue
			}
			c := *s
			c.Unit, c.File = name, fmt.Sprintf("%s/%s.xlsx", s.Period, name)
			out = append(out, &c)
		}
	}
	return cfg, out
}

// BenchmarkBuild is the aggregation of a month and its year to date, for
// the sample city and for a province-sized registry (the cost per unit
// grows with the number of sheets).
func BenchmarkBuild(b *testing.B) {
	at := time.Date(2018, 11, 5, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{16, 280, 2800} {
		cfg, subs := benchInput(b, n)
		period := tallyOf(cfg, subs).Latest()
		b.Run(fmt.Sprintf("units=%d/sheets=%d", n, len(subs)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := buildReport(cfg, subs, period, at); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
