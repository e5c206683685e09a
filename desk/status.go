package desk

import (
	"fmt"

	"jianbao/ingest"
)

// monthStatus is the status of a unit's month: the word shown, and its
// kind, which names its colour on the pages.
type monthStatus struct {
	Word string
	Kind string
}

// The statuses of a unit's month, in the order the office's grid counts
// them.
var (
	statusNone     = monthStatus{"未报送", "未报送"}
	statusLate     = monthStatus{"逾期", "逾期"}
	statusSent     = monthStatus{"已报送（通过）", "已报送"}
	statusWarned   = monthStatus{"已报送（有提示）", "有提示"}
	statusFaulty   = monthStatus{"已报送（有错误）", "有错误"}
	statusReturned = monthStatus{"已退回", "已退回"}
	statusAccepted = monthStatus{"已确认", "已确认"}
	statuses       = []monthStatus{statusNone, statusLate, statusSent, statusWarned, statusFaulty, statusReturned, statusAccepted}
)

// unitMonth is what became of a unit's month: its latest sent version and
// its accepted version, the one a briefing counts (see acceptedVersions).
type unitMonth struct {
	Sent     *version // the latest sent, nil when none
	Accepted *version // nil when none
}

// later is the version sent after the accepted one, returned or awaiting
// review; nil when there is none.
func (m unitMonth) later() *version {
	if m.Accepted != nil && m.Sent != nil && m.Sent.Seq > m.Accepted.Seq {
		return m.Sent
	}
	return nil
}

// status is the status of the month; late says its deadline has passed.
// A month with an accepted version is 已确认, whatever became of a version
// sent after it. Otherwise the latest sent version is said by its checks;
// a month not sent, or returned and not sent again, is 逾期 once the
// deadline has passed.
func (m unitMonth) status(late bool) monthStatus {
	v := m.Sent
	switch {
	case m.Accepted != nil:
		return statusAccepted
	case (v == nil || returned(v)) && late:
		return statusLate
	case v == nil:
		return statusNone
	case v.Review == nil && v.Errors > 0:
		return statusFaulty
	case v.Review == nil && v.Warnings > 0:
		return statusWarned
	case v.Review == nil:
		return statusSent
	case returned(v):
		return statusReturned
	}
	return statusAccepted
}

// says is status st of the month as the pages write it: its word, and for
// a month with an accepted version and a later one, which version is
// confirmed and what became of the later one: 已确认（第1版）；第2版已退回.
func (m unitMonth) says(st monthStatus) string {
	l := m.later()
	if l == nil {
		return st.Word
	}
	what := "待审核"
	if returned(l) {
		what = "已退回"
	}
	return fmt.Sprintf("%s（第%d版）；第%d版%s", st.Word, m.Accepted.Seq, l.Seq, what)
}

// returned says whether v's latest review returned it.
func returned(v *version) bool { return v.Review != nil && v.Review.Decision == "return" }

// monthFrom is what became of a unit's month whose versions are vs, the
// newest first.
func monthFrom(vs []*version) unitMonth {
	var m unitMonth
	for _, v := range vs {
		if m.Sent == nil && v.Sent() {
			m.Sent = v
		}
		if m.Accepted == nil && v.Review != nil && v.Review.Decision == "accept" {
			m.Accepted = v
		}
	}
	return m
}

// unitMonths returns, in two queries, what became of every unit's month
// from..to for which a version was sent, by monthKey.
func (s *store) unitMonths(from, to ingest.Period) (map[string]unitMonth, error) {
	sent, err := s.sentBetween(from.String(), to.String())
	if err != nil {
		return nil, err
	}
	accepted, err := s.acceptedVersions(from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]unitMonth, len(sent))
	for _, v := range sent {
		out[monthKey(v.Unit, v.Period)] = unitMonth{Sent: v}
	}
	for _, v := range accepted {
		m := out[monthKey(v.Unit, v.Period)]
		m.Accepted = v
		out[monthKey(v.Unit, v.Period)] = m
	}
	return out, nil
}

// monthKey names a unit's month in unitMonths' answer.
func monthKey(unit, period string) string { return unit + "/" + period }
