package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/templates"
)

// baseConfig is a small configuration that is correct; each case of
// TestConfigChecks changes one line of it.
const baseConfig = `report: {title: 督查简报, issue: 1}
units:
  - {name: 青秀区, aliases: [青秀]}
  - {name: 江南区, aliases: [江南]}
metrics:
  - {id: found, name: 发现问题, aliases: [发现问题数]}
  - {id: fixed, name: 完成整改, aliases: [整改问题数]}
areas:
  - {name: 重点工作}
labels:
  measures: [个]
  zero: ['-', 无, '0']
rate: {name: 整改率, numerator: fixed, denominator: found}
`

// A configuration whose names would make one spelling mean two things, or
// whose zero marks would turn a number into 0, is refused, naming what is
// wrong; the files are not read.
func TestConfigChecks(t *testing.T) {
	cases := []struct {
		name, from, to string
		want           string // in the error; "" for a configuration that is accepted
	}{
		{"correct", "", "", ""},
		{"alias of two units", "[江南]", "[江南, 青秀]", "第4行“units”第2项的“aliases”第2项：单位“江南区”的别称“青秀”已是单位“青秀区”的别称"},
		{"alias of two units, written another way", "[江南]", "[江南, 青　秀]", "第4行“units”第2项的“aliases”第2项：单位“江南区”的别称“青　秀”已是单位“青秀区”的别称"},
		{"unit name that is an alias", "{name: 江南区, aliases: [江南]}", "{name: 青秀, aliases: [江南]}", "第4行“units”第2项的“name”：单位名称“青秀”已是单位“青秀区”的别称"},
		{"metric alias that is another metric's name", "[整改问题数]", "[整改问题数, 发现问题]", "第7行“metrics”第2项的“aliases”第2项：指标“fixed”的别称“发现问题”已是指标“found”的名称"},
		{"metric alias that is another metric's alias", "[整改问题数]", "[整改问题数, 发现问题数]", "第7行“metrics”第2项的“aliases”第2项：指标“fixed”的别称“发现问题数”已是指标“found”的别称"},
		{"digit among the zero marks", "'0']", "'0', '1']", "第12行“labels.zero”第4项：“1”是数字1"},
		{"full-width digit among the zero marks", "'0']", "'0', '１２']", "第12行“labels.zero”第4项：“１２”是数字12"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(baseConfig, c.from, c.to, 1)
			if text == baseConfig && c.from != "" {
				t.Fatalf("%q not in the configuration", c.from)
			}
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "validate", "--config", path, "samples/2018-10/兴宁区.xlsx")
			if c.want == "" {
				if strings.Contains(stderr, "配置文件无法使用") || !strings.Contains(stdout, "兴宁区.xlsx") {
					t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
				}
				return
			}
			if code != exitFailed || stdout != "" || !strings.Contains(stderr, "错误："+path+"：配置文件无法使用：") || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s\nwant %q", code, stdout, stderr, c.want)
			}
		})
	}
}

// A mistyped field of the configuration is said with its line and the
// field meant, in one sentence a clerk can read.
func TestConfigTypoSaid(t *testing.T) {
	b, err := templates.DefaultFile(templates.DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "\nmetrics:", "\nmetircs:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "validate", "--config", p, "samples/2018-10/经开区.xlsx")
	if code == exitOK || !strings.Contains(stderr, "有不认识的项“metircs”，是不是“metrics”？请") || strings.Contains(stderr, "？。") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}
