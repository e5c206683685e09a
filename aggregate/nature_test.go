package aggregate

import (
	"testing"

	"jianbao/ingest"
	"jianbao/templates"
)

func TestToDateStockAndAmount(t *testing.T) {
	ms := []templates.Metric{
		{ID: "households", Kind: templates.KindStock},
		{ID: "spent", Number: templates.NumberAmount, Decimals: 1},
		{ID: "found"},
	}
	ids := []string{"households", "spent", "found"}
	p := func(m int) ingest.Period { return ingest.Period{Year: 2018, Month: m} }
	rows := []fact{
		// A reports January to March; B misses March, so its February stands.
		{unit: "A", period: p(1), counts: []int64{100, 1, 3}}, // 0.1 元
		{unit: "A", period: p(2), counts: []int64{90, 2, 4}},  // 0.2 元
		{unit: "A", period: p(3), counts: []int64{80, 7, 5}},  // 0.7 元
		{unit: "B", period: p(1), counts: []int64{50, 10, 1}},
		{unit: "B", period: p(2), counts: []int64{40, 20, 1}},
	}
	tests := []struct {
		name string
		rows []fact
		want ingest.Figures
	}{
		{"city", rows, ingest.Figures{"households": 80 + 40, "spent": 1 + 2 + 7 + 10 + 20, "found": 14}},
		{"one unit", rows[:3], ingest.Figures{"households": 80, "spent": 10, "found": 12}},
		{"nothing", nil, ingest.Figures{"households": 0, "spent": 0, "found": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := newFacts(ids, tc.rows).ToDate(ms)
			for id, w := range tc.want {
				if got[id] != w {
					t.Errorf("%s = %d, want %d", id, got[id], w)
				}
			}
		})
	}
	t.Run("0.1+0.2 is exactly 0.3", func(t *testing.T) {
		got := newFacts(ids, rows[:2]).ToDate(ms)["spent"]
		if text := ms[1].Text(got); text != "0.3" {
			t.Errorf("0.1+0.2 = %s", text)
		}
	})
}
