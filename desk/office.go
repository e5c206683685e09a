package desk

import (
	_ "embed"
	"fmt"
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
	sent, err := s.st.sentVersions(m.String())
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
		v := sent[u]
		st := status(v, late)
		n[st]++
		lines = append(lines, gridLine{Unit: u, Status: st, Version: v})
		if line := chaseLine(u, v); line != "" {
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
	months := s.months()
	if !contains(months, m.String()) {
		months = append([]string{m.String()}, months...)
	}
	s.render(w, http.StatusOK, "office.html", map[string]any{
		"Account": a, "Report": s.cfg.Report.Title, "Month": m.String(), "MonthChinese": m.Chinese(), "Year": m.Year,
		"Months": months, "Lines": lines, "Counts": counts, "Units": len(units),
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
// or whose sheet was returned with the reason shortened; "" for the others.
func chaseLine(unit string, v *version) string {
	switch {
	case v == nil:
		return unit + "（未报送）"
	case v.Review != nil && v.Review.Decision == "return":
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
	Link   string // the sent version, or the month's grid
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
	vs, err := s.st.sentBetween(fmt.Sprintf("%04d-01", year), fmt.Sprintf("%04d-12", year))
	if err != nil {
		s.storeFailed(w)
		return
	}
	sent := map[string]*version{}
	for _, v := range vs {
		sent[v.Unit+"/"+v.Period] = v
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
			v := sent[u+"/"+p.String()]
			l.Cells[i].Status = status(v, isLate(p))
			if v != nil {
				l.Cells[i].Link = "/office/versions/" + strconv.FormatInt(v.ID, 10)
			} else {
				l.Cells[i].Link = "/office?month=" + p.String()
			}
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
