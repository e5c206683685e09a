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
		if s.ytd != nil {
			for m := 1; m <= p.Month; m++ {
				if m < p.Month || s.status == aggregate.Accepted {
					row.Months = append(row.Months, aggregate.Period{Year: p.Year, Month: m})
				}
			}
		}
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
		case i == 5: // rejected this month, sent September
			return pdfUnitSpec{status: aggregate.Excluded, ytd: ytd, prev: month}
		case i%2 == 1: // sent September, not October
			return pdfUnitSpec{status: aggregate.Missing, ytd: ytd, prev: month}
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
		"most-refused": pdfMostRefused,
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
// against last month and last year over the units in both, and the counts
// and dates.
func pdfAllowedNumbers(r *aggregate.Report) map[string]bool {
	ok := map[string]bool{}
	add := func(s string) { ok[s] = true }
	mom, yoy := r.MonthOnMonth(), r.YearOnYear()
	month, ytd := r.MonthCoverage(), r.YTDCoverage()
	for _, n := range []int{r.Period.Year, r.Period.Month, r.From.Month, len(r.Units), month.Reported,
		ytd.Expected, ytd.Reported, len(mom.Units), len(yoy.Units)} {
		add(strconv.Itoa(n))
	}
	add(r.MonthRate.Percent())
	add(r.YTDRate.Percent())
	for _, m := range r.Config.Metrics {
		add(pdfThousands(r.Month[m.ID]))
		add(pdfThousands(r.YearToDate[m.ID]))
	}
	if mom.Valid() {
		pdfAllowChanges(add, r.Config.Metrics, mom.Now, mom.Then)
	}
	if yoy.Valid() {
		pdfAllowChanges(add, r.Config.Metrics, yoy.Now, yoy.Then)
	}
	return ok
}

func pdfAllowChanges(add func(string), ms []templates.Metric, now, before aggregate.Figures) {
	for _, m := range ms {
		d := now[m.ID] - before[m.ID]
		if d < 0 {
			d = -d
		}
		add(pdfThousands(d))
		if before[m.ID] > 0 {
			add(aggregate.Rate{Num: d, Den: before[m.ID]}.Percent())
		}
	}
	rate := aggregate.Rate{Num: now["problems_rectified"], Den: now["problems_found"]}
	prev := aggregate.Rate{Num: before["problems_rectified"], Den: before["problems_found"]}
	if rate.Valid() && prev.Valid() {
		d := pdfTenths(rate) - pdfTenths(prev)
		if d < 0 {
			d = -d
		}
		add(fmt.Sprintf("%d.%d", d/10, d%10))
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
			[]string{"报送不及时", "兴宁区", "良庆区：10月报表有数字填写不规范（填了小数、负数或文字）、合计与各行之和不符，已退回修改。",
				"“校验问题”工作表", "部分数字波动较大", "西乡塘区督查发现问题由40个增至260个"},
			[]string{"D7", "本期各单位均按时报送", "2018年10月）："}},
		{"one-month", pdfOneMonth, []string{"整改率"}, []string{"报送不及时", "波动", "累计整改率", "校验问题"}},
		{"most refused", pdfMostRefused,
			[]string{"8个单位的10月报表未计入本期统计：", "兴宁区：10月报表合计与各行之和不符，已退回修改。",
				"江南区：报送了两份数字不同的报表，待核实。", "青秀区：10月报表有数字没有对应的工作类别、合计与各行之和不符、有数字填写不规范（填了小数、负数或文字）等，已退回修改。",
				"另有1份报表看不出是哪个单位的，已退回。", "有2份未通过校验，未计入累计数字", "“校验问题”工作表"},
			[]string{"B12", "这一行", "9月报表", "江南区：10月报表", "上林县：", "未报送2018年10月统计表"}},
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
			if len(ps) > 30 {
				t.Errorf("%d paragraphs of issues", len(ps))
			}
		})
	}
}

