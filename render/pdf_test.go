package render

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"jianbao/aggregate"
	"jianbao/templates"
)

// pdfReference are the citywide year-to-date figures the fixture adds up to.
var pdfReference = aggregate.Figures{
	"personnel_dispatched":     42537,
	"problems_found":           33437,
	"problems_rectified":       33135,
	"letters_issued":           1976,
	"units_interviewed":        82,
	"persons_interviewed":      288,
	"units_held_accountable":   62,
	"persons_held_accountable": 415,
}

// pdfFixture builds a report of the default configuration for October 2018:
// the reference figures spread over the sixteen units, one unit with no
// sheet this month and one whose sheet was rejected.
func pdfFixture(withPrev bool) *aggregate.Report {
	cfg := templates.Default()
	p := aggregate.Period{Year: 2018, Month: 10}
	r := &aggregate.Report{
		Config: cfg, Period: p, From: aggregate.Period{Year: 2018, Month: 1},
		Month: aggregate.Figures{}, YearToDate: aggregate.Figures{},
		GeneratedAt: time.Date(2018, 11, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
	}
	n := len(cfg.Units)
	weights := make([]int64, n)
	var total int64
	for i := range weights {
		weights[i] = int64(3 + (i*7)%11)
		total += weights[i]
	}
	for i, u := range cfg.Units {
		row := aggregate.UnitRow{Name: u.Name, Kind: u.Kind, Status: aggregate.Accepted,
			Month: aggregate.Figures{}, YearToDate: aggregate.Figures{}}
		for id, v := range pdfReference {
			share := v * weights[i] / total
			if i == 0 {
				share += v - sumShares(v, weights, total)
			}
			row.YearToDate[id] = share
		}
		r.Units = append(r.Units, row)
	}
	pdfSpreadUnrectified(r)
	for i := range r.Units {
		u := &r.Units[i]
		switch u.Name {
		case "马山县":
			u.Status = aggregate.Missing
			r.Missing = append(r.Missing, u.Name)
		case "经开区":
			u.Status = aggregate.Excluded
			r.Missing = append(r.Missing, u.Name)
		default:
			for id, v := range u.YearToDate {
				u.Month[id] = v / 9
			}
			u.Month["problems_rectified"] = u.Month["problems_found"] * 97 / 100
		}
		r.YearToDate.Add(u.YearToDate)
		r.Month.Add(u.Month)
		u.MonthRate = aggregate.Rate{Num: u.Month["problems_rectified"], Den: u.Month["problems_found"]}
		u.YTDRate = aggregate.Rate{Num: u.YearToDate["problems_rectified"], Den: u.YearToDate["problems_found"]}
	}
	pdfFixtureRank(r.Units)
	r.MonthRate = aggregate.Rate{Num: r.Month["problems_rectified"], Den: r.Month["problems_found"]}
	r.YTDRate = aggregate.Rate{Num: r.YearToDate["problems_rectified"], Den: r.YearToDate["problems_found"]}
	for i := range r.Units {
		u := &r.Units[i]
		for m := 1; m <= 10; m++ {
			if m < 10 || u.Reported() {
				u.Months = append(u.Months, aggregate.Period{Year: 2018, Month: m})
			}
		}
		if !withPrev || !u.Reported() {
			continue
		}
		u.PrevMonth = aggregate.Figures{}
		for id, v := range u.Month {
			u.PrevMonth[id] = v * 9 / 10
		}
		u.PrevMonth["letters_issued"] = u.Month["letters_issued"] + 1
		u.PrevMonth["problems_rectified"] = u.PrevMonth["problems_found"] * 98 / 100
		if r.PrevMonth == nil {
			r.PrevMonth = aggregate.Figures{}
		}
		r.PrevMonth.Add(u.PrevMonth)
	}
	r.Excluded = []aggregate.ExcludedSheet{{
		File: "经开区/2018年10月督查统计表.xlsx", Unit: "经开区", Period: "2018-10",
		Reasons: []string{"合计行与各类别之和不符（D13）", "“完成整改问题”大于“督查发现问题”"},
		Codes:   []string{"total_mismatch", "rectified_exceeds_found"},
	}}
	return r
}

func sumShares(v int64, weights []int64, total int64) int64 {
	var s int64
	for _, w := range weights {
		s += v * w / total
	}
	return s
}

// pdfSpreadUnrectified sets each unit's rectified problems below its found
// ones, unevenly, keeping the citywide totals.
func pdfSpreadUnrectified(r *aggregate.Report) {
	left := pdfReference["problems_found"] - pdfReference["problems_rectified"]
	gaps := []int64{20, 8, 12, 30, 6, 9, 25, 40, 11, 18, 7, 15, 22, 10, 35}
	for i := range r.Units {
		u := r.Units[i].YearToDate
		gap := left
		if i < len(r.Units)-1 {
			gap = min(gaps[i%len(gaps)], left)
		}
		u["problems_rectified"] = u["problems_found"] - gap
		left -= gap
	}
}

func pdfFixtureRank(us []aggregate.UnitRow) {
	idx := make([]int, len(us))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return us[idx[a]].YTDRate.Float() > us[idx[b]].YTDRate.Float() })
	for pos, i := range idx {
		us[i].Rank = pos + 1
	}
}

