package aggregate

import (
	"fmt"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// Rate is a ratio of two counts, kept as its integer parts so that it is
// computed once, exactly, at the point of display.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Valid reports whether the rate has a non-zero denominator.
func (r Rate) Valid() bool { return r.Den > 0 }

// Float returns the rate as a fraction (0.991), or 0 when not valid.
func (r Rate) Float() float64 {
	if !r.Valid() {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// Percent formats the rate with one decimal, as 99.1%, or "—" when not valid.
// Rounding is half away from zero on the exact integer ratio.
func (r Rate) Percent() string { return r.PercentIn(1) }

// Scaled is the rate in units of 10^-decimals of a percent, rounded half
// up on the exact integer ratio (decimals 1: 99.1% is 991).
func (r Rate) Scaled(decimals int) int64 {
	s := int64(100)
	for range decimals {
		s *= 10
	}
	return (r.Num*2*s + r.Den) / (2 * r.Den)
}

// PercentIn formats the rate with the given decimals (0 to 4), or "—"
// when not valid.
func (r Rate) PercentIn(decimals int) string {
	if !r.Valid() {
		return "—"
	}
	t := r.Scaled(decimals)
	if decimals <= 0 {
		return fmt.Sprintf("%d%%", t)
	}
	p := int64(1)
	for range decimals {
		p *= 10
	}
	return fmt.Sprintf("%d.%0*d%%", t/p, decimals, t%p)
}

// Status says how a unit took part in the period.
type Status string

const (
	Accepted Status = "accepted" // an accepted sheet for the period
	Missing  Status = "missing"  // no sheet for the period
	Excluded Status = "excluded" // sheets for the period, none accepted
	Conflict Status = "conflict" // sheets for the period whose figures differ, none accepted until one is confirmed
)

// UnitRow is one unit's figures.
type UnitRow struct {
	Name       string          `json:"name"`
	Kind       string          `json:"kind"`
	Status     Status          `json:"status"`
	Month      ingest.Figures  `json:"month"`        // zero figures when missing
	YearToDate ingest.Figures  `json:"year_to_date"` // sum of accepted months Jan..period
	MonthRate  Rate            `json:"month_rate"`
	YTDRate    Rate            `json:"year_to_date_rate"`
	Rank       int             `json:"rank"`   // by the ranked derived figure, year to date, 1 is best; 0 when none
	Months     []ingest.Period `json:"months"` // months with an accepted sheet, Jan..period
	// PrevMonth holds the unit's figures of the month before, nil when it had
	// no accepted sheet then (or the period is January).
	PrevMonth ingest.Figures `json:"prev_month,omitempty"`
	// LastYearMonth holds the unit's figures of the same month a year
	// before, nil when it had no accepted sheet then.
	LastYearMonth ingest.Figures `json:"last_year_month,omitempty"`
	// LastYearToDate holds the unit's figures of January..the same month a
	// year before, nil unless it had an accepted sheet for each of them.
	LastYearToDate ingest.Figures `json:"last_year_to_date,omitempty"`
}

// Reported reports whether the unit has an accepted sheet for the period.
func (u UnitRow) Reported() bool { return u.Status == Accepted }

// AreaTotals are the citywide figures of one work area.
type AreaTotals struct {
	Area       string         `json:"area"`
	Configured bool           `json:"configured"` // a work area of the configuration (not 未分类 or an unknown label)
	Month      ingest.Figures `json:"month"`
	YearToDate ingest.Figures `json:"year_to_date"`
}

// LastYear holds the citywide figures of the same months a year before.
// Month is nil when no sheet was accepted for that month; YearToDate is nil
// unless every month January..period of that year has accepted sheets.
type LastYear struct {
	Month      ingest.Figures
	YearToDate ingest.Figures
}

// Source is one accepted sheet: its file, sheet, unit and month, and each
// figure (Counts, in metric order) with the cell it came from.
type Source = ingest.Record

// Sources are the accepted sheets of a report, in order. A report built by
// a Tally reads them from the table of records it kept, so that a report of
// tens of thousands of sheets holds no second copy of them.
type Sources struct {
	list []Source
	recs *ingest.Records
	idx  []int
}

// SourceList makes Sources of a list, for reports assembled by hand.
func SourceList(list []Source) Sources { return Sources{list: list} }

// Len is the number of sources.
func (s Sources) Len() int {
	if s.recs != nil {
		return len(s.idx)
	}
	return len(s.list)
}

// At returns source i.
func (s Sources) At(i int) Source {
	if s.recs != nil {
		return s.recs.At(s.idx[i])
	}
	return s.list[i]
}

// ExcludedSheet is a sheet left out of the figures, with its reasons.
type ExcludedSheet struct {
	File    string   `json:"file"`
	Unit    string   `json:"unit"`
	Period  string   `json:"period"`
	Reasons []string `json:"reasons"`
	Codes   []string `json:"codes"`
}

// UnreadFile is a file found with the sheets that was not read as one: not
// a spreadsheet (a document, a picture), or an archive that was not
// opened. It is no unit's refused sheet; the unit and month are those its
// name suggests, if any.
type UnreadFile struct {
	File   string `json:"file"`
	Unit   string `json:"unit"`
	Period string `json:"period"`
	Reason string `json:"reason"`
	Code   string `json:"code"`
}

// SupersededSheet is a sheet corrected by a later one for the same unit
// and month (see ingest.Supersession): which, why, and what changed. It is
// not counted.
type SupersededSheet struct {
	File   string
	Unit   string
	Period Period
	*Supersession
}

// Supersession, CellChange and TotalChange are what a correction
// changes, named here so that renderers need to know only this package.
type (
	Supersession = ingest.Supersession
	CellChange   = ingest.CellChange
	TotalChange  = ingest.TotalChange
)

// MetricName gives the configured name of a metric id, or the id.
func (r *Report) MetricName(id string) string {
	for _, m := range r.Config.Metrics {
		if m.ID == id {
			return m.Name
		}
	}
	return id
}

// Finding is one validation finding, flattened for the outputs.
type Finding struct {
	Unit     string `json:"unit,omitempty"`
	File     string `json:"file"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Value    string `json:"value,omitempty"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"` // how to put it right, in Chinese
}

// MonthTotals are the citywide figures of one month.
type MonthTotals struct {
	Period ingest.Period  `json:"period"`
	Totals ingest.Figures `json:"totals"`
	Units  int            `json:"units"` // units with an accepted sheet
}

// Report is everything the renderers need: the figures of the period and the
// year to date, per unit and in all, and what was left out and why.
type Report struct {
	Config     *templates.Config
	Period     ingest.Period
	From       ingest.Period  // January of the period's year
	Month      ingest.Figures // citywide, the period
	YearToDate ingest.Figures // citywide, From..Period
	PrevMonth  ingest.Figures // citywide, the month before (nil when no sheet was accepted for it or it is in another year)
	MonthRate  Rate
	YTDRate    Rate
	ByMonth    []MonthTotals // From..Period, one entry per month
	Areas      []AreaTotals  // configured work areas in order, then others (未分类 for totals-only sheets)
	LastYear   LastYear      // same months a year before, where present
	Units      []UnitRow     // in configuration order
	Missing    []string      // units with no accepted sheet for the period
	Excluded   []ExcludedSheet
	// Superseded are the sheets From..Period corrected by a later one for
	// the same unit and month, by month then file; they are not counted.
	Superseded  []SupersededSheet
	Sources     Sources // accepted sheets From..Period, by month then file
	Findings    []Finding
	GeneratedAt time.Time
	Version     string // of the program that made the report

	// Unread are the files not read as sheets, whatever their month; they
	// are in neither Excluded nor Findings.
	Unread []UnreadFile
	// Skipped is the number of lock, hidden and system files passed over.
	Skipped int
}

// Metrics returns the configured metrics in order.
func (r *Report) Metrics() []templates.Metric { return r.Config.Metrics }

// Figures and Period are the count and month types the report is made of,
// named here so that renderers need to know only this package.
type (
	Figures = ingest.Figures
	Period  = ingest.Period
)

// Coverage says how much of what was expected the figures are made of: of
// the units, for a month; of the sheets (units × months), for the year to
// date.
type Coverage struct {
	Expected int `json:"expected"`
	Reported int `json:"reported"` // accepted
}

// Complete reports whether nothing expected is missing or refused.
func (c Coverage) Complete() bool { return c.Reported >= c.Expected }

// MonthCoverage is how many of the configured units have an accepted
// sheet for the period.
func (r *Report) MonthCoverage() Coverage {
	c := Coverage{Expected: len(r.Units)}
	for _, u := range r.Units {
		if u.Reported() {
			c.Reported++
		}
	}
	return c
}

// YTDCoverage is how many of the sheets expected from January to the
// period (each unit, each month) were accepted.
func (r *Report) YTDCoverage() Coverage {
	months := r.Period.Month - r.From.Month + 1
	if r.From.IsZero() {
		months = r.Period.Month
	}
	c := Coverage{Expected: len(r.Units) * max(months, 0)}
	for _, u := range r.Units {
		c.Reported += len(u.Months)
	}
	return c
}

// Comparison is the change between two periods computed like for like:
// over the units that have figures in both, summed in each.
type Comparison struct {
	Units []string // in configuration order
	Of    int      // units configured
	Now   Figures  // the later period, over Units
	Then  Figures  // the earlier period, over Units
}

// Valid reports whether any unit has figures in both periods.
func (c Comparison) Valid() bool { return len(c.Units) > 0 }

// Complete reports whether every configured unit is in the comparison.
func (c Comparison) Complete() bool { return len(c.Units) == c.Of }

// compare sums now and then over the units for which both give figures.
func (r *Report) compare(pick func(u UnitRow) (now, then Figures)) Comparison {
	c := Comparison{Of: len(r.Units), Now: Figures{}, Then: Figures{}}
	for _, u := range r.Units {
		now, then := pick(u)
		if now == nil || then == nil {
			continue
		}
		c.Units = append(c.Units, u.Name)
		c.Now.Add(now)
		c.Then.Add(then)
	}
	return c
}

// MonthOnMonth compares the period with the month before over the units
// with an accepted sheet for both.
func (r *Report) MonthOnMonth() Comparison {
	return r.compare(func(u UnitRow) (Figures, Figures) {
		if !u.Reported() {
			return nil, nil
		}
		return u.Month, u.PrevMonth
	})
}

// MonthOnLastYear compares the period with the same month a year before
// over the units with an accepted sheet for both.
func (r *Report) MonthOnLastYear() Comparison {
	return r.compare(func(u UnitRow) (Figures, Figures) {
		if !u.Reported() {
			return nil, nil
		}
		return u.Month, u.LastYearMonth
	})
}

// YearOnYear compares the year to date with the same months a year before
// over the units with an accepted sheet for every one of those months in
// both years.
func (r *Report) YearOnYear() Comparison {
	months := r.Period.Month - r.From.Month + 1
	if r.From.IsZero() {
		months = r.Period.Month
	}
	return r.compare(func(u UnitRow) (Figures, Figures) {
		if len(u.Months) != months {
			return nil, nil
		}
		return u.YearToDate, u.LastYearToDate
	})
}

// Rate is the configured headline rate of some figures (see
// templates.Config.HeadlineRate); never valid when none is configured.
func (r *Report) Rate(f Figures) Rate { return rate(r.Config, f) }

// HasRate reports whether a headline rate is configured.
func (r *Report) HasRate() bool {
	_, ok := r.Config.HeadlineRate()
	return ok
}

// Difference is the value of a derived difference in figures f.
func Difference(d templates.Derived, f Figures) int64 { return f[d.Left] - f[d.Right] }
