package aggregate

import (
	"slices"

	"jianbao/ingest"
)

// Months returns, in order, the months for which some sheet counts (is
// accepted and not a duplicate). Call it after Report, which finishes the
// reconciliation of conflicting sheets.
func (t *Tally) Months() []ingest.Period {
	var ps []ingest.Period
	for i := range t.recs.Len() {
		if p := t.recs.Period(i); !p.IsZero() && t.recs.Counted(i) && !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b ingest.Period) int {
		switch {
		case a.Before(b):
			return -1
		case b.Before(a):
			return 1
		}
		return 0
	})
	return ps
}
