package templates

import (
	"errors"
	"strings"
	"testing"
)

// withMetric is the default configuration with one more metric, given as
// YAML lines under its id.
func withMetric(t *testing.T, extra string) ([]byte, error) {
	t.Helper()
	b, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	add := "metrics:\n  - id: spent\n    name: 支出金额\n    measure: 元\n" + extra
	return []byte(strings.Replace(string(b), "metrics:\n", add, 1)), nil
}

func TestMetricNature(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // part of the error, "" when valid
		check      func(t *testing.T, m Metric)
	}{
		{name: "defaults are flow and count", check: func(t *testing.T, m Metric) {
			if m.Stock() || m.Amount() || m.Places() != 0 || m.Scale() != 1 || !m.InBriefing() || m.Kind != KindFlow || m.Number != NumberCount {
				t.Errorf("got %+v", m)
			}
		}},
		{name: "stock amount with two decimals", yaml: "    kind: stock\n    number: amount\n    decimals: 2\n    briefing: false\n", check: func(t *testing.T, m Metric) {
			if !m.Stock() || !m.Amount() || m.Places() != 2 || m.Scale() != 100 || m.InBriefing() {
				t.Errorf("got %+v", m)
			}
			if got := m.Text(8768660); got != "87686.60" {
				t.Errorf("Text = %q", got)
			}
		}},
		{name: "unknown kind", yaml: "    kind: level\n", want: "“kind”应为“flow”"},
		{name: "unknown number", yaml: "    number: money\n", want: "“number”应为“count”"},
		{name: "too many decimals", yaml: "    number: amount\n    decimals: 5\n", want: "“decimals”（小数位数）应为0到4"},
		{name: "negative decimals", yaml: "    number: amount\n    decimals: -1\n", want: "不能是-1"},
		{name: "decimals of a count", yaml: "    decimals: 2\n", want: "不是金额"},
		{name: "briefing not a yes or no", yaml: "    briefing: 也许\n", want: "配置文件无法使用"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := withMetric(t, tc.yaml)
			c, err := Parse(b)
			if tc.want != "" {
				if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want one saying %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m, ok := c.MetricByID("spent")
			if !ok {
				t.Fatal("no metric spent")
			}
			tc.check(t, m)
		})
	}
}

func TestMultiplierMeasureWordRefused(t *testing.T) {
	b, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"万元", "亿元"} {
		t.Run(w, func(t *testing.T) {
			src := strings.Replace(string(b), "measures: [人次,", "measures: ["+w+", 人次,", 1)
			if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), "是倍数") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestRuleOfDifferentDecimalsRefused(t *testing.T) {
	b, _ := withMetric(t, "    number: amount\n    decimals: 2\n")
	src := strings.Replace(string(b), "left: problems_rectified", "left: spent", 1)
	if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), "小数位数不同") {
		t.Fatalf("err = %v", err)
	}
}

func TestDecimalText(t *testing.T) {
	for _, tc := range []struct {
		v      int64
		places int
		want   string
	}{{0, 0, "0"}, {5, 2, "0.05"}, {8768660, 2, "87686.60"}, {-5, 2, "-0.05"}, {123450, 2, "1234.50"}, {7, 4, "0.0007"}, {42, 0, "42"}} {
		if got := DecimalText(tc.v, tc.places); got != tc.want {
			t.Errorf("DecimalText(%d, %d) = %q, want %q", tc.v, tc.places, got, tc.want)
		}
	}
}

func TestMeasureWords(t *testing.T) {
	b, _ := withMetric(t, "")
	c, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	ws := c.MeasureWords()
	if ws[len(ws)-1] != "元" || len(ws) != len(c.Labels.Measures)+1 {
		t.Errorf("MeasureWords = %v", ws)
	}
}
