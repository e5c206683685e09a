package render

import (
	"math"
	"sort"

	"jianbao/aggregate"
)

// pdfSwing is a figure of one unit that moved sharply against the month
// before.
type pdfSwing struct {
	Unit, Name, Measure string
	Prev, Now           int64
	Up                  bool
	Decimals            int // of an amount; 0 for a count
}

// pdfSwings lists, in table then metric order, the figures of units with an
// accepted sheet this month and last month where one month is more than
// swing_factor times the other; the larger of the two must reach swing_min,
// so that small numbers (3 against 0) are left alone.
func pdfSwings(r *aggregate.Report) []pdfSwing {
	var out []pdfSwing
	for _, u := range r.Units {
		if u.Status != aggregate.Accepted || u.PrevMonth == nil {
			continue
		}
		for _, m := range r.Config.Metrics {
			if !m.InBriefing() {
				continue
			}
			factor, floor := r.Config.Checks.Swing(m.ID)
			prev, now := u.PrevMonth[m.ID], u.Month[m.ID]
			if factor <= 1 || max(prev, now) < max(floor*m.Scale(), 1) {
				continue
			}
			if now > factor*prev || prev > factor*now {
				out = append(out, pdfSwing{Unit: u.Name, Name: m.Name, Measure: m.Measure, Prev: prev, Now: now, Up: now > prev, Decimals: m.Places()})
			}
		}
	}
	return out
}

// pdfRanked is one unit on the 红黑榜.
type pdfRanked struct {
	Name, Rate string
	Place      int  // place on its list; units showing the same rate share it
	Tied       bool // another unit on the same list shows the same rate
	tenths     int64
}

// pdfRanking is the 红黑榜: units by the year-to-date value of the ranked
// derived rate against its thresholds, compared as the rates are printed
// (one decimal). MinFound is the least value of the rate's denominator.
type pdfRanking struct {
	Enabled           bool
	Name              string // of the rate
	RedAt, BlackBelow string // thresholds as printed, e.g. 98%
	MinFound          int64
	Red, Black        []pdfRanked
	Small             []string // units left off for too few problems found
	Unreported        []string // units left off for having no accepted sheet this month
	Ties              bool
}

// pdfThresholdTenths turns a configured fraction (0.98) into tenths of a
// percent (980).
func pdfThresholdTenths(f float64) int64 { return int64(math.Round(f * 1000)) }

// pdfTenthsText writes tenths of a percent as a percentage: 980 is 98%, 975
// is 97.5%.
func pdfTenthsText(t int64) string {
	if t%10 == 0 {
		return pdfThousands(t/10) + "%"
	}
	return aggregate.Rate{Num: t, Den: 1000}.Percent()
}

func newPDFRanking(r *aggregate.Report) pdfRanking {
	def, ok := r.Config.Ranked()
	if !ok || !def.IsRate() || !def.Ranking.Lists() {
		return pdfRanking{}
	}
	if h, _ := r.Config.HeadlineRate(); h.ID != def.ID {
		return pdfRanking{} // the units' rates shown are those of the headline rate
	}
	c := *def.Ranking
	k := pdfRanking{Enabled: true, Name: def.Name, MinFound: c.MinRight}
	red, black := pdfThresholdTenths(c.RedAtLeast), pdfThresholdTenths(c.BlackBelow)
	k.RedAt, k.BlackBelow = pdfTenthsText(red), pdfTenthsText(black)
	var eligible []aggregate.UnitRow
	for _, u := range r.Units {
		switch {
		case !u.YTDRate.Valid():
		case !u.Reported():
			k.Unreported = append(k.Unreported, u.Name)
		case u.YearToDate[def.Right] < c.MinRight:
			k.Small = append(k.Small, u.Name)
		default:
			eligible = append(eligible, u)
		}
	}
	sort.SliceStable(eligible, func(i, j int) bool { return pdfTenths(eligible[i].YTDRate) > pdfTenths(eligible[j].YTDRate) })
	for _, u := range eligible {
		t := pdfTenths(u.YTDRate)
		if c.RedAtLeast > 0 && t >= red {
			k.Red = append(k.Red, pdfRanked{Name: u.Name, Rate: u.YTDRate.Percent(), tenths: t})
		}
		if c.BlackBelow > 0 && t < black {
			k.Black = append(k.Black, pdfRanked{Name: u.Name, Rate: u.YTDRate.Percent(), tenths: t})
		}
	}
	// The black list starts with the lowest rate; equal rates keep table order.
	sort.SliceStable(k.Black, func(i, j int) bool { return k.Black[i].tenths < k.Black[j].tenths })
	redTies, blackTies := pdfMarkTies(k.Red), pdfMarkTies(k.Black)
	k.Ties = redTies || blackTies
	return k
}

// pdfMarkTies numbers the entries of a list sorted by rate (1, 2, 2, 4),
// flags those that share their printed rate with a neighbour and reports
// whether there were any.
func pdfMarkTies(xs []pdfRanked) bool {
	any := false
	for i := range xs {
		xs[i].Place = i + 1
		if i > 0 && xs[i].tenths == xs[i-1].tenths {
			xs[i].Place = xs[i-1].Place
			xs[i].Tied, xs[i-1].Tied, any = true, true, true
		}
	}
	return any
}
