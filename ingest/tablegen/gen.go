package tablegen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"jianbao/templates"
)

// Generator makes cases from the names of one configuration.
type Generator struct {
	cfg *templates.Config
}

// New returns a generator for cfg; nil means the default configuration.
func New(cfg *templates.Config) *Generator {
	if cfg == nil {
		cfg = defaultConfig()
	}
	return &Generator{cfg: cfg}
}

var defaultConfig = sync.OnceValue(templates.Default)

// Generate makes the case of seed with the default configuration. The same
// seed always gives the same case.
func Generate(seed uint64) Case { return New(nil).Generate(seed) }

// shape is the orientation of the main table.
type shape int

const (
	shapeTable      shape = iota // areas down the side, metrics across the top
	shapeTransposed              // metrics down the side, areas across the top
	shapeList                    // metrics down the side, no areas
)

// gen holds the state of one case while it is generated.
type gen struct {
	r      *rand.Rand
	cfg    *templates.Config
	c      *Case
	shape  shape
	broken Transform // "" for a readable case
	vals   valuePolicy
	unitAs string // the unit as written in the sheet
	frame  frame
	names  bool // headers and labels other than the canonical names
}

// Generate makes the case of seed.
func (gn *Generator) Generate(seed uint64) Case {
	g := &gen{
		r:   rand.New(rand.NewPCG(seed, 0x6a69616e62616f)),
		cfg: gn.cfg,
		c:   &Case{Seed: seed},
	}
	g.names = g.chance(0.5)
	g.pickShape()
	g.pickBroken()
	g.makeTruth()
	g.vals = g.pickValues()
	g.frame = g.pickFrame()
	g.c.Book = g.render()
	g.c.Readable = g.broken == ""
	return *g.c
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) intn(n int) int        { return g.r.IntN(n) }

// between returns a number in lo..hi.
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// mark records that row, col of b holds the month's true figure of metric
// k for area row area (-1: the unit's total).
func (g *gen) mark(b *sheetBuilder, row, col, area, k int) {
	if b.truth {
		g.c.marks = append(g.c.marks, mark{b.name, row, col, area, k})
	}
}

// apply records a transformation, once.
func (g *gen) apply(t Transform) {
	if !slices.Contains(g.c.Transforms, t) {
		g.c.Transforms = append(g.c.Transforms, t)
	}
}

func (g *gen) pickShape() {
	switch x := g.r.Float64(); {
	case x < 0.70:
		g.shape = shapeTable
	case x < 0.82:
		g.shape = shapeTransposed
		g.apply(Transposed)
	default:
		g.shape = shapeList
	}
}

// pickBroken makes about one case in ten deliberately unreadable.
func (g *gen) pickBroken() {
	if !g.chance(0.10) {
		return
	}
	kinds := []Transform{BrokenTotal, BrokenUnlabelled, BrokenWord, BrokenFraction, BrokenNegative, BrokenUnknown, BrokenPart}
	switch g.shape {
	case shapeList:
		kinds = []Transform{BrokenUnlabelled, BrokenWord, BrokenFraction, BrokenNegative}
	case shapeTransposed:
		kinds = []Transform{BrokenTotal, BrokenUnlabelled, BrokenWord, BrokenFraction, BrokenNegative, BrokenUnknown}
	}
	g.broken = pick(g, kinds)
	g.apply(g.broken)
}

// groupDef is a pair of metrics typed under one group header (约谈 over
// 责任单位 / 责任人).
type groupDef struct {
	parent   string
	ids      [2]string
	children [2][]string
}

var groupDefs = []groupDef{
	{"约谈", [2]string{"units_interviewed", "persons_interviewed"}, [2][]string{{"责任单位", "单位"}, {"责任人", "人员", "人"}}},
	{"问责", [2]string{"units_held_accountable", "persons_held_accountable"}, [2][]string{{"责任单位", "单位"}, {"责任人", "人员", "人"}}},
}

// metricGroups returns the groups whose two metrics are configured, with
// the metric indexes and only the children whose joined name the
// configuration knows (约谈+单位 = 约谈单位).
func (g *gen) metricGroups() []resolvedGroup {
	var out []resolvedGroup
	for _, d := range groupDefs {
		rg := resolvedGroup{parent: d.parent, idx: [2]int{-1, -1}}
		for i, id := range d.ids {
			rg.idx[i] = g.metricIndex(id)
			for _, ch := range d.children[i] {
				if rg.idx[i] >= 0 && g.knownName(rg.idx[i], d.parent+ch) {
					rg.children[i] = append(rg.children[i], ch)
				}
			}
		}
		if rg.idx[0] >= 0 && rg.idx[1] >= 0 && len(rg.children[0]) > 0 && len(rg.children[1]) > 0 {
			out = append(out, rg)
		}
	}
	return out
}

type resolvedGroup struct {
	parent   string
	idx      [2]int
	children [2][]string
}

// childName picks the sub-header of metric k under its group's parent:
// the one that joins to the canonical name unless names vary.
func (g *gen) childName(rg resolvedGroup, i int) string {
	k := rg.idx[i]
	if !g.names {
		for _, ch := range rg.children[i] {
			if rg.parent+ch == g.cfg.Metrics[k].Name {
				return ch
			}
		}
	}
	ch := pick(g, rg.children[i])
	if rg.parent+ch != g.cfg.Metrics[k].Name {
		g.apply(HeaderNames)
	}
	return ch
}

func (g *gen) metricIndex(id string) int {
	for i, m := range g.cfg.Metrics {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// knownName reports whether name is the canonical name or an alias of metric k.
func (g *gen) knownName(k int, name string) bool {
	m := g.cfg.Metrics[k]
	return name == m.Name || slices.Contains(m.Aliases, name)
}

// metricName is a header for metric k as units type it: the canonical name
// or an alias, perhaps with its measure in brackets, a trailing 数, or
// broken over two lines.
func (g *gen) metricName(k int, allowMeasure bool) string {
	m := g.cfg.Metrics[k]
	name := m.Name
	if !g.names {
		return name
	}
	if len(m.Aliases) > 0 && g.chance(0.4) {
		name = pick(g, m.Aliases)
	}
	if allowMeasure && m.Measure != "" && !strings.HasSuffix(name, m.Measure) && g.chance(0.3) {
		if g.chance(0.7) {
			name += "（" + m.Measure + "）"
		} else {
			name += "(" + m.Measure + ")"
		}
	} else if g.chance(0.12) && takesShu(name) {
		name += "数"
	}
	if g.chance(0.2) {
		name = wrap(name, g.intn(8))
	}
	if name != m.Name {
		g.apply(HeaderNames)
	}
	return name
}

// takesShu reports whether a trailing 数 reads naturally after name.
func takesShu(name string) bool {
	for _, end := range []string{"问题", "人员", "单位", "责任人", "整改"} {
		if strings.HasSuffix(name, end) {
			return true
		}
	}
	return false
}

// areaLabel is how a work area is written: its name or an alias.
func (g *gen) areaLabel(a templates.Area) string {
	if g.names && g.shape != shapeList && len(a.Aliases) > 0 && g.chance(0.25) {
		g.apply(HeaderNames)
		return pick(g, a.Aliases)
	}
	return a.Name
}

// unitSpellings are the names a sheet of the year could call unit u by.
func unitSpellings(u templates.Unit, year int) []string {
	out := []string{u.Name}
	for _, a := range u.Aliases {
		if strings.Contains(a, "两重两问") || (strings.Contains(a, "横州") && year < 2021) {
			continue
		}
		out = append(out, a)
	}
	return out
}
