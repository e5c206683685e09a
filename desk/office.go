package desk

import (
	_ "embed"
	"net/http"
	"strconv"
	"strings"

	"jianbao/ingest"
	"jianbao/templates"
)

// copyScript adds a copy button to the 催报 box; the page works without it.
//
//go:embed pages/copy.js
var copyScript []byte

func (s *server) serveCopyScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	_, _ = w.Write(copyScript)
}

// gridLine is one unit's line in the office's month grid.
type gridLine struct {
	Unit    string
	Status  monthStatus
	Says    string   // the status as written, with what became of a version sent after the accepted one
	Version *version // the latest sent, nil when none
}

// statusCount is how many units of a month have one status.
type statusCount struct {
	Status monthStatus
	N      int
}

func (s *server) officeGrid(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	units, err := s.st.units()
	if err != nil {
		s.storeFailed(w)
		return
	}
	months, err := s.st.unitMonths(m, m)
	if err != nil {
		s.storeFailed(w)
		return
	}
	isLate, err := s.lateness()
	if err != nil {
		s.storeFailed(w)
		return
	}
	late := isLate(m)
	var lines []gridLine
	n := map[monthStatus]int{}
	var chase []string
	for _, u := range units {
		um := months[monthKey(u, m.String())]
		st := um.status(late)
		n[st]++
		lines = append(lines, gridLine{Unit: u, Status: st, Says: um.says(st), Version: um.Sent})
		if line := chaseLine(u, um); line != "" {
			chase = append(chase, line)
		}
	}
	var counts []statusCount
	for _, st := range statuses {
		counts = append(counts, statusCount{st, n[st]})
	}
	var text string
	if len(chase) > 0 {
		text = s.cfg.Chase(templates.ChaseFill{Report: s.cfg.Report.Title, Month: m.Chinese(), Units: chase, Deadline: s.deadlineDay(m)})
	}
	choices := s.months()
	if !contains(choices, m.String()) {
		choices = append([]string{m.String()}, choices...)
	}
	s.render(w, http.StatusOK, "office.html", map[string]any{
		"Account": a, "Report": s.cfg.Report.Title, "Month": m.String(), "MonthChinese": m.Chinese(), "Year": m.Year,
		"Months": choices, "Lines": lines, "Counts": counts, "Units": len(units),
		"Deadline": s.deadlineDay(m), "Passed": s.deadlinePassed(m), "Chase": text, "ChaseRows": strings.Count(text, "\n") + 2,
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// maxChaseReason is the most characters of a return's reason the 催报
// text keeps.
const maxChaseReason = 20

// chaseLine is a unit's line in the 催报 text: the unit that has not sent,
// or whose sheet was returned with the reason shortened; "" for the others,
// and for a unit whose month has an accepted version, whatever became of
// a version sent after it.
func chaseLine(unit string, m unitMonth) string {
	switch v := m.Sent; {
	case m.Accepted != nil:
		return ""
	case v == nil:
		return unit + "（未报送）"
	case returned(v):
		return unit + "（已退回：" + oneLine(v.Review.Reason, maxChaseReason) + "）"
	}
	return ""
}

// oneLine puts text on one line and keeps at most n characters of it.
func oneLine(text string, n int) string {
	r := []rune(strings.Join(strings.Fields(text), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// yearCell is one month of a unit in the year overview.
type yearCell struct {
	Status monthStatus
	Says   string // the status as the grid writes it
	Link   string // the month's version (see yearLink), or the month's grid
	Future bool   // a month not yet begun: nothing to show
}

// yearLine is one unit's twelve months.
type yearLine struct {
	Unit  string
	Cells []yearCell
}

// Years the overview may show.
const (
	firstYear = 2000
	lastYear  = 9999
)

func (s *server) officeYear(w http.ResponseWriter, r *http.Request, a *account) {
	year := s.month(r).Year
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= firstYear && y <= lastYear {
		year = y
	}
	units, err := s.st.units()
	if err != nil {
		s.storeFailed(w)
		return
	}
	months, err := s.st.unitMonths(ingest.Period{Year: year, Month: 1}, ingest.Period{Year: year, Month: 12})
	if err != nil {
		s.storeFailed(w)
		return
	}
	now := s.st.now()
	current := ingest.Period{Year: now.Year(), Month: int(now.Month())}
	isLate, err := s.lateness()
	if err != nil {
		s.storeFailed(w)
		return
	}
	lines := make([]yearLine, 0, len(units))
	for _, u := range units {
		l := yearLine{Unit: u, Cells: make([]yearCell, 12)}
		for i := range l.Cells {
			p := ingest.Period{Year: year, Month: i + 1}
			if current.Before(p) {
				l.Cells[i].Future = true
				continue
			}
			um := months[monthKey(u, p.String())]
			st := um.status(isLate(p))
			l.Cells[i] = yearCell{Status: st, Says: um.says(st), Link: yearLink(um, p)}
		}
		lines = append(lines, l)
	}
	var prev, next int
	if year > firstYear {
		prev = year - 1
	}
	if year < lastYear {
		next = year + 1
	}
	s.render(w, http.StatusOK, "year.html", map[string]any{
		"Account": a, "Report": s.cfg.Report.Title, "Year": year, "Prev": prev, "Next": next,
		"Months": []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, "Lines": lines, "Statuses": statuses,
	})
}

// yearLink is where a month's cell in the year overview leads: to a
// version sent after the accepted one and awaiting review, which the
// office has yet to decide on; else to the accepted version, or the latest
// sent; to the month's grid when none was sent.
func yearLink(m unitMonth, p ingest.Period) string {
	v := m.Sent
	if l := m.later(); m.Accepted != nil && (l == nil || returned(l)) {
		v = m.Accepted
	}
	if v == nil {
		return "/office?month=" + p.String()
	}
	return "/office/versions/" + strconv.FormatInt(v.ID, 10)
}
