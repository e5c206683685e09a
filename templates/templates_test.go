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
		{"not yaml", "units: [", "第1行附近缺少内容"},
		{"empty", "", "文件是空的"},
		{"wrong type", "units: 青秀区", "第1行“units”应是列表"},
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

// smallConfig is a correct configuration; each case of TestMalformed
// changes it, and the line numbers of the cases are its lines.
const smallConfig = `report:
  title: 督查简报
  issue: 1
units:
  - {name: 青秀区, aliases: [青秀]}
  - name: 江南区
    aliases: [江南]
metrics:
  - {id: found, name: 发现问题}
  - id: fixed
    name: 完成整改
labels:
  zero: ['-', 无]
checks:
  rules:
    - {code: FIXED_OVER_FOUND, left: fixed, op: '<=', right: found}
  swing_factor: 5
rate: {name: 整改率, numerator: fixed, denominator: found}
ranking:
  red_at_least: 0.98
`

// A malformed configuration is refused with the line and the field at
// fault, in Chinese: the Latin letters of the message are the file's own
// (field names and values, in quotes).
func TestMalformed(t *testing.T) {
	if _, err := Parse([]byte(smallConfig)); err != nil {
		t.Fatalf("the small configuration is refused: %v", err)
	}
	cases := []struct {
		name, from, to string
		want           []string // all in the message
	}{
		{"misspelt top field", "metrics:", "metircs:", []string{"第8行有不认识的项“metircs”", "是不是“metrics”"}},
		{"misspelt nested field", "  title:", "  titel:", []string{"第2行“report”下有不认识的项“titel”", "是不是“title”"}},
		{"unknown field in a flow item", "{id: found,", "{id: found, colour: red,", []string{"第9行“metrics”第1项下有不认识的项“colour”", "这里可写的项有“id”"}},
		{"unknown field in a block item", "    aliases: [江南]", "    alias: [江南]", []string{"第7行“units”第2项下有不认识的项“alias”", "是不是“aliases”"}},
		{"field written twice", "  issue: 1", "  issue: 1\n  title: 再次", []string{"第4行“report.title”写了两次（第一次在第2行）"}},
		{"words for a number", "issue: 1", "issue: 第一期", []string{"第3行“report.issue”应是整数", "“第一期”"}},
		{"quoted number", "issue: 1", "issue: '1'", []string{"第3行“report.issue”应是整数", "带引号的“1”（数字不加引号）"}},
		{"fraction for a whole number", "swing_factor: 5", "swing_factor: 2.5", []string{"第17行“checks.swing_factor”应是整数", "“2.5”"}},
		{"words for a fraction", "red_at_least: 0.98", "red_at_least: 九成八", []string{"第20行“ranking.red_at_least”应是数", "“九成八”"}},
		{"word for a list", "aliases: [江南]", "aliases: 江南", []string{"第7行“units”第2项的“aliases”应是列表", "“江南”"}},
		{"list for a word", "  title: 督查简报", "  title: [督查, 简报]", []string{"第2行“report.title”应是一段文字"}},
		{"word for a group", "labels:\n  zero: ['-', 无]", "labels: 无", []string{"第12行“labels”应分行写出其下各项"}},
		{"tab indent", "  issue: 1", "\tissue: 1", []string{"第3行附近用了制表符"}},
		{"tab before a field", "  issue: 1", "  scope: 全市\n\tcc: 无", []string{"第4行附近用了制表符"}},
		{"unclosed bracket", "[青秀]}", "[青秀}", []string{"第5行附近方括号没有配对"}},
		{"two colons", "  title: 督查简报", "  title: 督查: 简报", []string{"第2行附近冒号用得不对"}},
		{"unclosed quote in a list", "['-', 无]", "['-, 无]", []string{"第13行附近方括号没有配对"}},
		{"unclosed quote", "red_at_least: 0.98", "red_at_least: '0.98", []string{"第20行附近引号没有配对"}},
		{"item out of line", "  - name: 江南区\n    aliases", "  - name: 江南区\n   aliases", []string{"第7行附近缩进不齐"}},
		{"undefined anchor", "numerator: fixed", "numerator: *fixed", []string{"第18行附近引用了没有定义的锚点"}},
		{"duplicate unit", "name: 江南区", "name: 青秀区", []string{"第6行“units”第2项的“name”：单位名称为空或重复：“青秀区”（第5行已有）"}},
		{"empty metric id", "  - id: fixed", "  - id: ''", []string{"第10行“metrics”第2项的“id”：指标的编号为空"}},
		{"duplicate metric id", "  - id: fixed", "  - id: found", []string{"第10行“metrics”第2项的“id”：指标的编号“found”重复（第9行已有）"}},
		{"rate on no metric", "numerator: fixed", "numerator: solved", []string{"第18行“rate.numerator”：整改率的分子“solved”不是已配置的指标编号"}},
		{"rule on no metric", "left: fixed", "left: solved", []string{"第16行“checks.rules”第1项的“left”：校验规则“FIXED_OVER_FOUND”的指标“solved”"}},
		{"rule with a wrong sign", "op: '<='", "op: '=<'", []string{"第16行“checks.rules”第1项的“op”：校验规则“FIXED_OVER_FOUND”的比较符“=<”应是“<=”"}},
		{"no metrics", "metrics:\n  - {id: found, name: 发现问题}\n  - id: fixed\n    name: 完成整改\n", "metrics: []\n", []string{"第8行“metrics”：至少需要一个指标"}},
		{"only comments", smallConfig, "# 空\n", []string{"文件是空的"}},
		{"a list for the whole", smallConfig, "- 青秀区\n", []string{"第1行起，整个文件应是一项一行的“名称: 值”"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(smallConfig, c.from, c.to, 1)
			if text == smallConfig {
				t.Fatalf("%q is not in the configuration", c.from)
			}
			_, err := Parse([]byte(text))
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, want ErrConfig", err)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\nwants %q", msg, w)
				}
			}
			testkit.NoLatin(t, c.name, testkit.Unquoted(msg))
		})
	}
}

// Several wrong fields are all said, in the order of the file.
func TestMalformedAll(t *testing.T) {
	text := strings.NewReplacer("metrics:", "metircs:", "issue: 1", "issue: 一", "swing_factor: 5", "swing_factor: 五").Replace(smallConfig)
	_, err := Parse([]byte(text))
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	i, j, k := strings.Index(msg, "第3行"), strings.Index(msg, "第8行"), strings.Index(msg, "第17行")
	if i < 0 || j < i || k < j {
		t.Errorf("message %q: want lines 3, 8, 17 in order", msg)
	}
}
