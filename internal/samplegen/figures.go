package main

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"jianbao/templates"
)

// Metric positions in the configuration order; figures() checks the ids.
const (
	kPers  = iota // personnel_dispatched
	kFound        // problems_found
	kRect         // problems_rectified
	kLet          // letters_issued
	kUI           // units_interviewed
	kPI           // persons_interviewed
	kUA           // units_held_accountable
	kPA           // persons_held_accountable
	nMetrics
)

var metricIDs = [nMetrics]string{
	"personnel_dispatched", "problems_found", "problems_rectified", "letters_issued",
	"units_interviewed", "persons_interviewed", "units_held_accountable", "persons_held_accountable",
}

// reference are the citywide January–October 2018 figures the samples add up to.
var reference = [nMetrics]int64{42537, 33437, 33135, 1976, 82, 288, 62, 415}

const (
	year    = 2018
	nMonths = 10
	nAreas  = 8
)

// unitWeight is each unit's share of the work (bigger units, bigger figures).
var unitWeight = map[string]float64{
	"市本级": 0.14, "青秀区": 0.11, "西乡塘区": 0.10, "兴宁区": 0.09, "江南区": 0.09,
	"良庆区": 0.05, "邕宁区": 0.045, "武鸣区": 0.055,
	"隆安县": 0.035, "马山县": 0.03, "上林县": 0.03, "宾阳县": 0.05, "横县": 0.05,
	"高新区": 0.045, "经开区": 0.04, "东盟经开区": 0.025,
}

// lowRate are the units whose rectification rate lags (target 整改率).
var lowRate = map[string]float64{"马山县": 0.944, "上林县": 0.957}

// monthWeight: quiet around the Spring Festival, busier towards the 东博会 in September.
var monthWeight = [nMonths]float64{0.85, 0.65, 0.95, 1.0, 1.05, 1.05, 1.0, 1.1, 1.2, 1.15}

// areaWeight is the base share of each work area (config order).
var areaWeight = [nAreas]float64{0.20, 0.14, 0.16, 0.16, 0.12, 0.06, 0.08, 0.08}

// Table holds every generated figure: V[u][m][a][k] for unit u, month m
// (0 = January), work area a and metric k, all in configuration order.
type Table struct {
	Units   []string
	Areas   []string
	Metrics []string
	V       [][nMonths][nAreas][nMetrics]int64
}

// Month returns the unit-month totals.
func (t *Table) Month(u, m int) [nMetrics]int64 {
	var s [nMetrics]int64
	for a := 0; a < nAreas; a++ {
		for k := 0; k < nMetrics; k++ {
			s[k] += t.V[u][m][a][k]
		}
	}
	return s
}

// YTD returns the unit's totals January..m.
func (t *Table) YTD(u, m int) [nMetrics]int64 {
	var s [nMetrics]int64
	for i := 0; i <= m; i++ {
		x := t.Month(u, i)
		for k := range s {
			s[k] += x[k]
		}
	}
	return s
}

// Grand returns the totals over all units, months and areas.
func (t *Table) Grand() [nMetrics]int64 {
	var s [nMetrics]int64
	for u := range t.V {
		x := t.YTD(u, nMonths-1)
		for k := range s {
			s[k] += x[k]
		}
	}
	return s
}

// multinomial spreads n items over cells in proportion to w.
func multinomial(r *rand.Rand, n int64, w []float64) []int64 {
	out := make([]int64, len(w))
	cum := make([]float64, len(w))
	var s float64
	for i, x := range w {
		s += x
		cum[i] = s
	}
	if n == 0 {
		return out
	}
	if s <= 0 {
		panic("multinomial: no weight")
	}
	for i := int64(0); i < n; i++ {
		x := r.Float64() * s
		j := sort.SearchFloat64s(cum, x)
		for j < len(w)-1 && (cum[j] <= x || w[j] == 0) {
			j++
		}
		out[j]++
	}
	return out
}

// apportion splits n in proportion to w exactly (largest remainder).
func apportion(n int64, w []float64) []int64 {
	var s float64
	for _, x := range w {
		s += x
	}
	out := make([]int64, len(w))
	type rem struct {
		i int
		f float64
	}
	rs := make([]rem, len(w))
	var used int64
	for i, x := range w {
		q := float64(n) * x / s
		out[i] = int64(q)
		used += out[i]
		rs[i] = rem{i, q - float64(out[i])}
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].f > rs[b].f })
	for i := 0; used < n; i++ {
		out[rs[i%len(rs)].i]++
		used++
	}
	return out
}

