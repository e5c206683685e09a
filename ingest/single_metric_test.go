package ingest

import (
	"testing"

	"jianbao/templates"
)

// A report of one metric, written with its name merged over 本期 | 累计,
// is read down: the month's column counts and the 累计 is checked, in any
// month (the across reading of the same cells is not a second table).
func TestSingleMetricOverMonthAndCumulative(t *testing.T) {
	cfg, err := templates.Load("../templates/examples/jingfei/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	id := cfg.Metrics[0].ID
	for _, c := range []struct {
		name   string
		rows   [][]any
		amount string
	}{
		{"January, equal columns", [][]any{{"道路养护", 12.5, 12.5}, {"学校维修", 8, 8}, {"合计", 20.5, 20.5}}, "20.50"},
		{"a later month", [][]any{{"道路养护", 12.5, 30.25}, {"学校维修", "—", 8}, {"校舍安全", "—", "—"}, {"合计", 12.5, 38.25}}, "12.50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := [][]any{{"清河市教育局2024年2月专项经费支出情况表"}, {}, {"项目", "专项经费支出（万元）", nil}, {nil, "本期", "累计"}}
			rows = append(rows, c.rows...)
			sheet := testSheet{name: "支出表", rows: rows, merges: [][2]string{{"B3", "C3"}, {"A3", "A4"}}}
			s := NewReader(cfg).Read("2024-02/市教育局.xlsx", buildXLSX(t, sheet))
			if !s.OK() || len(s.Findings) != 0 {
				t.Fatalf("findings %v", s.Findings)
			}
			if got := cfg.Metrics[0].Text(s.Total[id]); got != c.amount {
				t.Errorf("total %s, want %s", got, c.amount)
			}
		})
	}
}
