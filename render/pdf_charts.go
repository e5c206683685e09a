package render

import (
	"fmt"
	"sort"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"jianbao/aggregate"
	"jianbao/render/fonts"
	"jianbao/templates"
)

// Sizes of the two charts on the page. The PDF library orders images by
// pixel width, and by chance among equal widths, so the charts differ in
// width by a millimetre to keep the output bytes fixed.
var (
	pdfChartFound = chartSize{W: pdfTextWidth, H: 78}
	pdfChartRates = chartSize{W: pdfTextWidth - 1, H: 72}
)

var (
	pdfStCaption = pdfStyle{family: fonts.Hei, size: 10.5, align: align.Center, lead: 1.8}
	pdfStNote    = pdfStyle{family: fonts.Song, size: 9, color: &pdfGrey, lead: 1.6}
)

// pdfCharts adds figure 1 (the headline rate's two metrics by unit) and
// figure 2 (the rate by unit, sorted, with the citywide rate), each under
// its caption. A chart with nothing to show is left out, and both when no
// rate is configured.
func pdfCharts(d *pdfDoc, r *aggregate.Report, v pdfView) error {
	def, ok := r.Config.HeadlineRate()
	if !ok {
		return nil
	}
	when := v.Span
	if !v.FirstMonth {
		when += "累计"
	}
	if img, err := pdfFoundChart(r); err != nil {
		return err
	} else if img != nil {
		d.figure(fmt.Sprintf("图1　各单位%s与%s（%d年%s）", pdfMetricName(r, def.Right), pdfMetricName(r, def.Left), v.Year, when), img, pdfChartFound, "")
	}
	img, note, err := pdfRateChart(r)
	if err != nil || img == nil {
		return err
	}
	d.figure(fmt.Sprintf("图2　各单位%s（%d年%s，由高到低）", def.Name, v.Year, when), img, pdfChartRates, note)
	return nil
}

// figure adds a caption, a chart image and an optional note, kept on one page.
func (d *pdfDoc) figure(caption string, img []byte, size chartSize, note string) {
	h := pdfStCaption.lineHeight() + size.H + 2
	if note != "" {
		h += pdfParagraphHeight(note, pdfStNote, false)
	}
	d.keep(h)
	d.space(2)
	d.add(d.textRow(caption, pdfStCaption))
	d.add(row.New(size.H).Add(col.New(pdfGrid).Add(
		image.NewFromBytes(img, extension.Png, props.Rect{Percent: 100, Center: true}))))
	if note != "" {
		d.paragraph(note, pdfStNote, false)
	}
}

func pdfFoundChart(r *aggregate.Report) ([]byte, error) {
	def, _ := r.Config.HeadlineRate()
	found, rect := pdfMetricName(r, def.Right), pdfMetricName(r, def.Left)
	var names []string
	var fs, rs []float64
	var total int64
	for _, u := range r.Units {
		names = append(names, u.Name)
		fs = append(fs, float64(u.YearToDate[def.Right]))
		rs = append(rs, float64(u.YearToDate[def.Left]))
		total += u.YearToDate[def.Right] + u.YearToDate[def.Left]
	}
	if total == 0 {
		return nil, nil
	}
	return chartGroupedBars(names, []chartSeries{
		{Name: found, Values: fs, Color: chartRed},
		{Name: rect, Values: rs, Color: chartGrey},
	}, rateAxisTitle(r.Config, def), pdfChartFound)
}

// rateAxisTitle is the value axis's title of a chart of the two metrics of
// a rate: 数量, with their measure word when they share one (数量（个）).
func rateAxisTitle(cfg *templates.Config, d templates.Derived) string {
	l, okL := pdfMetricOf(cfg.Metrics, d.Left)
	r, okR := pdfMetricOf(cfg.Metrics, d.Right)
	if okL && okR && l.Measure != "" && l.Measure == r.Measure {
		return "数量（" + l.Measure + "）"
	}
	return "数量"
}

func pdfMetricName(r *aggregate.Report, id string) string {
	if m, ok := pdfMetricOf(r.Config.Metrics, id); ok {
		return cjkQuotes(m.Name)
	}
	return id
}

// pdfRateChart draws the units that have a year-to-date rate, highest
// first (equal rates in table order), and notes those left out.
func pdfRateChart(r *aggregate.Report) ([]byte, string, error) {
	var us []aggregate.UnitRow
	var left []string
	for _, u := range r.Units {
		if u.YTDRate.Valid() {
			us = append(us, u)
		} else {
			left = append(left, u.Name)
		}
	}
	if len(us) == 0 || !r.YTDRate.Valid() {
		return nil, "", nil
	}
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i].YTDRate, us[j].YTDRate
		return a.Num*b.Den > b.Num*a.Den
	})
	items := make([]chartRate, len(us))
	for i, u := range us {
		items[i] = chartRate{Name: u.Name, Value: pdfPercentValue(u.YTDRate),
			Label: strings.TrimSuffix(u.YTDRate.Percent(), "%"), Below: pdfBelow(u.YTDRate, r.YTDRate)}
	}
	city := r.YTDRate.Percent()
	def, _ := r.Config.HeadlineRate()
	img, err := chartRateBars(items, pdfPercentValue(r.YTDRate),
		[4]string{"不低于全市", "低于全市", "全市" + def.Name + city, def.Name + "（%）"}, pdfChartRates)
	note := ""
	if len(left) > 0 {
		note = fmt.Sprintf("注：%s没有%s的记录，无%s，未列入图2。", strings.Join(left, "、"), pdfMetricShort(r, def.Right), def.Name)
	}
	return img, note, err
}

// pdfPercentValue is a rate in percent as printed (one decimal), so that a
// bar is exactly as high as its label says.
func pdfPercentValue(r aggregate.Rate) float64 { return float64(pdfTenths(r)) / 10 }

// pdfBelow reports whether rate a is under rate b, exactly.
func pdfBelow(a, b aggregate.Rate) bool {
	return a.Valid() && b.Valid() && a.Num*b.Den < b.Num*a.Den
}
