package render

import (
	"bytes"
	"image/color"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"jianbao/problem"
	"jianbao/render/fonts"
)

// chartDPI is the resolution charts are drawn at: print quality, well above
// the 96 dpi default of the plotting library.
const chartDPI = 200

// Colours of the charts.
var (
	chartRed  = color.RGBA{R: 200, G: 16, B: 16, A: 255}
	chartPink = color.RGBA{R: 236, G: 150, B: 140, A: 255}
	chartGrey = color.RGBA{R: 150, G: 150, B: 150, A: 255}
	chartDark = color.RGBA{R: 70, G: 70, B: 70, A: 255}
	chartGrid = color.RGBA{R: 225, G: 225, B: 225, A: 255}
)

// chartTypeface is the name under which the Hei face is known to the
// plotting library's text handler.
const chartTypeface font.Typeface = "jianbao-hei"

var chartFonts = sync.OnceValues(func() (*font.Cache, error) {
	f, err := opentype.Parse(fonts.Bytes(fonts.Hei))
	if err != nil {
		return nil, problem.Wrap(ErrChart, err)
	}
	return font.NewCache(font.Collection{{Font: font.Font{Typeface: chartTypeface}, Face: f}}), nil
})

// newChartPlot returns a plot whose every text is set in the embedded Hei
// face, so that Chinese labels have real glyphs; alignments stay the
// library's defaults.
func newChartPlot() (*plot.Plot, error) {
	cache, err := chartFonts()
	if err != nil {
		return nil, err
	}
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: cache}
	chartRestyle(&p.Title.TextStyle, cache, 10)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		chartRestyle(&ax.Label.TextStyle, cache, 8)
		chartRestyle(&ax.Tick.Label, cache, 7.5)
		ax.Color, ax.Tick.Color = chartDark, chartDark
		ax.LineStyle.Width, ax.Tick.LineStyle.Width = vg.Points(0.6), vg.Points(0.6)
		ax.Tick.Length = vg.Points(4)
	}
	chartRestyle(&p.Legend.TextStyle, cache, 8)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(14)
	p.Legend.Padding = vg.Points(2)
	return p, nil
}

// chartRestyle sets a text style in the Hei face at size points, dark grey.
func chartRestyle(st *text.Style, cache *font.Cache, size float64) {
	st.Font = font.Font{Typeface: chartTypeface, Size: vg.Points(size)}
	st.Handler = text.Plain{Fonts: cache}
	st.Color = chartDark
}

// chartVertical writes a name one character a line, the usual way of
// labelling narrow Chinese categories.
func chartVertical(s string) string {
	return strings.Join(strings.Split(cjkQuotes(s), ""), "\n")
}

// chartPNG draws p on a canvas of w by h millimetres at chartDPI and encodes
// it as an opaque PNG. The same plot always gives the same bytes.
func chartPNG(p *plot.Plot, w, h float64) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Millimeter, vg.Length(h)*vg.Millimeter), vgimg.UseDPI(chartDPI),
		vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if err := png.Encode(&b, c.Image()); err != nil {
		return nil, problem.Wrap(ErrChart, err)
	}
	return b.Bytes(), nil
}

// chartGrid draws light horizontal grid lines behind the bars.
func chartGridLines() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Width = 0
	g.Horizontal.Color = chartGrid
	g.Horizontal.Width = vg.Points(0.5)
	return g
}

// chartThousandsTicks labels a count axis with thousands separators.
type chartThousandsTicks struct{}

func (chartThousandsTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = pdfThousands(int64(ts[i].Value))
		}
	}
	return ts
}
