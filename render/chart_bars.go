package render

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"jianbao/problem"
)

// chartSize is the size of a chart on the page, in millimetres.
type chartSize struct{ W, H float64 }

// chartPlotWidth estimates the width of a plot's data area: the chart less
// its value axis.
func (s chartSize) slot(n int) vg.Length {
	return vg.Length((s.W-18)/float64(max(n, 1))) * vg.Millimeter
}

// chartSeries is one set of bars: a name for the legend, one value per
// category, and a colour.
type chartSeries struct {
	Name   string
	Values []float64
	Color  color.Color
}

// chartGroupedBars draws the series side by side for each category, with the
// category names written vertically under the bars.
func chartGroupedBars(cats []string, series []chartSeries, yLabel string, size chartSize) ([]byte, error) {
	if len(cats) == 0 || len(series) == 0 {
		return nil, fmt.Errorf("%w：没有可画的数据", ErrChart)
	}
	p, err := newChartPlot()
	if err != nil {
		return nil, err
	}
	p.Add(chartGridLines())
	bw := size.slot(len(cats)) * 0.72 / vg.Length(len(series))
	top := 0.0
	for i, s := range series {
		b, err := plotter.NewBarChart(plotter.Values(s.Values), bw)
		if err != nil {
			return nil, problem.Wrap(ErrChart, err)
		}
		b.Color, b.LineStyle.Width = s.Color, 0
		b.Offset = bw * (vg.Length(i) - vg.Length(len(series)-1)/2)
		p.Add(b)
		p.Legend.Add(s.Name, b)
		for _, v := range s.Values {
			top = math.Max(top, v)
		}
	}
	chartCategoryAxis(p, cats)
	p.Y.Label.Text = yLabel
	p.Y.Min, p.Y.Max = 0, chartNiceTop(top)*1.12
	p.Y.Tick.Marker = chartThousandsTicks{}
	return chartPNG(p, size.W, size.H)
}

// chartCategoryAxis puts the categories under the bars, one character a
// line, and fits the axis to the bars.
func chartCategoryAxis(p *plot.Plot, cats []string) {
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = chartVertical(c)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(cats))-0.5
	p.Legend.Left = false
}

// chartNiceTop rounds v up to one, two or five times a power of ten, so that
// the axis ends on a round number.
func chartNiceTop(v float64) float64 {
	if v <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*e {
			return m * e
		}
	}
	return 10 * e
}

// chartRate is one bar of the rate chart: a name, its rate in percent and
// the label written above the bar.
type chartRate struct {
	Name  string
	Value float64
	Label string
	Below bool // under the citywide rate
}

// chartRateBars draws the rates as bars in the given order, those under the
// citywide rate in a lighter colour, and the citywide rate as a dashed line.
// legend names the two kinds of bar and the line, then the value axis.
func chartRateBars(items []chartRate, city float64, legend [4]string, size chartSize) ([]byte, error) {
	if len(items) == 0 {
		return nil, fmt.Errorf("%w：没有可画的数据", ErrChart)
	}
	p, err := newChartPlot()
	if err != nil {
		return nil, err
	}
	p.Add(chartGridLines())
	lo := chartRateFloor(items, city)
	bw := size.slot(len(items)) * 0.6
	above, below := chartRateSeries(items)
	for i, vs := range []plotter.Values{above, below} {
		b, err := plotter.NewBarChart(vs, bw)
		if err != nil {
			return nil, problem.Wrap(ErrChart, err)
		}
		b.Color, b.LineStyle.Width = []color.Color{chartRed, chartPink}[i], 0
		p.Add(b)
		p.Legend.Add(legend[i], b)
	}
	line, err := chartCityLine(len(items), city)
	if err != nil {
		return nil, err
	}
	p.Add(line)
	p.Legend.Add(legend[2], line)
	labels, err := chartRateLabels(items)
	if err != nil {
		return nil, err
	}
	p.Add(labels)
	cats := make([]string, len(items))
	for i, it := range items {
		cats[i] = it.Name
	}
	chartCategoryAxis(p, cats)
	p.Y.Label.Text = legend[3]
	p.Y.Min, p.Y.Max = lo, 100+(100-lo)*0.3
	p.Y.Tick.Marker = chartPercentTicks{top: 100}
	return chartPNG(p, size.W, size.H)
}

// chartRateSeries splits the rates into the bars at or above the citywide
// rate and those below it; a bar missing from a series has height zero,
// which the axis floor hides.
func chartRateSeries(items []chartRate) (above, below plotter.Values) {
	above, below = make(plotter.Values, len(items)), make(plotter.Values, len(items))
	for i, it := range items {
		if it.Below {
			below[i] = it.Value
		} else {
			above[i] = it.Value
		}
	}
	return above, below
}

// chartRateFloor is where the rate axis starts: a whole number of percent a
// little under the lowest rate, so that differences of a tenth show.
func chartRateFloor(items []chartRate, city float64) float64 {
	low := city
	for _, it := range items {
		low = math.Min(low, it.Value)
	}
	span := math.Max(100-low, 1)
	step := chartNiceTop(span / 4)
	return math.Max(0, math.Floor((low-span*0.25)/step)*step)
}

func chartCityLine(n int, city float64) (*plotter.Line, error) {
	l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: city}, {X: float64(n) - 0.5, Y: city}})
	if err != nil {
		return nil, problem.Wrap(ErrChart, err)
	}
	l.Color = chartDark
	l.Width = vg.Points(1)
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(2.5)}
	return l, nil
}

func chartRateLabels(items []chartRate) (*chartBoxedLabels, error) {
	cache, err := chartFonts()
	if err != nil {
		return nil, err
	}
	l := &chartBoxedLabels{items: items}
	chartRestyle(&l.style, cache, 6.5)
	l.style.XAlign, l.style.YAlign = draw.XCenter, draw.YBottom
	return l, nil
}

// chartBoxedLabels writes each bar's label just above it on a white box, so
// that the citywide line passing behind stays out of the digits.
type chartBoxedLabels struct {
	items []chartRate
	style text.Style
}

// Plot implements plot.Plotter.
func (l *chartBoxedLabels) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	pad := vg.Points(0.8)
	for i, it := range l.items {
		pt := vg.Point{X: tx(float64(i)), Y: ty(it.Value) + vg.Points(1.5)}
		r := l.style.Rectangle(it.Label)
		box := vg.Rectangle{
			Min: vg.Point{X: pt.X + r.Min.X - pad, Y: pt.Y + r.Min.Y},
			Max: vg.Point{X: pt.X + r.Max.X + pad, Y: pt.Y + r.Max.Y},
		}
		c.SetColor(color.White)
		c.Fill(box.Path())
		c.FillText(l.style, pt, it.Label)
	}
}

// chartPercentTicks labels the rate axis in whole percent, up to top.
type chartPercentTicks struct{ top float64 }

func (t chartPercentTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, tk := range (plot.DefaultTicks{}).Ticks(min, max) {
		if tk.Value > t.top+1e-9 {
			continue
		}
		if tk.Label != "" {
			tk.Label = fmt.Sprintf("%g", tk.Value)
		}
		out = append(out, tk)
	}
	return out
}
