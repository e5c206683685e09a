package ingest

import (
	"errors"
	"strings"
	"testing"

	"jianbao/templates"
)

func TestParseForAmount(t *testing.T) {
	ms := []templates.Metric{
		{ID: "spent", Measure: "元", Number: templates.NumberAmount, Decimals: 2},
		{ID: "wan", Measure: "万元", Number: templates.NumberAmount, Decimals: 1},
		{ID: "households", Measure: "户"},
		{ID: "found", Measure: "个"},
	}
	p := NewValueParser([]string{"—", "无"}, []string{"个", "人次"}).ForMetrics(ms)
	tests := []struct {
		id, in string
		want   int64
		err    string // part of the error, "" when read
	}{
		{"spent", "87686.6", 8768660, ""},
		{"spent", "1,234.50", 123450, ""},
		{"spent", "0.1", 10, ""},
		{"spent", "12", 1200, ""},
		{"spent", "12元", 1200, ""},
		{"spent", "１２.３４", 1234, ""},
		{"spent", "12.340000", 1234, ""},
		{"spent", "8.76866E+4", 8768660, ""},
		{"spent", "—", 0, ""},
		{"spent", "", 0, ""},
		{"spent", "0.005", 0, "小数超过2位"},
		{"spent", "1.2万", 0, "倍数字"},
		{"spent", "1.2万元", 0, "倍数字"},
		{"spent", "-5.00", 0, "是负数"},
		{"spent", "1,23.5", 0, "不是数字"},
		{"spent", "12 .5", 0, "空格"},
		{"spent", "1.23456E+1", 0, "小数超过2位"},
		{"spent", "99999999999", 0, "数值过大"},
		{"wan", "3万元", 30, ""},
		{"wan", "3.25", 0, "小数超过1位"},
		{"households", "12户", 12, ""},
		{"households", "12个", 12, ""},
		{"households", "12.5", 0, "有小数"},
		{"found", "12户", 0, "不是数字"},
		{"found", "42", 42, ""},
	}
	for _, tc := range tests {
		t.Run(tc.id+"/"+tc.in, func(t *testing.T) {
			got, err := p.ParseFor(tc.id, tc.in, false)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseFor(%q) = %d, %v; want an error saying %q", tc.in, got, err, tc.err)
				}
				if tc.id != "households" && tc.id != "found" && !errors.Is(err, ErrNotAmount) {
					t.Errorf("error %v is not ErrNotAmount", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseFor(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
	t.Run("text", func(t *testing.T) {
		if got := p.Text("spent", 8768660); got != "87686.60" {
			t.Errorf("Text = %q", got)
		}
		if got := p.Text("found", 42); got != "42" {
			t.Errorf("Text = %q", got)
		}
	})
}