// capped draws n items one by one into cells with probability proportional
// to weight times remaining capacity; it never exceeds cap.
func capped(r *rand.Rand, n int64, w []float64, cap []int64) []int64 {
	out := make([]int64, len(w))
	ww := make([]float64, len(w))
	for i := int64(0); i < n; i++ {
		var s float64
		for j := range w {
			ww[j] = 0
			if out[j] < cap[j] {
				ww[j] = w[j]
			}
			s += ww[j]
		}
		if s == 0 {
			panic("capped: no capacity left")
		}
		x := r.Float64() * s
		j := 0
		for ; j < len(ww)-1; j++ {
			if ww[j] > 0 && x < ww[j] {
				break
			}
			x -= ww[j]
		}
		for ww[j] == 0 {
			j--
		}
		out[j]++
	}
	return out
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// generate builds the figure table from the configuration and a seed. It
// retries with fresh draws until the table passes check (at most a few times).
func generate(cfg *templates.Config, seed uint64) (*Table, error) {
	ids := cfg.MetricIDs()
	if len(ids) != nMetrics || len(cfg.Areas) != nAreas {
		return nil, fmt.Errorf("configuration has %d metrics and %d areas, generator expects %d and %d", len(ids), len(cfg.Areas), nMetrics, nAreas)
	}
	for i, id := range ids {
		if id != metricIDs[i] {
			return nil, fmt.Errorf("metric %d is %q, generator expects %q", i, id, metricIDs[i])
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x6a69616e62616f)) // "jianbao"
	var lastErr error
	for attempt := 0; attempt < 50; attempt++ {
		t := draw(cfg, r)
		if errs := check(t); len(errs) > 0 {
			lastErr = fmt.Errorf("attempt %d: %s", attempt, errs[0])
			continue
		}
		return t, nil
	}
	return nil, lastErr
}

func draw(cfg *templates.Config, r *rand.Rand) *Table {
	nu := len(cfg.Units)
	t := &Table{Units: cfg.UnitNames(), Metrics: cfg.MetricIDs(), V: make([][nMonths][nAreas][nMetrics]int64, nu)}
	for _, a := range cfg.Areas {
		t.Areas = append(t.Areas, a.Name)
	}
	idx := func(u, m int) int { return u*nMonths + m }
	n := nu * nMonths

	// Unit-month weights: the unit's size, the season and some noise shared
	// by all metrics, plus a little noise of each metric's own.
	base := make([]float64, n)
	for u, name := range t.Units {
		w, ok := unitWeight[name]
		if !ok {
			w = 0.04
		}
		for m := 0; m < nMonths; m++ {
			base[idx(u, m)] = w * monthWeight[m] * uniform(r, 0.85, 1.18)
		}
	}
	// Each unit spreads its work over the areas a little differently.
	unitArea := make([][nAreas]float64, nu)
	for u := range unitArea {
		for a := 0; a < nAreas; a++ {
			unitArea[u][a] = areaWeight[a] * uniform(r, 0.6, 1.5)
		}
	}
	areaW := func(u, m int) []float64 {
		w := make([]float64, nAreas)
		for a := 0; a < nAreas; a++ {
			w[a] = unitArea[u][a] * uniform(r, 0.85, 1.15)
			if a == 5 && (m == 7 || m == 8) { // 服务东博会峰会 peaks in August–September
				w[a] *= 2
			}
		}
		return w
	}
	own := func(lo, hi float64, unitBias []float64) []float64 {
		w := make([]float64, n)
		for u := 0; u < nu; u++ {
			for m := 0; m < nMonths; m++ {
				w[idx(u, m)] = base[idx(u, m)] * unitBias[u] * uniform(r, lo, hi)
			}
		}
		return w
	}
	bias := func(lo, hi float64) []float64 {
		b := make([]float64, nu)
		for u := range b {
			b[u] = uniform(r, lo, hi)
		}
		return b
	}

	// Large metrics: spread over unit-months, then over areas.
	spread := func(k int, um []int64) {
		for u := 0; u < nu; u++ {
			for m := 0; m < nMonths; m++ {
				cells := multinomial(r, um[idx(u, m)], areaW(u, m))
				for a, v := range cells {
					t.V[u][m][a][k] = v
				}
			}
		}
	}
	spread(kPers, apportion(reference[kPers], own(0.92, 1.08, bias(0.9, 1.35))))
	spread(kFound, apportion(reference[kFound], own(0.95, 1.05, bias(1, 1))))
	spread(kLet, multinomial(r, reference[kLet], own(0.8, 1.2, bias(0.6, 1.6))))

	// Rectification: decide each unit's unrectified problems from its target
	// rate, then spread them over months (more in recent months) and areas,
	// never more than were found.
	found := make([]int64, nu)
	for u := 0; u < nu; u++ {
		for m := 0; m < nMonths; m++ {
			found[u] += t.Month(u, m)[kFound]
		}
	}
	unrect := make([]int64, nu)
	left := reference[kFound] - reference[kRect]
	others := make([]float64, nu)
	for u, name := range t.Units {
		if rate, ok := lowRate[name]; ok {
			unrect[u] = int64(float64(found[u])*(1-rate) + 0.5)
			left -= unrect[u]
		} else {
			others[u] = float64(found[u]) * uniform(r, 0.15, 1.8)
		}
	}
	rest := apportion(left, others)
	for u := range unrect {
		if _, ok := lowRate[t.Units[u]]; !ok {
			unrect[u] = rest[u]
		}
	}
	for u := 0; u < nu; u++ {
		w := make([]float64, nMonths)
		cp := make([]int64, nMonths)
		for m := 0; m < nMonths; m++ {
			cp[m] = t.Month(u, m)[kFound]
			w[m] = float64(cp[m]) * (0.5 + 0.1*float64(m))
		}
		for m, x := range capped(r, unrect[u], w, cp) {
			aw := make([]float64, nAreas)
			ac := make([]int64, nAreas)
			for a := 0; a < nAreas; a++ {
				ac[a] = t.V[u][m][a][kFound]
				aw[a] = float64(ac[a])
			}
			for a, y := range capped(r, x, aw, ac) {
				t.V[u][m][a][kRect] = t.V[u][m][a][kFound] - y
			}
		}
	}

	// Interviews and accountability: few, spread over all cells in
	// proportion to the problems found; persons are at least the units in
	// every cell.
	cells := n * nAreas
	cellW := func(unitBias []float64) []float64 {
		w := make([]float64, cells)
		for u := 0; u < nu; u++ {
			for m := 0; m < nMonths; m++ {
				for a := 0; a < nAreas; a++ {
					w[(idx(u, m))*nAreas+a] = (float64(t.V[u][m][a][kFound]) + 1) * unitBias[u]
				}
			}
		}
		return w
	}
	put := func(k int, v []int64) {
		for u := 0; u < nu; u++ {
			for m := 0; m < nMonths; m++ {
				for a := 0; a < nAreas; a++ {
					t.V[u][m][a][k] = v[(idx(u, m))*nAreas+a]
				}
			}
		}
	}
	persons := func(kUnits, kPersons int, extraPerUnit float64, b []float64) {
		units := multinomial(r, reference[kUnits], cellW(b))
		w := cellW(b)
		for i := range w {
			w[i] = w[i]*0.15 + float64(units[i])*extraPerUnit*200
		}
		extra := multinomial(r, reference[kPersons]-reference[kUnits], w)
		p := make([]int64, cells)
		for i := range p {
			p[i] = units[i] + extra[i]
		}
		put(kUnits, units)
		put(kPersons, p)
	}
	persons(kUI, kPI, 1, bias(0.3, 2))
	persons(kUA, kPA, 1, bias(0.3, 2))
	return t
}

// check returns every way t falls short of what the samples promise: exact
// reference totals, non-negative figures, rectified <= found and persons >=
// units in every unit-month (and every area row), no unit-month figure more
// than 5× the month before when that was at least 20, and the rate targets.
func check(t *Table) []string {
	var errs []string
	g := t.Grand()
	for k := 0; k < nMetrics; k++ {
		if g[k] != reference[k] {
			errs = append(errs, fmt.Sprintf("%s total %d, want %d", metricIDs[k], g[k], reference[k]))
		}
	}
	for u, name := range t.Units {
		var found, rect int64
		for m := 0; m < nMonths; m++ {
			for a := 0; a < nAreas; a++ {
				c := t.V[u][m][a]
				for k := 0; k < nMetrics; k++ {
					if c[k] < 0 {
						errs = append(errs, fmt.Sprintf("%s %d月 area %d %s negative", name, m+1, a, metricIDs[k]))
					}
				}
				if c[kRect] > c[kFound] || c[kPI] < c[kUI] || c[kPA] < c[kUA] {
					errs = append(errs, fmt.Sprintf("%s %d月 area %d: rectified > found or persons < units", name, m+1, a))
				}
			}
			cur := t.Month(u, m)
			found += cur[kFound]
			rect += cur[kRect]
			if cur[kRect] > cur[kFound] || cur[kPI] < cur[kUI] || cur[kPA] < cur[kUA] {
				errs = append(errs, fmt.Sprintf("%s %d月: rectified > found or persons < units", name, m+1))
			}
			if m > 0 {
				prev := t.Month(u, m-1)
				for k := 0; k < nMetrics; k++ {
					if prev[k] >= 20 && cur[k] > 5*prev[k] {
						errs = append(errs, fmt.Sprintf("%s %d月 %s %d > 5×%d", name, m+1, metricIDs[k], cur[k], prev[k]))
					}
				}
			}
		}
		if found == 0 {
			errs = append(errs, name+" found nothing")
			continue
		}
		rate := float64(rect) / float64(found)
		if _, low := lowRate[name]; low {
			if rate < 0.93 || rate > 0.965 {
				errs = append(errs, fmt.Sprintf("%s rate %.4f, want 0.93–0.965", name, rate))
			}
		} else if rate < 0.98 {
			errs = append(errs, fmt.Sprintf("%s rate %.4f, want >= 0.98", name, rate))
		}
	}
	return errs
}
