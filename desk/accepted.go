package desk

import (
	"jianbao/ingest"
)

// The version of a unit's month that counts is its accepted version: the
// newest version whose latest review is an acceptance. A version sent
// after it, not yet reviewed or returned, does not replace it until the
// office accepts that one; an accepted version the office later returns
// no longer counts. A unit with no accepted version for a month has not
// reported it.

// acceptedVersions returns the accepted version of each unit's month for
// the months from..to (YYYY-MM), by month, then by unit in configuration
// order.
func (s *store) acceptedVersions(from, to ingest.Period) ([]*version, error) {
	vs, err := s.queryVersions(`SELECT `+versionColumns+latestReview+`
		JOIN units u ON u.name = v.unit
		WHERE v.period >= ? AND v.period <= ? AND r.decision = 'accept'
		ORDER BY v.period, u.position, v.seq DESC`, from.String(), to.String())
	if err != nil {
		return nil, err
	}
	var out []*version
	for _, v := range vs {
		if n := len(out); n > 0 && out[n-1].Unit == v.Unit && out[n-1].Period == v.Period {
			continue // an older accepted version of the same month
		}
		out = append(out, v)
	}
	return out, nil
}

// yearToDate is January..p of p's year: the months a briefing of p adds up.
func yearToDate(p ingest.Period) (from, to ingest.Period) {
	return ingest.Period{Year: p.Year, Month: 1}, p
}

// briefingSources are the accepted versions a briefing of p is made
// from, as a rollup of p reads them: January..p of the year before, for
// the comparisons with the same months a year before, then January..p.
func (s *store) briefingSources(p ingest.Period) ([]*version, error) {
	last, err := s.acceptedVersions(yearToDate(ingest.Period{Year: p.Year - 1, Month: p.Month}))
	if err != nil {
		return nil, err
	}
	this, err := s.acceptedVersions(yearToDate(p))
	if err != nil {
		return nil, err
	}
	return append(last, this...), nil
}

// ofMonth keeps the versions of month p.
func ofMonth(vs []*version, p ingest.Period) []*version {
	var out []*version
	for _, v := range vs {
		if v.Period == p.String() {
			out = append(out, v)
		}
	}
	return out
}

// acceptedOf is the accepted version among the versions of one unit's
// month, nil when none is.
func acceptedOf(history []*version) *version {
	var out *version
	for _, v := range history {
		if v.Review != nil && v.Review.Decision == "accept" && (out == nil || v.Seq > out.Seq) {
			out = v
		}
	}
	return out
}