// pdfMostRefused is an October in which eight units' sheets were refused
// (one of them a pair in conflict) with many cell errors each, and
// earlier months' sheets and a sheet of no unit were refused too.
func pdfMostRefused() *aggregate.Report {
	refused := map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 9: true}
	r := pdfBuild(aggregate.Period{Year: 2018, Month: 10}, func(i int) pdfUnitSpec {
		ytd := pdfFigs(int64(300+i*20), int64(290+i*20))
		switch {
		case i == 3:
			return pdfUnitSpec{status: aggregate.Conflict, ytd: ytd}
		case refused[i]:
			return pdfUnitSpec{status: aggregate.Excluded, ytd: ytd}
		}
		return pdfUnitSpec{status: aggregate.Accepted, month: pdfFigs(40, 39), ytd: ytd, prev: pdfFigs(30, 30)}
	})
	sheet := func(unit, period string, codes ...string) aggregate.ExcludedSheet {
		x := aggregate.ExcludedSheet{File: "10月/" + unit + ".xlsx", Unit: unit, Period: period}
		for k, c := range codes {
			x.Codes = append(x.Codes, c)
			x.Reasons = append(x.Reasons, fmt.Sprintf("B%d：这一行有数字但没有工作类别名称", 12+k))
		}
		return x
	}
	for i, u := range r.Config.Units {
		switch {
		case i == 2: // 青秀区: many cells, four kinds
			codes := []string{"UNLABELLED_ROW", "TOTAL_MISMATCH", "UNLABELLED_ROW", "NOT_WHOLE_NUMBER", "UNKNOWN_AREA"}
			for range 30 {
				codes = append(codes, "UNLABELLED_ROW")
			}
			r.Excluded = append(r.Excluded, sheet(u.Name, "2018-10", codes...))
		case i == 3:
			r.Excluded = append(r.Excluded, sheet(u.Name, "2018-10", "CONFLICT"), sheet(u.Name+"（2）", "2018-10", "CONFLICT"))
			r.Excluded[len(r.Excluded)-1].Unit = u.Name
		case refused[i]:
			r.Excluded = append(r.Excluded, sheet(u.Name, "2018-10", "TOTAL_MISMATCH", "TOTAL_MISMATCH"))
		}
	}
	r.Excluded = append(r.Excluded, sheet("上林县", "2018-09", "UNLABELLED_ROW"), sheet("市本级", "", "UNKNOWN_PERIOD"),
		sheet("", "2018-10", "UNKNOWN_UNIT"))
	return r
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
			cfg := *r.Config
			cfg.Derived = append([]templates.Derived(nil), cfg.Derived...)
			cfg.Derived[0].Ranking = &templates.Ranking{RedAtLeast: c.red, BlackBelow: c.black, MinRight: c.minFound}
			r.Config = &cfg
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

// Every code a sheet can be refused for has words of its own in the
// briefing; a code the template does not know has general ones.
func TestPDFReasonWords(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	general, err := n.text("reason", "SOMETHING_NEW")
	if err != nil || general == "" {
		t.Fatalf("general words %q: %v", general, err)
	}
	codes := []string{"NOT_WHOLE_NUMBER", "TOTAL_MISMATCH", "PART_EXCEEDS_WHOLE", "MISSING_METRIC", "DUPLICATE_COLUMN",
		"UNKNOWN_UNIT", "UNKNOWN_PERIOD", "UNIT_MISMATCH", "PERIOD_MISMATCH", "WRONG_PERIOD", "NO_DATA_SHEET",
		"AMBIGUOUS_SHEETS", "AMBIGUOUS_TABLES", "UNCLEAR_TABLE", "UNKNOWN_AREA", "UNLABELLED_ROW", "UNACCOUNTED_NUMBER",
		"ROW_OUTSIDE_TABLE", "NO_MONTH_COLUMN", "NO_DATA_ROWS", "NOT_FILLED", "FORMULA_NO_VALUE", "UNREADABLE_FILE",
		"READER_FAILED", "ENCRYPTED", "TOO_LARGE", "READ_TIMEOUT", "UNSUPPORTED_FORMAT", "UNREADABLE_FOLDER"}
	for _, c := range codes {
		t.Run(c, func(t *testing.T) {
			got, err := n.text("reason", c)
			if err != nil || got == "" || got == general || strings.ContainsAny(strings.ReplaceAll(got, "Excel", ""), "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") {
				t.Errorf("%q (%v)", got, err)
			}
		})
	}
}

