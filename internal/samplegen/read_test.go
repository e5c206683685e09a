package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/ingest"
	"jianbao/templates"
)

// TestReaderReadsSamples reads every committed sample with the program's
// reader, as the rollup does, and checks each file's month figures (and,
// where the sheet has them, its work areas and 累计) against the table the
// samples were made from. Every layout must read cleanly: no error, no
// warning.
func TestReaderReadsSamples(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 160 files")
	}
	root := os.Getenv("SAMPLES_DIR")
	if root == "" {
		root = filepath.Join("..", "..", "samples")
	}
	cfg := templates.Default()
	tab := table(t)
	ps := plans(cfg, defaultSeed)
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Period() + "/" + p.File
	}
	if _, err := os.Stat(filepath.Join(root, names[0])); err != nil {
		t.Skip(err)
	}
	rd := ingest.NewReader(cfg)
	subs := rd.ReadFiles(names, func(n string) string { return ingest.Locate(root, n) }, 4)
	rd.Reconcile(subs)
	areaIndex := map[string]int{}
	for a, area := range cfg.Areas {
		areaIndex[area.Name] = a
	}
	layouts := map[string]int{}
	for i, s := range subs {
		p := ps[i]
		if len(s.Findings) > 0 {
			t.Errorf("%s (%s): %v", names[i], p.Layout, s.Findings)
			continue
		}
		if s.Unit != p.Unit || s.Period.String() != p.Period() {
			t.Errorf("%s (%s): read as %s %s", names[i], p.Layout, s.Unit, s.Period)
		}
		month, ytd := tab.Month(p.U, p.M), tab.YTD(p.U, p.M)
		for k, id := range metricIDs {
			if s.Total[id] != month[k] {
				t.Errorf("%s (%s): %s %d, want %d", names[i], p.Layout, id, s.Total[id], month[k])
			}
			if s.Cumulative != nil && s.Cumulative[id] != ytd[k] {
				t.Errorf("%s (%s): 累计 %s %d, want %d", names[i], p.Layout, id, s.Cumulative[id], ytd[k])
			}
		}
		if len(s.Areas) > 0 && len(s.Areas) != nAreas {
			t.Errorf("%s (%s): %d work areas read", names[i], p.Layout, len(s.Areas))
		}
		for _, af := range s.Areas {
			a, ok := areaIndex[af.Area]
			if !ok {
				t.Errorf("%s (%s): work area %q", names[i], p.Layout, af.Area)
				continue
			}
			for k := range metricIDs {
				if af.Counts[k] != tab.V[p.U][p.M][a][k] {
					t.Errorf("%s (%s): row %d %s %s %d, want %d", names[i], p.Layout, af.Row, af.Area, metricIDs[k], af.Counts[k], tab.V[p.U][p.M][a][k])
				}
			}
		}
		if p.Layout == LRunning && len(s.Earlier) != p.M {
			t.Errorf("%s (%s): %d earlier months read, want %d", names[i], p.Layout, len(s.Earlier), p.M)
		}
		for _, e := range s.Earlier {
			x := tab.Month(p.U, e.Period.Month-1)
			for k, id := range metricIDs {
				if e.Total[id] != x[k] {
					t.Errorf("%s (%s): sheet %s %s %d, want %d", names[i], p.Layout, e.Sheet, id, e.Total[id], x[k])
				}
			}
		}
		layouts[p.Layout]++
	}
	var missing []string
	for _, l := range Layouts {
		if layouts[l] == 0 {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		t.Errorf("no sample read in layouts %s", strings.Join(missing, " "))
	}
}
