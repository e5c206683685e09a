package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A configuration with no derived figures and no check rules rolls the
// samples up: every output is written, and none speaks of a rate, a rank
// or a 红黑榜.
func TestRollupWithoutDerivedFiguresOrChecks(t *testing.T) {
	b, err := os.ReadFile("templates/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, c := range []struct{ block, with string }{
		{`(?ms)^derived:\n(  .*?\n|#.*?\n|\n)*`, "derived: []\n"},
		{`(?ms)^  rules:\n(    .*?\n)*`, "  rules: []\n"},
	} {
		re := regexp.MustCompile(c.block)
		if !re.MatchString(text) {
			t.Fatalf("%s not in the configuration", c.block)
		}
		text = re.ReplaceAllString(text, c.with)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "o")
	code, _, stderr := run(t, "rollup", "--quiet", "--config", cfg, "--out", out, "--generated-at", "2018-11-05T09:00:00+08:00", "samples")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"briefing.pdf", "briefing.xlsx", "summary.json"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	js, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"rectification_rate"`, `"unrectified"`, `"rank"`, `_rectification_rate"`} {
		if strings.Contains(string(js), key) {
			t.Errorf("summary.json has %s", key)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, "briefing.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				if strings.Contains(v, "整改率") || strings.Contains(v, "红黑榜") || strings.Contains(v, "排名") || strings.Contains(v, "未整改") {
					t.Errorf("%s row %d column %d: %q", s, i+1, j+1, v)
				}
			}
		}
	}
}
