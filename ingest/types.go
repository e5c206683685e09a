package ingest

import (
	"fmt"
	"sort"
)

// Period is one calendar month.
type Period struct {
	Year  int `json:"year"`
	Month int `json:"month"`
}

// String formats the period as YYYY-MM, or "" for the zero period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
}

// Chinese formats the period as 2018年10月.
func (p Period) Chinese() string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月", p.Year, p.Month)
}

// IsZero reports whether the period is unknown.
func (p Period) IsZero() bool { return p.Year == 0 && p.Month == 0 }

// Before reports whether p is an earlier month than q.
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || (p.Year == q.Year && p.Month < q.Month)
}

// Within reports whether p is one of the months from..to.
func (p Period) Within(from, to Period) bool { return !p.Before(from) && !to.Before(p) }

// Prev returns the month before p.
func (p Period) Prev() Period {
	if p.Month == 1 {
		return Period{p.Year - 1, 12}
	}
	return Period{p.Year, p.Month - 1}
}

// Figures maps a metric id to its count. Counts are exact integers.
type Figures map[string]int64

// Add adds every figure of g into f.
func (f Figures) Add(g Figures) {
	for k, v := range g {
		f[k] += v
	}
}

// Clone returns a copy of f.
func (f Figures) Clone() Figures {
	g := make(Figures, len(f))
	for k, v := range f {
		g[k] = v
	}
	return g
}

// Equal reports whether f and g hold the same non-zero figures.
func (f Figures) Equal(g Figures) bool {
	for k, v := range f {
		if g[k] != v {
			return false
		}
	}
	for k, v := range g {
		if f[k] != v {
			return false
		}
	}
	return true
}

// AreaFigures are the figures of one work-area row of a sheet. The counts
// are dense, one per configured metric in configuration order (a metric the
// sheet has no column for counts 0), and the rows of one sheet share one
// backing array: a sheet read for a large rollup is kept until the end, so
// its rows are kept small.
type AreaFigures struct {
	Area   string  `json:"area"` // canonical work-area name, or the label as typed when unknown
	Row    int     `json:"row"`  // 1-based row in the sheet
	Counts []int64 `json:"counts"`
}

// SheetInfo names a sheet of a workbook.
type SheetInfo struct {
	Name   string
	Hidden bool
}

// Submission is one unit's sheet for one month, as read and checked.
type Submission struct {
	File       string        // path as given to the reader, slash-separated, relative to the scanned root
	SHA256     string        // of the file's bytes
	Sheet      string        // name of the data sheet
	SheetIndex int           // its 1-based position in the workbook
	Table      *Table        // how the sheet was read; nil when no data sheet was found
	Sheets     []SheetInfo   // every sheet of the workbook, in order
	Format     string        // xlsx, xls or csv
	Unit       string        // canonical unit name, "" when not recognised
	Period     Period        // zero when not recognised
	Areas      []AreaFigures // per work area, in sheet order (empty for totals-only sheets)
	Total      Figures       // the month's figures
	// Sources maps a metric id to the cell or range its total came from,
	// e.g. "D13" or "D5:D12". Equal maps are shared between the sheets one
	// Reader reads (see CellMaps): read them, do not change them.
	Sources    map[string]string
	Cumulative Figures // 累计 figures when the sheet has them, else nil
	// CumulativeCells names the cell of each 累计 figure; shared like Sources.
	CumulativeCells map[string]string
	UnitFrom        string // where the unit was found: 表内 or 文件名
	PeriodFrom      string // where the period was found
	// DuplicateOf names the file this one repeats (same unit, month and
	// figures); a duplicate is counted once, under that file.
	DuplicateOf string
	// FilledOn is the day the sheet says it was filled in (填报日期), zero
	// when it says none.
	FilledOn Day
	// Superseded, when set, says which later sheet for the same unit and
	// month corrects this one, and what it changes; this one is not counted.
	Superseded *Supersession
	// Earlier holds the figures of earlier months' sheets of a workbook
	// that keeps one sheet per month, to compare with what was accepted.
	Earlier  []EarlierSheet
	Findings []Finding
	opened   bool // the file was opened as a workbook (see Opened)
}

// Opened reports whether the file was opened as a workbook, whatever was
// then found in it: false for a file that is missing, damaged, encrypted,
// too large or not a spreadsheet.
func (s *Submission) Opened() bool { return s.opened }

// EarlierSheet is the sheet of an earlier month in a workbook kept with one
// sheet per month.
type EarlierSheet struct {
	Sheet   string
	Period  Period
	Total   Figures
	Sources map[string]string
}

// OK reports whether the submission has no errors (warnings allowed).
func (s *Submission) OK() bool { return !hasError(s.Findings) }

// Errors returns the error findings.
func (s *Submission) Errors() []Finding { return s.filter(Error) }

// Warnings returns the warning findings.
func (s *Submission) Warnings() []Finding { return s.filter(Warning) }

func (s *Submission) filter(sev Severity) []Finding {
	var out []Finding
	for _, f := range s.Findings {
		if f.Severity == sev {
			out = append(out, f)
		}
	}
	return out
}

// SortFindings orders findings errors first, then by sheet and cell position.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Severity != fs[j].Severity {
			return fs[i].Severity < fs[j].Severity
		}
		return false
	})
}
