package desk

import (
	"database/sql"
	"fmt"
	"time"

	"jianbao/ingest"
)

// deadline is the moment month p's sheets are late: the start of the day
// after the configured deadline day of the following month. ok is false
// when no deadline is set.
func (s *server) deadline(p ingest.Period) (late time.Time, ok bool) {
	day := s.cfg.Desk.DeadlineDay
	if day <= 0 {
		return time.Time{}, false
	}
	return time.Date(p.Year, time.Month(p.Month+1), day+1, 0, 0, 0, 0, time.Local), true
}

// deadlineDay says the last day on which month p's sheets are on time
// (2018年11月10日), or "" when no deadline is set.
func (s *server) deadlineDay(p ingest.Period) string {
	late, ok := s.deadline(p)
	if !ok {
		return ""
	}
	last := late.AddDate(0, 0, -1)
	return fmt.Sprintf("%d年%d月%d日", last.Year(), int(last.Month()), last.Day())
}

// deadlinePassed says whether month p's deadline has passed, by the
// desk's clock.
func (s *server) deadlinePassed(p ingest.Period) bool {
	at, ok := s.deadline(p)
	return ok && !s.st.now().Before(at)
}

// lateness gives whether a month's sheets are late: its deadline has
// passed, by the desk's clock, and the desk collects that month.
func (s *server) lateness() (func(ingest.Period) bool, error) {
	first, err := s.st.firstMonth()
	if err != nil {
		return nil, err
	}
	return func(p ingest.Period) bool { return !p.Before(first) && s.deadlinePassed(p) }, nil
}

// statusOf is the status of a unit's month p. When the desk's first
// month cannot be read, the month is taken as not late.
func (s *server) statusOf(m unitMonth, p ingest.Period) monthStatus {
	late, err := s.lateness()
	return m.status(err == nil && late(p))
}

// firstMonth is the first month the desk collects: the month before the
// one it was set up in, whose sheets are the first due to it, or an
// earlier month a sheet was sent for. A sheet uploaded and not sent, a
// draft or one with errors, does not move it. The months before were
// collected otherwise, and none of them is late.
func (s *store) firstMonth() (ingest.Period, error) {
	var uploaded sql.NullString
	var setUp sql.NullInt64
	err := s.db.QueryRow(`SELECT (SELECT MIN(period) FROM versions WHERE sent_at IS NOT NULL), (SELECT at FROM audit ORDER BY id LIMIT 1)`).
		Scan(&uploaded, &setUp)
	if err != nil {
		return ingest.Period{}, storeErr(s.dir, err)
	}
	var first ingest.Period
	if setUp.Valid {
		t := time.Unix(setUp.Int64, 0)
		first = ingest.Period{Year: t.Year(), Month: int(t.Month())}.Prev()
	}
	if p, ok := ingest.ParsePeriod(uploaded.String); uploaded.Valid && ok && (first.IsZero() || p.Before(first)) {
		first = p
	}
	return first, nil
}