func pdfNarrativeText(t testing.TB) string {
	t.Helper()
	s, err := templates.Briefing("")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func renderPDF(t testing.TB, r *aggregate.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (PDF{Narrative: pdfNarrativeText(t)}).Render(&b, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.Bytes()
}

func TestPDFName(t *testing.T) {
	if got := (PDF{}).Name(); got != "briefing.pdf" {
		t.Fatalf("Name() = %q", got)
	}
}

func TestPDFDeterministic(t *testing.T) {
	for _, prev := range []bool{false, true} {
		a := renderPDF(t, pdfFixture(prev))
		b := renderPDF(t, pdfFixture(prev))
		if !bytes.Equal(a, b) {
			t.Fatalf("prev=%v: two renders differ (%d and %d bytes)", prev, len(a), len(b))
		}
		if !bytes.HasPrefix(a, []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", a[:min(len(a), 16)])
		}
		if len(a) > 2<<20 {
			t.Fatalf("PDF is %d bytes, want under 2 MB", len(a))
		}
		for _, want := range []string{"/CreationDate (D:20181105093000)", "/ModDate (D:20181105093000)", "/Title", "/Subject"} {
			if !bytes.Contains(a, []byte(want)) {
				t.Errorf("prev=%v: PDF lacks %s", prev, want)
			}
		}
	}
}

func TestPDFMissingGlyph(t *testing.T) {
	r := pdfFixture(false)
	r.Units[1].Name = "兴宁\U0001F600区"
	var b bytes.Buffer
	err := (PDF{Narrative: pdfNarrativeText(t)}).Render(&b, r)
	if !errors.Is(err, ErrMissingGlyph) || !strings.Contains(err.Error(), "U+1F600") {
		t.Fatalf("Render = %v, want ErrMissingGlyph naming U+1F600", err)
	}
}

func TestPDFBadTemplate(t *testing.T) {
	var b bytes.Buffer
	err := (PDF{Narrative: `{{define "overview"}}{{.NoSuchField}}{{end}}`}).Render(&b, pdfFixture(false))
	if !errors.Is(err, ErrBriefingTemplate) {
		t.Fatalf("Render = %v, want ErrBriefingTemplate", err)
	}
}

func TestPDFNoGenerationTime(t *testing.T) {
	r := pdfFixture(false)
	r.GeneratedAt = time.Time{}
	if err := (PDF{}).Render(&bytes.Buffer{}, r); !errors.Is(err, ErrPDF) {
		t.Fatalf("Render = %v, want ErrPDF", err)
	}
}

// TestPDFText checks with pdftotext, when installed, that the figures and
// unit names are in the document.
func TestPDFText(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	r := pdfFixture(true)
	dir := t.TempDir()
	in := filepath.Join(dir, "briefing.pdf")
	if err := os.WriteFile(in, renderPDF(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	var want []string
	for _, m := range r.Config.Metrics {
		want = append(want, pdfThousands(r.YearToDate[m.ID]), pdfThousands(r.Month[m.ID]))
	}
	want = append(want, "42,537", "33,437", "33,135", "1,976", r.YTDRate.Percent(), r.MonthRate.Percent(),
		"第1期", "2018年11月5日", "2018年1—10月", "— 1 —", "未报送", "未通过校验")
	for _, u := range r.Units {
		want = append(want, u.Name, u.YTDRate.Percent())
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", text)
	}
}

// TestPDFWriteSample writes the fixture's briefing to $PDFCHECK_DIR for a
// look with a PDF viewer.
func TestPDFWriteSample(t *testing.T) {
	dir := os.Getenv("PDFCHECK_DIR")
	if dir == "" {
		t.Skip("PDFCHECK_DIR not set")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, prev := range map[string]bool{"briefing.pdf": true, "briefing-noprev.pdf": false} {
		if err := os.WriteFile(filepath.Join(dir, name), renderPDF(t, pdfFixture(prev)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPDFNarrative(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	with := newPDFView(pdfFixture(true))
	ps, err := n.paragraphs("overview", with)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(ps, "\n")
	for _, want := range []string{"与上月相比", "增长", "42,537", "整改率" + with.YTDRate, "整改率" + with.MonthRate} {
		if !strings.Contains(text, want) {
			t.Errorf("overview lacks %q:\n%s", want, text)
		}
	}
	without := newPDFView(pdfFixture(false))
	ps, err = n.paragraphs("overview", without)
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(ps, "\n"); strings.Contains(text, "上月") {
		t.Errorf("overview without last month mentions it:\n%s", text)
	}
	if got, _ := n.line("headline", with); got != `2018年1—10月全市"两重两问"督查工作情况通报` {
		t.Errorf("headline = %q", got)
	}
}

func TestPDFChangeWords(t *testing.T) {
	cases := map[pdfFigure]string{
		{Measure: "个", Value: 110, Now: 110, Prev: 100, HasPrev: true}: "增加10个，增长10.0%",
		{Measure: "份", Value: 97, Now: 97, Prev: 100, HasPrev: true}:   "减少3份，下降3.0%",
		{Measure: "人", Value: 5, Now: 5, Prev: 5, HasPrev: true}:       "持平",
		{Measure: "人", Value: 5, Now: 5, HasPrev: true}:                "增加5人",
		{Measure: "人", Value: 5, Now: 5}:                               "",
		// like for like: the change is of the units in both months, not of the total
		{Measure: "人", Value: 400, Now: 300, Prev: 320, HasPrev: true}: "减少20人，下降6.3%",
	}
	for f, want := range cases {
		if got := pdfChange(f); got != want {
			t.Errorf("pdfChange(%+v) = %q, want %q", f, got, want)
		}
	}
	up := pdfPointsChange(aggregate.Rate{Num: 991, Den: 1000}, aggregate.Rate{Num: 988, Den: 1000})
	if up != "提高0.3个百分点" {
		t.Errorf("pdfPointsChange = %q", up)
	}
}

func TestPDFChineseOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "一", 3: "三", 10: "十", 11: "十一", 20: "二十", 23: "二十三", 99: "九十九", 0: "0"} {
		if got := pdfChineseOrdinal(n); got != want {
			t.Errorf("pdfChineseOrdinal(%d) = %q, want %q", n, got, want)
		}
	}
}
