package ingest

import (
	"strings"
	"testing"

	"jianbao/templates"
)

// natureConfig is the shipped configuration with two more metrics: a stock
// (贫困户数, the level at the end of the month) and an amount in 元 with
// two decimals (帮扶资金).
func natureConfig(t testing.TB) *templates.Config {
	t.Helper()
	b, err := templates.DefaultFile(templates.DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	add := "metrics:\n" +
		"  - id: households\n    name: 贫困户数\n    measure: 户\n    kind: stock\n" +
		"  - id: spent\n    name: 帮扶资金\n    measure: 元\n    number: amount\n    decimals: 2\n"
	cfg, err := templates.Parse([]byte(strings.Replace(string(b), "metrics:\n", add, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A table with an amount column is read exactly: 87686.6 元 is held as
// 8768660 hundredths, the 合计 is checked to the fen, and a third decimal
// or a 万 is refused at its cell.
func TestReadAmountColumn(t *testing.T) {
	header := append([]any{"序号", "工作类别", "贫困户数", "帮扶资金（元）"}, metricHeader...)
	table := func(amounts []any, total any) [][]any {
		rows := titled(header)
		a := simpleAreas()
		for i, n := range areaNames {
			row := []any{i + 1, n, 10, amounts[i]}
			rows = append(rows, append(row, a[i][:]...))
		}
		return append(rows, append([]any{nil, "合计", 80, total}, totalsRow()...))
	}
	amounts := []any{"87686.6", "1,234.50", 0.1, 0.2, "12元", "", "—", 3}
	const sum = 8768660 + 123450 + 10 + 20 + 1200 + 300 // in fen
	tests := []struct {
		name    string
		amounts []any
		total   any
		codes   string // error codes with their cells
		spent   int64
	}{
		{name: "decimals, separators, floats and a measure word", amounts: amounts, total: "88936.4", spent: sum},
		{name: "0.1 + 0.2 adds up exactly", amounts: amounts, total: 88936.40, spent: sum},
		{name: "a total off by one fen", amounts: amounts, total: "88936.41", codes: "TOTAL_MISMATCH@D11"},
		{name: "a third decimal", amounts: append([]any{"87686.605"}, amounts[1:]...), total: "88936.4", codes: "NOT_AMOUNT@D3 TOTAL_MISMATCH@D11"},
		{name: "万 in the cell", amounts: append([]any{"8.8万"}, amounts[1:]...), total: "88936.4", codes: "NOT_AMOUNT@D3 TOTAL_MISMATCH@D11"},
	}
	rd := NewReader(natureConfig(t))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := rd.Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: table(tc.amounts, tc.total)}))
			var got []string
			for _, f := range s.Errors() {
				got = append(got, f.Code()+"@"+f.Cell)
			}
			if strings.Join(got, " ") != tc.codes {
				t.Fatalf("errors %v, want %q\n%v", got, tc.codes, s.Findings)
			}
			if tc.codes != "" {
				return
			}
			if s.Total["spent"] != tc.spent || s.Total["households"] != 80 {
				t.Errorf("spent %d, households %d; want %d, 80", s.Total["spent"], s.Total["households"], tc.spent)
			}
			if s.Sources["spent"] != "D11" {
				t.Errorf("spent read from %q, want the 合计 D11", s.Sources["spent"])
			}
		})
	}
}

// A stock's 累计 is its level at the end of the month, the same as the
// month's figure, not a sum of months; a stock that falls steeply from
// one month to the next is as doubtful as one that rises.
func TestStockChecks(t *testing.T) {
	cfg := natureConfig(t)
	list := func(month string, households, cumulative int) []byte {
		rows := [][]any{{"东盟经开区2018年" + month + "月“两重两问”工作情况"}, {"指标", "本月", "累计"}}
		for _, m := range cfg.Metrics {
			v := []any{m.Name, 0, 0}
			if m.ID == "households" {
				v = []any{m.Name, households, cumulative}
			}
			rows = append(rows, v)
		}
		return buildXLSX(t, testSheet{name: "Sheet1", rows: rows})
	}
	tests := []struct {
		name       string
		sept, oct  [2]int // September's and October's figure and 累计
		octWarning string // October's warnings with their cells
	}{
		{name: "a level kept", sept: [2]int{500, 500}, oct: [2]int{480, 480}},
		{name: "累计 summed over months", sept: [2]int{500, 500}, oct: [2]int{480, 980}, octWarning: "CUMULATIVE_MISMATCH@C3"},
		{name: "a steep fall", sept: [2]int{500, 500}, oct: [2]int{50, 50}, octWarning: "LARGE_FALL@B3"},
		{name: "a fall to below the floor", sept: [2]int{500, 500}, oct: [2]int{19, 19}},
		{name: "a steep rise", sept: [2]int{50, 50}, oct: [2]int{500, 500}, octWarning: "LARGE_SWING@B3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rd := NewReader(cfg)
			subs := []*Submission{rd.Read("9.xlsx", list("9", tc.sept[0], tc.sept[1])), rd.Read("10.xlsx", list("10", tc.oct[0], tc.oct[1]))}
			rd.Reconcile(subs)
			for _, s := range subs {
				if !s.OK() {
					t.Fatalf("%s: %v", s.File, s.Findings)
				}
			}
			var got []string
			for _, f := range subs[1].Warnings() {
				got = append(got, f.Code()+"@"+f.Cell)
			}
			if strings.Join(got, " ") != tc.octWarning {
				t.Errorf("October's warnings %v, want %q", got, tc.octWarning)
			}
			if w := subs[0].Warnings(); len(w) != 0 {
				t.Errorf("September's warnings %v", w)
			}
		})
	}
}
