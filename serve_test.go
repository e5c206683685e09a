package main

import (
	"path/filepath"
	"strings"
	"testing"

	"jianbao/templates"
)

func TestServeCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "收表台")
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"init", []string{"serve", "--init", dir}, exitOK, "账号 office", ""},
		{"init again", []string{"serve", "--init", dir}, exitFailed, "", "已有收表台的数据"},
		{"no folder", []string{"serve"}, exitUsage, "", "缺少必填的选项：--data"},
		{"not a desk", []string{"serve", "--data", t.TempDir()}, exitFailed, "", "没有收表台的数据"},
		{"certificate without key", []string{"serve", "--data", dir, "--cert", "a.pem"}, exitFailed, "", "证书和私钥要同时给出"},
		{"an argument", []string{"serve", "x"}, exitUsage, "", "多余的参数"},
		{"backup", []string{"serve", "--data", dir, "--backup", filepath.Join(dir, "..", "备份")}, exitOK, "已备份到", ""},
		{"backup again", []string{"serve", "--data", dir, "--backup", filepath.Join(dir, "..", "备份")}, exitFailed, "", "备份的文件夹已经存在"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			if tt.name != "init" {
				return
			}
			units := templates.Default().Units
			if n := strings.Count(out, "密码 "); n != len(units)+1 {
				t.Errorf("%d passwords printed, want one per unit and one for the office (%d)", n, len(units)+1)
			}
			for _, u := range units {
				if !strings.Contains(out, "账号 "+u.Name+"\t") {
					t.Errorf("no account for %s:\n%s", u.Name, out)
				}
			}
		})
	}
}
