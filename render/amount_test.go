package render

import (
	"encoding/json"

	"github.com/xuri/excelize/v2"
	"testing"

	"jianbao/aggregate"
	"jianbao/templates"
)

func TestAmountsShownWithDecimals(t *testing.T) {
	spent := templates.Metric{ID: "spent", Name: "支出金额", Measure: "元", Number: templates.NumberAmount, Decimals: 2}
	count := templates.Metric{ID: "found", Name: "发现问题", Measure: "个"}
	t.Run("briefing", func(t *testing.T) {
		for _, tc := range []struct {
			n      int64
			places []int
			want   string
		}{{8768660, []int{2}, "87,686.60"}, {5, []int{2}, "0.05"}, {-123450, []int{2}, "-1,234.50"}, {-5, []int{2}, "-0.05"}, {42537, nil, "42,537"}, {42537, []int{0}, "42,537"}} {
			if got := pdfNum(tc.n, tc.places...); got != tc.want {
				t.Errorf("pdfNum(%d, %v) = %q, want %q", tc.n, tc.places, got, tc.want)
			}
		}
		f := pdfFigure{Measure: "元", Now: 8768660, Prev: 8768600, HasPrev: true, Decimals: 2}
		if got := pdfChange(f); got != "增加0.60元，增长0.0%" {
			t.Errorf("pdfChange = %q", got)
		}
	})
	t.Run("briefing false", func(t *testing.T) {
		no := false
		hidden := count
		hidden.Briefing = &no
		fs := pdfFigures([]templates.Metric{spent, hidden}, aggregate.Figures{"spent": 1, "found": 2}, aggregate.Comparison{})
		if len(fs) != 1 || fs[0].ID != "spent" || fs[0].Decimals != 2 {
			t.Errorf("figures = %+v", fs)
		}
	})
	t.Run("summary.json", func(t *testing.T) {
		b, err := json.Marshal(figures(jsonMetrics{spent, count}, aggregate.Figures{"spent": 8768660, "found": 7}))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != `{"found":7,"spent":87686.60}` {
			t.Errorf("json = %s", got)
		}
	})
	t.Run("workbook", func(t *testing.T) {
		cfg := templates.Default()
		b, err := newBook(&aggregate.Report{Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.f.NewSheet("t"); err != nil {
			t.Fatal(err)
		}
		b.fig("t", 1, 1, spent, 8768660, b.st.count)
		b.fig("t", 2, 1, spent, -60, b.st.delta)
		b.fig("t", 3, 1, count, 42, b.st.count)
		if b.err != nil {
			t.Fatal(b.err)
		}
		for _, c := range []struct{ cell, raw, shown, format string }{
			{"A1", "87686.60", "87,686.60", "#,##0.00"},
			{"B1", "-0.60", "-0.60", "+#,##0.00;-#,##0.00;0.00"},
			{"C1", "42", "42", ""},
		} {
			raw, _ := b.f.GetCellValue("t", c.cell, excelize.Options{RawCellValue: true})
			shown, _ := b.f.GetCellValue("t", c.cell)
			if raw != c.raw || shown != c.shown {
				t.Errorf("%s = %q shown %q, want %q shown %q", c.cell, raw, shown, c.raw, c.shown)
			}
			if c.format == "" {
				continue
			}
			id, _ := b.f.GetCellStyle("t", c.cell)
			st, _ := b.f.GetStyle(id)
			if st.CustomNumFmt == nil || *st.CustomNumFmt != c.format {
				t.Errorf("%s format = %v, want %q", c.cell, st.CustomNumFmt, c.format)
			}
		}
	})
}
