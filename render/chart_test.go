package render

import (
	"bytes"
	"image/png"
	"testing"

	"jianbao/templates"
)

func chartSample() ([]string, []chartSeries, []chartRate) {
	cats := []string{"市本级", "兴宁区", "西乡塘区", "东盟经开区"}
	series := []chartSeries{
		{Name: "督查发现问题", Values: []float64{4688, 3037, 3995, 1059}, Color: chartRed},
		{Name: "完成整改问题", Values: []float64{4683, 3010, 3302, 864}, Color: chartGrey},
	}
	rates := []chartRate{{Name: "市本级", Value: 99.9, Label: "99.9"}, {Name: "西乡塘区", Value: 98.9, Label: "98.9", Below: true}}
	return cats, series, rates
}

func TestChartsDeterministicAtPrintResolution(t *testing.T) {
	cats, series, rates := chartSample()
	draws := map[string]func() ([]byte, error){
		"grouped": func() ([]byte, error) { return chartGroupedBars(cats, series, "问题数（个）", pdfChartFound) },
		"rates": func() ([]byte, error) {
			return chartRateBars(rates, 99.1, [4]string{"不低于全市", "低于全市", "全市整改率99.1%", "整改率（%）"}, pdfChartRates)
		},
	}
	for name, draw := range draws {
		t.Run(name, func(t *testing.T) {
			a, err := draw()
			if err != nil {
				t.Fatal(err)
			}
			b, err := draw()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatal("two draws differ")
			}
			img, err := png.Decode(bytes.NewReader(a))
			if err != nil {
				t.Fatal(err)
			}
			// 170 mm at 200 dpi is about 1339 pixels.
			if w := img.Bounds().Dx(); w < 1300 {
				t.Errorf("chart is %d pixels wide, want print resolution", w)
			}
		})
	}
}

func TestChartsRefuseEmptyData(t *testing.T) {
	if _, err := chartGroupedBars(nil, nil, "", pdfChartFound); err == nil {
		t.Error("grouped bars without data drew")
	}
	if _, err := chartRateBars(nil, 0, [4]string{}, pdfChartRates); err == nil {
		t.Error("rate bars without data drew")
	}
}

func TestChartNiceTop(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, 7: 10, 12: 20, 4688: 5000, 2100: 2500} {
		if got := chartNiceTop(v); got != want {
			t.Errorf("chartNiceTop(%v) = %v, want %v", v, got, want)
		}
	}
}

func BenchmarkChartGroupedBars(b *testing.B) {
	cats, series, _ := chartSample()
	for b.Loop() {
		if _, err := chartGroupedBars(cats, series, "问题数（个）", pdfChartFound); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChartRateBars(b *testing.B) {
	_, _, rates := chartSample()
	for b.Loop() {
		if _, err := chartRateBars(rates, 99.1, [4]string{"a", "b", "c", "d"}, pdfChartRates); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRateAxisTitle: the axis of a chart of a rate's two metrics names
// their measure word only when they share one, never a word of one report.
func TestRateAxisTitle(t *testing.T) {
	ms := []templates.Metric{
		{ID: "found", Name: "排查事故隐患", Measure: "项"},
		{ID: "fixed", Name: "整改事故隐患", Measure: "项"},
		{ID: "fines", Name: "罚款金额", Measure: "万元"},
		{ID: "bare", Name: "检查次数"},
	}
	cfg := &templates.Config{Metrics: ms}
	for _, c := range []struct{ name, left, right, want string }{
		{"shared measure", "fixed", "found", "数量（项）"},
		{"different measures", "fines", "found", "数量"},
		{"no measure", "bare", "bare", "数量"},
		{"unknown metric", "fixed", "gone", "数量"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := rateAxisTitle(cfg, templates.Derived{Left: c.left, Right: c.right}); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
