package render

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jianbao/aggregate"
	"jianbao/templates"
)

// pdfUnitSpec is how one unit of a built fixture took part in the period.
type pdfUnitSpec struct {
	status           aggregate.Status
	month, ytd, prev aggregate.Figures
}

// pdfFigs builds figures from found and rectified problems, deriving the
// other metrics from them.
func pdfFigs(found, rectified int64) aggregate.Figures {
	return aggregate.Figures{
		"personnel_dispatched": found*3 + 7, "problems_found": found, "problems_rectified": rectified,
		"letters_issued": found / 10, "units_interviewed": found / 50, "persons_interviewed": found / 20,
		"units_held_accountable": found / 80, "persons_held_accountable": found / 30,
	}
}

// pdfBuild adds up a report of the default configuration from one spec per
// unit, as aggregate would: totals, rates, ranks and the missing units.
func pdfBuild(p aggregate.Period, spec func(i int) pdfUnitSpec) *aggregate.Report {
	cfg := templates.Default()
	r := &aggregate.Report{Config: cfg, Period: p, From: aggregate.Period{Year: p.Year, Month: 1},
		Month: aggregate.Figures{}, YearToDate: aggregate.Figures{},
		GeneratedAt: time.Date(p.Year, time.Month(p.Month)+1, 5, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	for i, u := range cfg.Units {
		s := spec(i)
		row := aggregate.UnitRow{Name: u.Name, Kind: u.Kind, Status: s.status, Month: aggregate.Figures{},
			YearToDate: aggregate.Figures{}, PrevMonth: s.prev}
		if s.status == aggregate.Accepted {
			row.Month.Add(s.month)
		} else {
			r.Missing = append(r.Missing, u.Name)
		}
		row.YearToDate.Add(s.ytd)
		row.MonthRate = aggregate.Rate{Num: row.Month["problems_rectified"], Den: row.Month["problems_found"]}
		row.YTDRate = aggregate.Rate{Num: row.YearToDate["problems_rectified"], Den: row.YearToDate["problems_found"]}
		r.Month.Add(row.Month)
		r.YearToDate.Add(row.YearToDate)
		r.Units = append(r.Units, row)
	}
	pdfFixtureRank(r.Units)
	for i := range r.Units {
		if !r.Units[i].YTDRate.Valid() {
			r.Units[i].Rank = 0
		}
	}
	r.MonthRate = aggregate.Rate{Num: r.Month["problems_rectified"], Den: r.Month["problems_found"]}
	r.YTDRate = aggregate.Rate{Num: r.YearToDate["problems_rectified"], Den: r.YearToDate["problems_found"]}
	r.ByMonth = []aggregate.MonthTotals{{Period: p, Totals: r.Month.Clone()}}
	return r
}

// pdfOneMonth is a January rollup: no year to date before it, no last month.
func pdfOneMonth() *aggregate.Report {
	return pdfBuild(aggregate.Period{Year: 2019, Month: 1}, func(i int) pdfUnitSpec {
		f := pdfFigs(int64(40+i*9), int64(40+i*9-i%4))
		return pdfUnitSpec{status: aggregate.Accepted, month: f, ytd: f}
	})
}

// pdfHalfMissing is an October rollup where half the units sent nothing or
// a rejected sheet, one sent nothing all year, one has too few problems
// to rank, two tie, and one swung sharply against September.
func pdfHalfMissing() *aggregate.Report {
	r := pdfBuild(aggregate.Period{Year: 2018, Month: 10}, func(i int) pdfUnitSpec {
		month := pdfFigs(int64(60+i*5), int64(60+i*5-i%3))
		ytd := pdfFigs(int64(600+i*40), int64(600+i*40-i*3))
		switch {
		case i == 3: // nothing all year
			return pdfUnitSpec{status: aggregate.Missing}
		case i == 5: // rejected this month
			return pdfUnitSpec{status: aggregate.Excluded, ytd: ytd}
		case i%2 == 1:
			return pdfUnitSpec{status: aggregate.Missing, ytd: ytd}
		case i == 2: // too few problems to rank
			return pdfUnitSpec{status: aggregate.Accepted, month: pdfFigs(3, 2), ytd: pdfFigs(12, 11), prev: pdfFigs(4, 4)}
		case i == 4: // swing
			return pdfUnitSpec{status: aggregate.Accepted, month: pdfFigs(260, 250), ytd: ytd, prev: pdfFigs(40, 40)}
		case i == 6 || i == 8: // tie
			return pdfUnitSpec{status: aggregate.Accepted, month: month, ytd: pdfFigs(1000, 990), prev: month}
		}
		return pdfUnitSpec{status: aggregate.Accepted, month: month, ytd: ytd, prev: month}
	})
	r.Excluded = []aggregate.ExcludedSheet{{File: "良庆区/2018年10月.xlsx", Unit: "良庆区", Period: "2018-10",
		Reasons: []string{"D7：“12.5”不是非负整数", "E13：合计与各行之和不符"}, Codes: []string{"NOT_WHOLE_NUMBER", "TOTAL_MISMATCH"}}}
	r.PrevMonth = aggregate.Figures{}
	for _, u := range r.Units {
		r.PrevMonth.Add(u.PrevMonth)
	}
	return r
}

// pdfFixtures are the reports every layout test renders.
func pdfFixtures() map[string]func() *aggregate.Report {
	return map[string]func() *aggregate.Report{
		"full":         func() *aggregate.Report { return pdfFixture(true) },
		"no-prev":      func() *aggregate.Report { return pdfFixture(false) },
		"one-month":    pdfOneMonth,
		"half-missing": pdfHalfMissing,
	}
}

func TestPDFFixturesRender(t *testing.T) {
	dir := os.Getenv("PDFCHECK_DIR")
	for name, build := range pdfFixtures() {
		t.Run(name, func(t *testing.T) {
			a, b := renderPDF(t, build()), renderPDF(t, build())
			if !bytes.Equal(a, b) {
				t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
			}
			if len(a) > 2<<20 {
				t.Errorf("PDF is %d bytes, want under 2 MB", len(a))
			}
			if n := bytes.Count(a, []byte("/Subtype /Image")); n != 2 {
				t.Errorf("%d images, want the two charts", n)
			}
			if dir != "" {
				if err := os.WriteFile(filepath.Join(dir, name+".pdf"), a, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pdfCheckText(t, build(), a)
		})
	}
}

// pdfCheckText checks with pdftotext, when installed, that every section,
// unit name and table figure is in the document and no template hole is.
func pdfCheckText(t *testing.T, r *aggregate.Report, pdf []byte) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return
	}
	in := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	want := []string{"一、总体情况", "二、各单位情况", "三、存在问题", "四、下一步工作", "图1", "图2", "红榜", "黑榜", "— 1 —", "抄送"}
	for _, u := range r.Units {
		want = append(want, u.Name, u.YTDRate.Percent())
	}
	for _, m := range r.Config.Metrics {
		want = append(want, pdfThousands(r.YearToDate[m.ID]))
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
	for _, bad := range []string{"<no value>", "%!", "（）"} {
		if strings.Contains(text, bad) {
			t.Errorf("pdftotext output has %q", bad)
		}
	}
}

// pdfAllowedNumbers are the numbers the overview may print, worked out from
// the report as the tables show it: each figure and rate, the changes
// against last month and last year, and the counts and dates.
func pdfAllowedNumbers(r *aggregate.Report) map[string]bool {
	ok := map[string]bool{}
	add := func(s string) { ok[s] = true }
	accepted := 0
	for _, u := range r.Units {
		if u.Status == aggregate.Accepted {
			accepted++
		}
	}
	for _, n := range []int{r.Period.Year, r.Period.Month, r.From.Month, len(r.Units), accepted} {
		add(strconv.Itoa(n))
	}
	add(r.MonthRate.Percent())
	add(r.YTDRate.Percent())
	pdfAllowChanges(add, r.Config.Metrics, r.Month, r.PrevMonth, r.MonthRate)
	pdfAllowChanges(add, r.Config.Metrics, r.YearToDate, r.LastYear.YearToDate, r.YTDRate)
	return ok
}

func pdfAllowChanges(add func(string), ms []templates.Metric, now, before aggregate.Figures, rate aggregate.Rate) {
	for _, m := range ms {
		add(pdfThousands(now[m.ID]))
		if before == nil {
			continue
		}
		d := now[m.ID] - before[m.ID]
		if d < 0 {
			d = -d
		}
		add(pdfThousands(d))
		if before[m.ID] > 0 {
			add(fmt.Sprintf("%.1f%%", float64(d)*100/float64(before[m.ID])))
		}
	}
	if before != nil {
		prev := aggregate.Rate{Num: before["problems_rectified"], Den: before["problems_found"]}
		a, _ := strconv.ParseFloat(strings.TrimSuffix(rate.Percent(), "%"), 64)
		b, _ := strconv.ParseFloat(strings.TrimSuffix(prev.Percent(), "%"), 64)
		diff := a - b
		if diff < 0 {
			diff = -diff
		}
		add(fmt.Sprintf("%.1f", diff))
	}
}

var pdfNumberRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?%?`)

func TestPDFProseMatchesTables(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, build := range pdfFixtures() {
		t.Run(name, func(t *testing.T) {
			r := build()
			ps, err := n.paragraphs("overview", newPDFView(r))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(ps, "\n")
			ok := pdfAllowedNumbers(r)
			for _, num := range pdfNumberRE.FindAllString(text, -1) {
				if !ok[num] {
					t.Errorf("overview prints %q, which is no figure, rate or change of the report:\n%s", num, text)
				}
			}
			// Every year-to-date figure of the table's total row is in the prose.
			for _, m := range r.Config.Metrics {
				if !strings.Contains(text, m.Name+pdfThousands(r.YearToDate[m.ID])+m.Measure) {
					t.Errorf("overview lacks %s%s%s", m.Name, pdfThousands(r.YearToDate[m.ID]), m.Measure)
				}
			}
		})
	}
}

func TestPDFIssuesSection(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		build  func() *aggregate.Report
		want   []string
		absent []string
	}{
		{"half-missing", pdfHalfMissing,
			[]string{"报送不及时", "兴宁区", "良庆区（2018年10月）：有的数字填写不规范", "合计数与各分项之和对不上",
				"部分数字波动较大", "西乡塘区督查发现问题由40个增至260个"},
			[]string{"D7", "本期各单位均按时报送"}},
		{"one-month", pdfOneMonth, []string{"整改率"}, []string{"报送不及时", "波动", "累计整改率"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := n.paragraphs("issues", newPDFView(c.build()))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(ps, "\n")
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("issues lack %q:\n%s", w, text)
				}
			}
			for _, w := range c.absent {
				if strings.Contains(text, w) {
					t.Errorf("issues have %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestPDFRanking(t *testing.T) {
	k := newPDFRanking(pdfHalfMissing())
	if k.RedAt != "98%" || k.BlackBelow != "95%" || k.MinFound != 20 {
		t.Fatalf("thresholds %q %q %d", k.RedAt, k.BlackBelow, k.MinFound)
	}
	if len(k.Small) != 1 || k.Small[0] != "青秀区" {
		t.Errorf("small = %q, want 青秀区 (12 problems found)", k.Small)
	}
	names := map[string]pdfRanked{}
	for _, x := range append(append([]pdfRanked{}, k.Red...), k.Black...) {
		names[x.Name] = x
	}
	if _, ok := names["青秀区"]; ok {
		t.Error("青秀区 is ranked despite its tiny denominator")
	}
	a, b := names["邕宁区"], names["隆安县"]
	if !a.Tied || !b.Tied || a.Place != b.Place || !k.Ties {
		t.Errorf("tie not marked: %+v %+v", a, b)
	}
	for i, x := range k.Red {
		if x.tenths < 980 || (i > 0 && x.Place < k.Red[i-1].Place) {
			t.Errorf("red list entry %d: %+v", i, x)
		}
	}
	for _, x := range k.Black {
		if x.tenths >= 950 {
			t.Errorf("black list entry %+v", x)
		}
	}
}

func TestPDFRankingThresholds(t *testing.T) {
	cases := []struct {
		red, black float64
		minFound   int64
		wantOn     bool
	}{
		{0.98, 0.95, 20, true},
		{0, 0, 0, false},
		{0.995, 0, 0, true},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.red, c.black), func(t *testing.T) {
			r := pdfFixture(false)
			r.Config.Ranking = templates.Ranking{RedAtLeast: c.red, BlackBelow: c.black, MinFound: c.minFound}
			k := newPDFRanking(r)
			if k.Enabled != c.wantOn {
				t.Fatalf("enabled = %v", k.Enabled)
			}
			if c.black == 0 && len(k.Black) > 0 {
				t.Errorf("black list without a threshold: %+v", k.Black)
			}
			renderPDF(t, r)
		})
	}
}

func TestPDFWan(t *testing.T) {
	for n, want := range map[int64]string{999: "999", 9999: "9,999", 10000: "1万", 42537: "4.25万", 33135: "3.31万", 42000: "4.2万", 123456789: "12345.68万"} {
		if got := pdfWan(n); got != want {
			t.Errorf("pdfWan(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPDFPlainReasons(t *testing.T) {
	cases := []struct {
		x    aggregate.ExcludedSheet
		want string
	}{
		{aggregate.ExcludedSheet{Reasons: []string{"a", "b", "c"}, Codes: []string{"NOT_WHOLE_NUMBER", "not_whole_number", "ENCRYPTED"}},
			"有的数字填写不规范（如填了小数、负数或文字）；文件设置了密码，无法打开"},
		{aggregate.ExcludedSheet{Reasons: []string{"新的问题"}, Codes: []string{"SOMETHING_NEW"}}, "新的问题"},
		{aggregate.ExcludedSheet{}, "未通过校验"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if got := pdfPlainReasons(c.x); got != c.want {
				t.Errorf("got %q", got)
			}
		})
	}
}
