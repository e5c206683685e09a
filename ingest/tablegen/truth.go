package tablegen

// Typical monthly size of each metric for one work area of an average unit.
var metricScale = map[string]int{
	"personnel_dispatched":   260,
	"problems_found":         45,
	"letters_issued":         4,
	"units_interviewed":      2,
	"units_held_accountable": 1,
}

// makeTruth invents the unit, the month and the figures: every area row's
// months January..Month, the December before and the year before.
func (g *gen) makeTruth() {
	cfg := g.cfg
	t := &g.c.Truth
	u := pick(g, cfg.Units)
	t.Unit = u.Name
	t.Year = g.between(2018, 2020)
	t.Month = g.between(1, 12)
	g.unitAs = pick(g, unitSpellings(u, t.Year))
	t.Metrics = cfg.MetricIDs()
	t.HasAreas = g.shape != shapeList

	areas := make([]int, len(cfg.Areas))
	for i := range areas {
		areas[i] = i
	}
	if t.HasAreas && len(areas) > 3 && g.chance(0.2) {
		g.apply(AreaSubset)
		for n := g.between(1, min(3, len(areas)-2)); n > 0; n-- {
			i := g.intn(len(areas))
			areas = append(areas[:i], areas[i+1:]...)
		}
		if g.chance(0.3) {
			g.r.Shuffle(len(areas), func(i, j int) { areas[i], areas[j] = areas[j], areas[i] })
		}
	}
	size := 0.4 + 1.6*g.r.Float64()
	for _, a := range areas {
		area := cfg.Areas[a]
		t.Rows = append(t.Rows, AreaRow{Area: area.Name, Label: g.areaLabel(area), Series: g.series(size, g.chance(0.15))})
	}
	if t.HasAreas && g.chance(0.08) {
		g.apply(RepeatedArea)
		i := g.intn(len(t.Rows))
		dup := AreaRow{Area: t.Rows[i].Area, Label: t.Rows[i].Label, Series: g.series(size, false)}
		at := len(t.Rows)
		if g.chance(0.5) {
			at = i + 1
		}
		t.Rows = append(t.Rows[:at], append([]AreaRow{dup}, t.Rows[at:]...)...)
	}
	if allZero(t.Rows) {
		t.Rows[0].Series = g.series(size, false)
	}
	if g.broken == BrokenPart || (g.shape != shapeList && g.chance(0.18)) {
		g.makeParts()
	}
}

func allZero(rows []AreaRow) bool {
	for _, r := range rows {
		for _, m := range r.Months {
			for _, v := range m {
				if v != 0 {
					return false
				}
			}
		}
	}
	return true
}

// series invents one row's counts for every month it needs.
func (g *gen) series(size float64, idle bool) Series {
	t := &g.c.Truth
	month := func() []int64 {
		if idle {
			return make([]int64, len(t.Metrics))
		}
		return g.counts(size)
	}
	s := Series{PrevDec: month()}
	for m := 0; m < t.Month; m++ {
		s.Months = append(s.Months, month())
		s.PriorYear = append(s.PriorYear, month())
	}
	return s
}

// counts invents one month of one row: problems rectified no more than
// found, persons no fewer than units, and a few zeros.
func (g *gen) counts(size float64) []int64 {
	ids := g.c.Truth.Metrics
	out := make([]int64, len(ids))
	draw := func(scale int) int64 {
		if g.chance(0.12) {
			return 0
		}
		return int64(g.r.Float64() * 2 * float64(scale) * size)
	}
	for k, id := range ids {
		switch id {
		case "problems_rectified", "persons_interviewed", "persons_held_accountable":
			continue // below, from their pair
		}
		scale, ok := metricScale[id]
		if !ok {
			scale = 20
		}
		out[k] = draw(scale)
	}
	for k, id := range ids {
		switch id {
		case "problems_rectified":
			if f := g.metricIndex("problems_found"); f >= 0 {
				out[k] = out[f] - int64(g.r.Float64()*0.15*float64(out[f]))
			}
		case "persons_interviewed", "persons_held_accountable":
			unitID := map[string]string{"persons_interviewed": "units_interviewed", "persons_held_accountable": "units_held_accountable"}[id]
			if u := g.metricIndex(unitID); u >= 0 {
				out[k] = out[u]
				if out[u] > 0 {
					out[k] += int64(g.intn(3))
				}
			}
		}
	}
	return out
}

// makeParts gives one or two rows 其中 parts, each no larger than its
// parent and all of them together no larger either.
func (g *gen) makeParts() {
	t := &g.c.Truth
	g.apply(PartRows)
	parents := []int{g.intn(len(t.Rows))}
	if len(t.Rows) > 2 && g.chance(0.4) {
		if p := g.intn(len(t.Rows)); p != parents[0] {
			parents = append(parents, p)
		}
	}
	for _, p := range parents {
		names := partNames[t.Rows[p].Area]
		if len(names) == 0 {
			names = genericParts
		}
		n := 1
		if len(names) > 1 && g.chance(0.4) {
			n = 2
		}
		start := g.intn(len(names))
		left := copySeries(t.Rows[p].Series)
		for i := 0; i < n; i++ {
			part := PartRow{Parent: p, Label: names[(start+i)%len(names)], Series: g.split(&left)}
			t.Parts = append(t.Parts, part)
		}
	}
}

// split takes a part of each count of left, leaving the rest in left.
func (g *gen) split(left *Series) Series {
	take := func(vs []int64) []int64 {
		out := make([]int64, len(vs))
		for k, v := range vs {
			out[k] = min(int64(g.r.Float64()*float64(v+1)), v)
			vs[k] = v - out[k]
		}
		return out
	}
	p := Series{PrevDec: take(left.PrevDec)}
	for m := range left.Months {
		p.Months = append(p.Months, take(left.Months[m]))
		p.PriorYear = append(p.PriorYear, take(left.PriorYear[m]))
	}
	return p
}

// copySeries returns a deep copy of s.
func copySeries(s Series) Series {
	return Series{Months: cloneAll(s.Months), PrevDec: clone(s.PrevDec), PriorYear: cloneAll(s.PriorYear)}
}

func clone(v []int64) []int64 { return append([]int64(nil), v...) }

func cloneAll(vs [][]int64) [][]int64 {
	out := make([][]int64, len(vs))
	for i, v := range vs {
		out[i] = clone(v)
	}
	return out
}

// sumSeries adds series together.
func sumSeries(ss []*Series, metrics int) *Series {
	out := &Series{PrevDec: make([]int64, metrics)}
	months := 0
	for _, s := range ss {
		months = max(months, len(s.Months))
	}
	for m := 0; m < months; m++ {
		out.Months = append(out.Months, make([]int64, metrics))
		out.PriorYear = append(out.PriorYear, make([]int64, metrics))
	}
	for _, s := range ss {
		for k, v := range s.PrevDec {
			out.PrevDec[k] += v
		}
		for m := range s.Months {
			for k := range s.Months[m] {
				out.Months[m][k] += s.Months[m][k]
				out.PriorYear[m][k] += s.PriorYear[m][k]
			}
		}
	}
	return out
}
