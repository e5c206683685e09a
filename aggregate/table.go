package aggregate

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"jianbao/ingest"
	"jianbao/templates"
)

// Column names of the facts table besides the metric ids.
const (
	colArea  = "area"
	colUnit  = "unit"
	colYear  = "year"
	colMonth = "month"
)

// Facts is the long table of accepted figures: one row per accepted sheet
// with its unit, year, month and one integer column per metric. It is the
// tabular core the report is computed from.
type Facts struct {
	df      dataframe.DataFrame
	metrics []string
}

// fact is one row of the table before it becomes columns, its counts in
// metric order.
type fact struct {
	unit, area string
	period     ingest.Period
	counts     []int64
}

// NewFacts builds the table from the records of accepted sheets (their
// indices in recs), one row per sheet.
func NewFacts(metrics []string, recs *ingest.Records, accepted []int) Facts {
	rows := make([]fact, len(accepted))
	for k, i := range accepted {
		s := recs.At(i)
		rows[k] = fact{unit: s.Unit, period: s.Period, counts: s.Counts}
	}
	return newFacts(metrics, rows)
}

func newFacts(metrics []string, rows []fact) Facts {
	units := make([]string, len(rows))
	areas := make([]string, len(rows))
	years := make([]int, len(rows))
	months := make([]int, len(rows))
	cols := make([][]int, len(metrics))
	for j := range cols {
		cols[j] = make([]int, len(rows))
	}
	for i := range rows {
		f := &rows[i]
		units[i], areas[i], years[i], months[i] = f.unit, f.area, f.period.Year, f.period.Month
		for j := range metrics {
			cols[j][i] = int(f.counts[j])
		}
	}
	ss := []series.Series{
		series.New(units, series.String, colUnit),
		series.New(areas, series.String, colArea),
		series.New(years, series.Int, colYear),
		series.New(months, series.Int, colMonth),
	}
	for j, id := range metrics {
		ss = append(ss, series.New(cols[j], series.Int, id))
	}
	return Facts{df: dataframe.New(ss...), metrics: metrics}
}

// Len is the number of rows.
func (f Facts) Len() int { return f.df.Nrow() }

func (f Facts) filter(fs ...dataframe.F) Facts {
	if f.Len() == 0 {
		return f
	}
	return Facts{df: f.df.Filter(fs...), metrics: f.metrics}
}

// Month keeps the rows of one month number.
func (f Facts) Month(m int) Facts {
	return f.filter(dataframe.F{Colname: colMonth, Comparator: series.Eq, Comparando: m})
}

// Area keeps the rows of one work area.
func (f Facts) Area(a string) Facts {
	return f.filter(dataframe.F{Colname: colArea, Comparator: series.Eq, Comparando: a})
}

// Areas lists the distinct work areas present, in order of first appearance.
func (f Facts) Areas() []string {
	if f.Len() == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range f.df.Col(colArea).Records() {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// Sum adds up every metric column as exact integers.
func (f Facts) Sum() ingest.Figures {
	out := make(ingest.Figures, len(f.metrics))
	for _, id := range f.metrics {
		out[id] = 0
		if f.Len() == 0 {
			continue
		}
		vals, err := f.df.Col(id).Int()
		if err != nil {
			panic(err) // the column was built from ints
		}
		for _, v := range vals {
			out[id] += int64(v)
		}
	}
	return out
}

// Months lists the distinct months present, ascending.
func (f Facts) Months() []int {
	if f.Len() == 0 {
		return nil
	}
	vals, _ := f.df.Col(colMonth).Int()
	seen := map[int]bool{}
	var out []int
	for m := 1; m <= 12; m++ {
		for _, v := range vals {
			if v == m && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// ToDate gives the figures of the months in the table taken together: a
// flow metric's is the sum of every row; a stock metric's (kind: stock, a
// value at the end of the month) is, for each unit, its figure in the
// latest month the table has for it, summed over the units. Rows without a
// unit (the work-area sums) count as one unit. ms are the configured
// metrics; those not in the table are left out.
func (f Facts) ToDate(ms []templates.Metric) ingest.Figures {
	out := f.Sum()
	if f.Len() == 0 {
		return out
	}
	units := f.df.Col(colUnit).Records()
	months, err := f.df.Col(colMonth).Int()
	if err != nil {
		panic(err) // the column was built from ints
	}
	latest := map[string]int{}
	for i, u := range units {
		latest[u] = max(latest[u], months[i])
	}
	for _, m := range ms {
		if _, ok := out[m.ID]; !ok || !m.Stock() {
			continue
		}
		vals, err := f.df.Col(m.ID).Int()
		if err != nil {
			panic(err)
		}
		var s int64
		for i, v := range vals {
			if months[i] == latest[units[i]] {
				s += int64(v)
			}
		}
		out[m.ID] = s
	}
	return out
}
