package aggregate

import (
	"slices"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// halfMissing is a year where every unit sent January..September and, in
// October, only the first half of the units; last year every unit sent
// every month but the last unit, which sent nothing in 2017. Unit i finds
// 100+i problems a month and rectifies 100+i-1 of them (last year: 50+i).
func halfMissing(cfg *templates.Config) []*ingest.Submission {
	var subs []*ingest.Submission
	half := len(cfg.Units) / 2
	for i, u := range cfg.Units {
		for m := 1; m <= 10; m++ {
			if m == 10 && i >= half {
				continue
			}
			s := sub(u.Name+"/"+string(rune('0'+m)), u.Name, m, int64(100+i), int64(100+i-1))
			subs = append(subs, s)
		}
		if i == len(cfg.Units)-1 {
			continue
		}
		for m := 1; m <= 10; m++ {
			s := sub(u.Name+"/2017-"+string(rune('0'+m)), u.Name, m, int64(50+i), int64(50+i))
			s.Period.Year = 2017
			subs = append(subs, s)
		}
	}
	return subs
}

func TestLikeForLike(t *testing.T) {
	cfg := templates.Default()
	n := len(cfg.Units)
	half := n / 2
	r, err := buildReport(cfg, halfMissing(cfg), ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	// the sums of unit i's monthly figure over units from..to-1
	sum := func(from, to int, base int64) int64 {
		var s int64
		for i := from; i < to; i++ {
			s += base + int64(i)
		}
		return s
	}
	t.Run("month on month: the units that sent both months", func(t *testing.T) {
		c := r.MonthOnMonth()
		if len(c.Units) != half || c.Of != n || c.Complete() || !c.Valid() {
			t.Fatalf("units %v of %d", c.Units, c.Of)
		}
		if c.Now["problems_found"] != sum(0, half, 100) || c.Then["problems_found"] != sum(0, half, 100) {
			t.Errorf("now %d then %d, want both %d (the same units, the same figures)", c.Now["problems_found"], c.Then["problems_found"], sum(0, half, 100))
		}
		// the citywide September figure is of all units: not what the month is compared with
		if r.PrevMonth["problems_found"] == c.Then["problems_found"] {
			t.Error("the comparison is over all of September's units")
		}
	})
	t.Run("same month last year", func(t *testing.T) {
		c := r.MonthOnLastYear()
		if len(c.Units) != half || c.Then["problems_found"] != sum(0, half, 50) {
			t.Errorf("units %v, then %d", c.Units, c.Then["problems_found"])
		}
	})
	t.Run("year on year: units complete in both years", func(t *testing.T) {
		c := r.YearOnYear()
		if len(c.Units) != half || c.Units[0] != cfg.Units[0].Name {
			t.Fatalf("units %v", c.Units)
		}
		if c.Now["problems_found"] != 10*sum(0, half, 100) || c.Then["problems_found"] != 10*sum(0, half, 50) {
			t.Errorf("now %d then %d", c.Now["problems_found"], c.Then["problems_found"])
		}
	})
	t.Run("coverage", func(t *testing.T) {
		if c := r.MonthCoverage(); c.Expected != n || c.Reported != half || c.Complete() {
			t.Errorf("month %+v", c)
		}
		if c := r.YTDCoverage(); c.Expected != 10*n || c.Reported != 10*n-(n-half) || c.Complete() {
			t.Errorf("year to date %+v", c)
		}
	})
	t.Run("a full month is complete", func(t *testing.T) {
		r, err := buildReport(cfg, halfMissing(cfg), ingest.Period{Year: 2018, Month: 9}, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if c := r.MonthOnMonth(); !c.Complete() {
			t.Errorf("September on August: %d units", len(c.Units))
		}
		if !r.MonthCoverage().Complete() || !r.YTDCoverage().Complete() {
			t.Errorf("coverage %+v %+v", r.MonthCoverage(), r.YTDCoverage())
		}
		if c := r.YearOnYear(); len(c.Units) != n-1 || slices.Contains(c.Units, cfg.Units[n-1].Name) {
			t.Errorf("year on year over %v", c.Units)
		}
	})
}

// A unit whose two sheets for the month disagree is in conflict, not
// missing; its findings name it.
func TestConflictIsNotMissing(t *testing.T) {
	cfg := templates.Default()
	a, b := sub("10/青秀区.xlsx", "青秀区", 10, 100, 99), sub("10/青秀区（2）.xlsx", "青秀区", 10, 101, 99)
	for _, s := range []*ingest.Submission{a, b} {
		s.Findings = []ingest.Finding{{Severity: ingest.Error, CellError: &ingest.CellError{File: s.File, Err: ingest.ErrConflict}}}
	}
	r, err := buildReport(cfg, []*ingest.Submission{a, b, rejected("10/江南区.xlsx", "江南区", 10)}, ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]Status{}
	for _, u := range r.Units {
		status[u.Name] = u.Status
	}
	if status["青秀区"] != Conflict || status["江南区"] != Excluded || status["兴宁区"] != Missing {
		t.Errorf("statuses %v", status)
	}
	for _, f := range r.Findings {
		if f.Unit == "" || (f.Code == "NOT_WHOLE_NUMBER" && f.Fix == "") {
			t.Errorf("finding without its unit or fix: %+v", f)
		}
	}
}
