package tablegen

import (
	"fmt"
	"slices"
)

// Case is one generated submission: the true figures, how the sheet was laid
// out, whether a careful person could read it without doubt, and the
// workbook itself.
type Case struct {
	Seed       uint64      `json:"seed"`
	Truth      Truth       `json:"truth"`
	Transforms []Transform `json:"transforms"` // in the order they were applied
	// Readable is false for deliberately broken sheets (a wrong 合计, a word
	// in a figure cell …): refusing them is the only right answer.
	Readable bool     `json:"readable"`
	Book     Workbook `json:"book"`

	marks []mark // where the month's true figures were written
}

// mark is a cell holding a true figure of the reporting month: of area row
// Area, or the unit's total when Area is -1.
type mark struct {
	sheet    string
	row, col int
	area     int
	metric   int
}

// Name is the path the case is read under: the month's folder and the
// unit's file name, as 2018-10/青秀区.xlsx.
func (c *Case) Name() string {
	return fmt.Sprintf("%04d-%02d/%s.xlsx", c.Truth.Year, c.Truth.Month, c.Truth.Unit)
}

// Has reports whether the case applies transformation t.
func (c *Case) Has(t Transform) bool { return slices.Contains(c.Transforms, t) }

// Truth holds the figures a sheet stands for. Every []int64 of counts
// follows Metrics, the configured metric ids in configuration order.
type Truth struct {
	Unit    string   `json:"unit"`  // canonical unit name
	Year    int      `json:"year"`  // of the reporting month
	Month   int      `json:"month"` // 1..12
	Metrics []string `json:"metrics"`
	// HasAreas is false when the sheet shows the unit's totals only (a
	// list of metrics); Rows are then the invented detail behind them.
	HasAreas bool      `json:"has_areas"`
	Rows     []AreaRow `json:"rows"`  // work-area rows in sheet order; two rows may share an area
	Parts    []PartRow `json:"parts"` // 其中 rows: parts of a row, never added to the total
}

// Series are the monthly counts of one row.
type Series struct {
	Months    [][]int64 `json:"months"`     // January..Month of the year
	PrevDec   []int64   `json:"prev_dec"`   // December of the year before
	PriorYear [][]int64 `json:"prior_year"` // the same months a year before
}

// AreaRow is one work-area row.
type AreaRow struct {
	Area  string `json:"area"`  // canonical work-area name
	Label string `json:"label"` // the name as written (an alias, perhaps)
	Series
}

// PartRow is a 其中 row: a part of the figures of row Parent.
type PartRow struct {
	Parent int    `json:"parent"` // index in Truth.Rows
	Label  string `json:"label"`  // the part's name, without marker
	Series
}

// Counts returns the figures of the reporting month.
func (s *Series) Counts() []int64 { return s.Months[len(s.Months)-1] }

// Month returns the figures of month m (1-based); m == 0 is the December
// before.
func (s *Series) Month(m int) []int64 {
	if m == 0 {
		return s.PrevDec
	}
	return s.Months[m-1]
}

// Cumulative returns the sum of months 1..m.
func (s *Series) Cumulative(m int) []int64 {
	out := make([]int64, len(s.Months[0]))
	for _, mo := range s.Months[:m] {
		for k, v := range mo {
			out[k] += v
		}
	}
	return out
}

// Total returns the month's figures of the unit: the sum of the area rows.
func (t *Truth) Total() []int64 { return t.sum(func(s *Series) []int64 { return s.Counts() }) }

// MonthTotal returns the unit's figures of month m (1..Month), or of the
// December before when m is 0.
func (t *Truth) MonthTotal(m int) []int64 {
	return t.sum(func(s *Series) []int64 { return s.Month(m) })
}

// CumulativeTotal returns the unit's figures of months 1..Month.
func (t *Truth) CumulativeTotal() []int64 {
	return t.sum(func(s *Series) []int64 { return s.Cumulative(t.Month) })
}

// LastMonthTotal returns the unit's figures of the month before.
func (t *Truth) LastMonthTotal() []int64 { return t.MonthTotal(t.Month - 1) }

func (t *Truth) sum(f func(*Series) []int64) []int64 {
	out := make([]int64, len(t.Metrics))
	for i := range t.Rows {
		for k, v := range f(&t.Rows[i].Series) {
			out[k] += v
		}
	}
	return out
}

// Figures maps metric ids to counts.
func (t *Truth) Figures(counts []int64) map[string]int64 {
	m := make(map[string]int64, len(t.Metrics))
	for k, id := range t.Metrics {
		m[id] = counts[k]
	}
	return m
}

// Totals returns the month's figures by metric id.
func (t *Truth) Totals() map[string]int64 { return t.Figures(t.Total()) }

// AreaTotals returns the month's figures of each work area, rows with the
// same area added together; areas without a row are absent.
func (t *Truth) AreaTotals() map[string][]int64 {
	out := map[string][]int64{}
	for i := range t.Rows {
		row := &t.Rows[i]
		sum := out[row.Area]
		if sum == nil {
			sum = make([]int64, len(t.Metrics))
			out[row.Area] = sum
		}
		for k, v := range row.Counts() {
			sum[k] += v
		}
	}
	return out
}
