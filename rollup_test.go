package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A rollup whose month has no accepted sheet writes nothing and fails,
// naming the months that have one: a month no sheet is for, and a folder
// whose latest month has only sheets that were refused.
func TestRollupMonthWithoutAcceptedSheet(t *testing.T) {
	refused := t.TempDir()
	copyTree(t, "samples/2018-09", filepath.Join(refused, "2018-09"))
	copyFile(t, "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx", filepath.Join(refused, "2018-10", "青秀区.xlsx"))
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"a month of another year", []string{"--period", "2017-05", "samples"}, "2017年5月没有可以采用的报表，未生成简报；可以采用的报表是2018年1月至10月的。"},
		{"a month after the sheets", []string{"--period", "2018-11", "samples"}, "2018年11月没有可以采用的报表"},
		{"the latest month refused", []string{refused}, "2018年10月没有可以采用的报表，未生成简报；可以采用的报表是2018年9月的。"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "o")
			code, stdout, stderr := run(t, append([]string{"rollup", "--quiet", "--out", out}, c.args...)...)
			if code != exitFailed || !strings.HasPrefix(stderr, "错误：") || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q", code, exitFailed, stderr, c.want)
			}
			if strings.Contains(stdout, "已生成") {
				t.Errorf("stdout says outputs were written:\n%s", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("outputs were written")
			}
		})
	}
	// Not one accepted sheet in the folder.
	only := t.TempDir()
	copyFile(t, "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx", filepath.Join(only, "青秀区.xlsx"))
	code, _, stderr := run(t, "rollup", "--quiet", "--out", filepath.Join(t.TempDir(), "o"), only)
	if code != exitFailed || !strings.Contains(stderr, "2018年10月没有可以采用的报表，未生成简报；文件夹中没有任何可以采用的报表") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// On a terminal, the progress bar's line is ended before the summary, and
// a line says that the outputs are being written until they are.
func TestProgressOnTerminal(t *testing.T) {
	terminal, silence := isTerminal, progressSilence
	t.Cleanup(func() { isTerminal, progressSilence = terminal, silence })
	isTerminal = func(io.Writer) bool { return true }
	progressSilence = -time.Hour // drawn from the first file on

	var screen bytes.Buffer // stdout and stderr, as on one terminal
	out := filepath.Join(t.TempDir(), "o")
	err := newApp(&screen, &screen).Run([]string{"jianbao", "rollup", "--workers", "1", "--out", out, "samples/2018-10"})
	if code := exitCode(err, &screen); code != exitOK {
		t.Fatalf("exit %d\n%s", code, screen.String())
	}
	s := screen.String()
	if !strings.Contains(s, "读取报表 [") || !strings.Contains(s, "16/16") {
		t.Fatalf("no progress bar drawn:\n%q", s)
	}
	if !regexp.MustCompile(`16/16\n汇总月份：`).MatchString(s) {
		t.Errorf("the bar's line is not ended before the summary:\n%q", s)
	}
	status := "正在生成简报、汇总表和汇总数据……"
	cleared := status + "\r" + strings.Repeat(" ", displayWidth(status)) + "\r已生成："
	if !strings.Contains(s, cleared) {
		t.Errorf("no line while the outputs are written, or not cleared:\n%q", s)
	}
}

// A folder called h or help is a folder to read, not a request for help.
func TestFolderCalledHelp(t *testing.T) {
	sample, err := filepath.Abs("samples/2018-10/经开区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for _, name := range []string{"h", "help"} {
		if err := os.MkdirAll(filepath.Join(name, "2018-10"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(name, "2018-10", "经开区.xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"validate", "rollup"} {
			code, stdout, stderr := run(t, cmd, "--out", "o-"+name, name)
			if cmd == "validate" {
				code, stdout, stderr = run(t, cmd, name)
			}
			if code != exitOK || strings.Contains(stdout, "用法") || !strings.Contains(stdout, "经开区") && !strings.Contains(stdout, "已生成") {
				t.Errorf("%s %s: exit %d\n%s%s", cmd, name, code, stdout, stderr)
			}
		}
	}
}
