package tablegen

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Outcome is how a reader did on a case.
type Outcome int

const (
	Right   Outcome = iota // accepted with the true figures
	Refused                // refused: at least one error finding
	Wrong                  // accepted with other figures, or a broken sheet accepted
)

func (o Outcome) String() string {
	switch o {
	case Right:
		return "right"
	case Refused:
		return "refused"
	}
	return "wrong"
}

// Reading is what a reader made of a case's file, in terms that do not
// depend on the reader.
type Reading struct {
	OK          bool // no error findings
	Unit        string
	Year, Month int
	Total       map[string]int64 // metric id -> the month's figure
	// Areas are the rows the reader took as work areas, with counts in the
	// order of Truth.Metrics. Rows with the same area are added together.
	Areas []AreaCounts
	// Cumulative are the year-to-date figures the reader reported, if any.
	Cumulative map[string]int64
}

// AreaCounts is one work-area row as read.
type AreaCounts struct {
	Area   string
	Counts []int64
}

// Judge says how the reading fares against the truth, and why when it is
// Wrong. A reading is Right when it is accepted with the unit, the month and
// the total of the truth, the same figures for every configured work area
// (when the sheet shows areas), and, if it reports a year to date, the true
// one. A broken (not Readable) case must be refused.
func (c *Case) Judge(r Reading, areas []string) (Outcome, string) {
	if !r.OK {
		return Refused, ""
	}
	if !c.Readable {
		return Wrong, "accepted a broken sheet (" + strings.Join(brokenOf(c), ", ") + ")"
	}
	t := &c.Truth
	var why []string
	if r.Unit != t.Unit {
		why = append(why, fmt.Sprintf("unit %q, want %q", r.Unit, t.Unit))
	}
	if r.Year != t.Year || r.Month != t.Month {
		why = append(why, fmt.Sprintf("month %d-%02d, want %d-%02d", r.Year, r.Month, t.Year, t.Month))
	}
	if d := diff(r.Total, t.Totals()); d != "" {
		why = append(why, "total: "+d)
	}
	if len(r.Cumulative) > 0 {
		if d := diff(r.Cumulative, t.Figures(t.CumulativeTotal())); d != "" {
			why = append(why, "year to date: "+d)
		}
	}
	if t.HasAreas {
		want := t.AreaTotals()
		got := map[string][]int64{}
		for _, a := range r.Areas {
			sum := got[a.Area]
			if sum == nil {
				sum = make([]int64, len(t.Metrics))
				got[a.Area] = sum
			}
			for k := range min(len(a.Counts), len(sum)) {
				sum[k] += a.Counts[k]
			}
		}
		for _, area := range areas {
			w, g := want[area], got[area]
			if w == nil {
				w = make([]int64, len(t.Metrics))
			}
			if g == nil {
				g = make([]int64, len(t.Metrics))
			}
			if !slices.Equal(w, g) {
				why = append(why, fmt.Sprintf("area %s: %v, want %v", area, g, w))
			}
		}
	}
	if len(why) > 0 {
		return Wrong, strings.Join(why, "; ")
	}
	return Right, ""
}

func brokenOf(c *Case) []string {
	var out []string
	for _, t := range c.Transforms {
		if IsBroken(t) {
			out = append(out, string(t))
		}
	}
	return out
}

// diff describes how got differs from want; "" when they hold the same
// figures (a missing figure counts as 0).
func diff(got, want map[string]int64) string {
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if got[k] != want[k] {
			out = append(out, fmt.Sprintf("%s %d want %d", k, got[k], want[k]))
		}
	}
	return strings.Join(out, ", ")
}

// Counts are the outcomes of a set of cases.
type Counts struct {
	Right, Refused, Wrong int
}

// N is the number of cases counted.
func (c Counts) N() int { return c.Right + c.Refused + c.Wrong }

func (c *Counts) add(o Outcome) {
	switch o {
	case Right:
		c.Right++
	case Refused:
		c.Refused++
	default:
		c.Wrong++
	}
}

// Tally adds up outcomes overall, among Readable cases and per
// transformation.
type Tally struct {
	All, Readable Counts
	// NoCell counts refusals none of whose error findings names a cell;
	// callers add to it.
	NoCell      int
	ByTransform map[Transform]*[2]Counts // all cases, readable cases
	WrongSeeds  []uint64
}

// Add counts the outcome of case c.
func (t *Tally) Add(c *Case, o Outcome) {
	if t.ByTransform == nil {
		t.ByTransform = map[Transform]*[2]Counts{}
	}
	t.All.add(o)
	if c.Readable {
		t.Readable.add(o)
	}
	for _, tf := range c.Transforms {
		x := t.ByTransform[tf]
		if x == nil {
			x = &[2]Counts{}
			t.ByTransform[tf] = x
		}
		x[0].add(o)
		if c.Readable {
			x[1].add(o)
		}
	}
	if o == Wrong {
		t.WrongSeeds = append(t.WrongSeeds, c.Seed)
	}
}

// Merge adds the counts of u to t.
func (t *Tally) Merge(u *Tally) {
	if t.ByTransform == nil {
		t.ByTransform = map[Transform]*[2]Counts{}
	}
	for _, p := range []*[2]*Counts{{&t.All, &u.All}, {&t.Readable, &u.Readable}} {
		p[0].Right += p[1].Right
		p[0].Refused += p[1].Refused
		p[0].Wrong += p[1].Wrong
	}
	t.NoCell += u.NoCell
	for tf, x := range u.ByTransform {
		y := t.ByTransform[tf]
		if y == nil {
			y = &[2]Counts{}
			t.ByTransform[tf] = y
		}
		for i := range x {
			y[i].Right += x[i].Right
			y[i].Refused += x[i].Refused
			y[i].Wrong += x[i].Wrong
		}
	}
	t.WrongSeeds = append(t.WrongSeeds, u.WrongSeeds...)
	slices.Sort(t.WrongSeeds)
}

// RightShare is the share of Readable cases read right.
func (t *Tally) RightShare() float64 {
	if t.Readable.N() == 0 {
		return 1
	}
	return float64(t.Readable.Right) / float64(t.Readable.N())
}

// Write prints the tally as a table: overall, readable, then one line per
// transformation in the order of Transforms.
func (t *Tally) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tfamily\tcases\tright\trefused\twrong\treadable\tright\trefused\twrong\t\n")
	line := func(name string, fam string, all, rd Counts) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", name, fam,
			all.N(), all.Right, all.Refused, all.Wrong, rd.N(), rd.Right, rd.Refused, rd.Wrong)
	}
	line("all", "", t.All, t.Readable)
	for _, i := range Transforms {
		x := t.ByTransform[i.Name]
		if x == nil {
			x = &[2]Counts{}
		}
		fam := fmt.Sprint(i.Family)
		if i.Broken {
			fam = "broken"
		}
		line(string(i.Name), fam, x[0], x[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "readable cases read right: %d of %d (%.2f%%); refusals naming no cell: %d of %d; wrong: %d\n",
		t.Readable.Right, t.Readable.N(), 100*t.RightShare(), t.NoCell, t.All.Refused, t.All.Wrong)
	return err
}