// With half the units missing, the changes are worked out over the units
// that sent both months and the prose says so; the coverage is stated
// beside the figures; units with no sheet this month are left off the
// 红黑榜 and marked where their year-to-date rank is shown.
func TestPDFLikeForLike(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	r := pdfHalfMissing()
	v := newPDFView(r)
	mom := r.MonthOnMonth()
	if len(mom.Units) == 0 || mom.Complete() || v.PrevUnits != len(mom.Units) {
		t.Fatalf("comparison over %v", mom.Units)
	}
	overview, err := n.paragraphs("overview", v)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(overview, "\n")
	found := pdfFigure{Measure: "个", Now: mom.Now["problems_found"], Prev: mom.Then["problems_found"], HasPrev: true}
	for _, w := range []string{
		fmt.Sprintf("与上月相比（按两期均报送的%d个单位可比口径），", len(mom.Units)),
		"督查发现问题" + pdfChange(found),
		fmt.Sprintf("全市累计（应报%d份中的%d份）", r.YTDCoverage().Expected, r.YTDCoverage().Reported),
		fmt.Sprintf("16个单位中，有%d个单位报送并通过校验", r.MonthCoverage().Reported),
	} {
		if !strings.Contains(text, w) {
			t.Errorf("overview lacks %q:\n%s", w, text)
		}
	}
	all := pdfFigure{Measure: "个", Now: r.Month["problems_found"], Prev: r.PrevMonth["problems_found"], HasPrev: true}
	if strings.Contains(text, "督查发现问题"+pdfChange(all)) {
		t.Errorf("overview compares all units' figures:\n%s", text)
	}
	title, err := n.line("title_figures", v)
	if err != nil || !strings.Contains(title, fmt.Sprintf("应报%d份中的%d份", v.YTDExpected, v.YTDReported)) {
		t.Errorf("数说督查 title %q (%v)", title, err)
	}
	note, err := n.line("figures_note", v)
	if err != nil || note == "" {
		t.Errorf("数说督查 note %q (%v)", note, err)
	}
	k := newPDFRanking(r)
	for _, x := range append(append([]pdfRanked{}, k.Red...), k.Black...) {
		for _, u := range r.Units {
			if u.Name == x.Name && !u.Reported() {
				t.Errorf("%s is on the 红黑榜 without a sheet this month", x.Name)
			}
		}
	}
	if len(k.Unreported) == 0 || len(v.Marked) == 0 {
		t.Errorf("unreported %v, marked %v", k.Unreported, v.Marked)
	}
	notes, err := n.paragraphs("ranking_note", v)
	if err != nil || !strings.Contains(strings.Join(notes, ""), "本月无有效报表，不列入红黑榜") {
		t.Errorf("ranking notes %q (%v)", notes, err)
	}
	units, err := n.paragraphs("units_note", v)
	if err != nil || !strings.Contains(strings.Join(units, ""), "名次后标*的") {
		t.Errorf("units note %q (%v)", units, err)
	}
	if full := newPDFView(pdfFixture(true)); !full.HasPrev || full.PrevAll {
		t.Errorf("full fixture: %+v", full.PrevUnits)
	}
}

// The table by unit heads its month and year-to-date groups with their
// coverage when a sheet is missing or refused, and words the month of a
// unit in conflict as to be checked.
func TestPDFTableHeads(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name         string
		build        func() *aggregate.Report
		month, ytd   string
		conflictWord string
	}{
		{"one-month", pdfOneMonth, "1月", "1月累计", ""},
		{"half-missing", pdfHalfMissing, "10月（16个单位中8个）", "1—10月累计（应报160份中的143份）", ""},
		{"most-refused", pdfMostRefused, "10月（16个单位中8个）", "1—10月累计（应报160份中的152份）", "两份报表数字不同，待核实"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.build()
			tb := newPDFTable(r)
			if err := tb.words(r, newPDFView(r), n); err != nil {
				t.Fatal(err)
			}
			if tb.monthHead != c.month || tb.ytdHead != c.ytd {
				t.Errorf("heads %q %q", tb.monthHead, tb.ytdHead)
			}
			if got := tb.status[aggregate.Conflict]; got != c.conflictWord {
				t.Errorf("conflict word %q", got)
			}
		})
	}
}

// Every body row of the unit table, the shaded ones too, draws its cells
// with their borders: a row given a background of its own draws that in
// place of its cells, borders and all.
func TestPDFTableRowsKeepBorders(t *testing.T) {
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	r := pdfHalfMissing()
	v := newPDFView(r)
	d := newPDFDoc(pdfConfig(r, v, n))
	tb := newPDFTable(r)
	if err := tb.words(r, v, n); err != nil {
		t.Fatal(err)
	}
	shaded := 0
	for i, row := range tb.bodyRows(d, r) {
		s := row.GetStructure()
		if len(s.GetData().Details) != 0 {
			t.Errorf("body row %d has a style of its own: %v", i, s.GetData().Details)
		}
		for j, c := range s.GetNexts() {
			details := c.GetData().Details
			if details["prop_border_type"] == nil {
				t.Errorf("body row %d, cell %d has no border: %v", i, j, details)
			}
			if j == 0 && details["prop_background_color"] != nil {
				shaded++
			}
		}
	}
	if shaded == 0 {
		t.Error("no row is shaded")
	}
}
