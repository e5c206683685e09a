package templates

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	c := Default()
	if len(c.Units) != 16 || len(c.Metrics) != 8 || len(c.Areas) != 8 || c.Hash == "" {
		t.Fatalf("units %d metrics %d areas %d hash %q", len(c.Units), len(c.Metrics), len(c.Areas), c.Hash)
	}
	if b, err := Briefing(""); err != nil || !strings.Contains(b, `define "overview"`) {
		t.Fatalf("embedded briefing: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	good, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"unknown key":          strings.Replace(string(good), "report:", "reprot:", 1),
		"rule on no metric":    strings.Replace(string(good), "left: problems_rectified", "left: problems_solved", 1),
		"rate on no metric":    strings.Replace(string(good), "numerator: problems_rectified", "numerator: nothing", 1),
		"duplicate unit":       strings.Replace(string(good), "{name: 兴宁区,", "{name: 市本级,", 1),
		"not yaml":             "units: [",
		"no units, no metrics": "report: {title: x}",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse([]byte(text)); !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, want ErrConfig", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good, _ := DefaultFile(DefaultConfigName)
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, append(good, []byte("\n# edited\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash == Default().Hash {
		t.Error("the hash must follow the file's bytes")
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, ErrConfig) {
		t.Errorf("missing file: %v", err)
	}
}
