package templates

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/internal/testkit"
	"jianbao/problem"
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
		"unknown key":             strings.Replace(string(good), "report:", "reprot:", 1),
		"rule on no metric":       strings.Replace(string(good), "left: problems_rectified", "left: problems_solved", 1),
		"rate on no metric":       strings.Replace(string(good), "left: problems_rectified\n    right", "left: nothing\n    right", 1),
		"unknown derived kind":    strings.Replace(string(good), "kind: difference", "kind: ratio", 1),
		"unknown rule op":         strings.Replace(string(good), "op: '<='", "op: '=<'", 1),
		"legacy rate and derived": string(good) + "rate: {name: 率, numerator: problems_rectified, denominator: problems_found}\n",
		"duplicate unit":          strings.Replace(string(good), "{name: 兴宁区,", "{name: 市本级,", 1),
		"not yaml":                "units: [",
		"no units, no metrics":    "report: {title: x}",
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

// ErrConfig's code is a contract; what a bad configuration gives is the
// file, then Chinese only (with, in quotes, what the file says), saying
// where the file is wrong.
func TestConfigErrors(t *testing.T) {
	if ErrConfig.Code != "BAD_CONFIG" || ErrConfig.Fix == "" {
		t.Errorf("ErrConfig = %+v", ErrConfig)
	}
	testkit.NoLatin(t, "ErrConfig", strings.NewReplacer("config.yaml", "", "briefing.tmpl", "").Replace(ErrConfig.Text+ErrConfig.Fix))
	good, _ := DefaultFile(DefaultConfigName)
	dir := t.TempDir()
	cases := []struct {
		name, text, want string
	}{
		{"unknown key", strings.Replace(string(good), "report:", "reprot:", 1), "有不认识的项“reprot”"},
		{"not yaml", "units: [", "第1行附近格式有误"},
		{"empty", "", "文件是空的"},
		{"wrong type", "units: 青秀区", "第1行的值不是这一项要求的类型"},
		{"duplicate unit", strings.Replace(string(good), "{name: 兴宁区,", "{name: 市本级,", 1), "单位名称为空或重复：“市本级”"},
		{"missing", "", "文件或文件夹不存在"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, "bad.yaml")
			if c.name == "missing" {
				p = filepath.Join(dir, "missing.yaml")
			} else if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if problem.Code(err) != "BAD_CONFIG" || !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, code %s", err, problem.Code(err))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+"：配置文件无法使用：") || !strings.Contains(msg, c.want) {
				t.Errorf("message %q, want %s：配置文件无法使用：…%s…", msg, p, c.want)
			}
			testkit.NoLatin(t, c.name, testkit.Unquoted(strings.TrimPrefix(msg, p)))
		})
	}
	if _, err := Briefing(filepath.Join(dir, "missing.tmpl")); problem.Code(err) != "BAD_CONFIG" || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing narrative: %v", err)
	}
}
