package render

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"jianbao/aggregate"
	"jianbao/problem"
	"jianbao/templates"
)

// pdfFigure is one metric's value as the narrative template sees it.
// Value is the figure of every accepted sheet; a change is worked out like
// for like, from Now (the same figure over the units compared) to Prev.
type pdfFigure struct {
	ID, Name, Short, Measure string
	Value, Now, Prev         int64
	HasPrev                  bool
	// Decimals are the decimal places of an amount (number: amount), whose
	// figures are held scaled by 10^Decimals; 0 for a count.
	Decimals int
}

// pdfExcluded is one rejected sheet of the month as the narrative template
// sees it.
type pdfExcluded struct {
	Unit, Period, File string
	Codes              []string // of its errors, each once
	Reasons            string   // the checker's first sentences, with cells
	Detail             string   // all of the checker's sentences
}

// pdfUnitProblem is why a unit's sheet of the month is not counted, in one
// line of the briefing: the sheets are in conflict, or were refused for
// the kinds of problem Codes (the first few; More when there are others).
type pdfUnitProblem struct {
	Unit     string
	Period   string // 10月, or "" when the sheet's month could not be read
	Conflict bool
	Codes    []string
	More     bool
}

// pdfUnitRate is a unit and its year-to-date rectification rate.
type pdfUnitRate struct {
	Name, Rate string
}

// pdfView is the data the narrative template is executed with.
type pdfView struct {
	Title, Office, Scope, Subject string
	Issue                         int
	Date                          string
	Year, Month                   int
	Span                          string
	Units, Reported               int
	MonthComplete                 bool // every unit has an accepted sheet for the month
	YTDExpected, YTDReported      int  // sheets expected and accepted, January..the period
	YTDComplete                   bool
	MonthFigures, YTDFigures      []pdfFigure
	HasPrev                       bool
	PrevUnits                     int    // units compared with last month
	PrevAll                       bool   // every unit is compared
	HasRate                       bool   // a headline rate is configured
	RateName                      string // its name
	MonthRate, YTDRate            string
	RateChange                    string
	FirstMonth                    bool // the period is the first month of the year to date
	HasLastYear                   bool // YTDFigures carry the same months of last year as .Prev
	LastYearUnits                 int  // units compared with last year
	LastYearAll                   bool
	YoYRateChange                 string
	Missing                       []string
	Excluded                      []pdfExcluded    // the month's refused sheets
	Problems                      []pdfUnitProblem // the units whose sheet of the month is not counted, one line each
	ProblemsMore                  int              // units with such a sheet beyond those listed
	NoUnit                        int              // refused sheets of the month whose unit could not be read
	Earlier                       int              // refused sheets of earlier months, or of no readable month
	Extra                         int              // refused sheets of the month of units counted with another
	Marked                        []string         // units ranked for the year to date without an accepted sheet this month
	Below                         []pdfUnitRate
	Swings                        []pdfSwing
	SwingFactor                   int64
	Ranking                       pdfRanking
}

// Bounds of the problems the briefing names: leaders read one line per
// unit, a few kinds of problem each; the cells are in the workbook.
const (
	pdfMaxProblemUnits = 20
	pdfMaxProblemKinds = 3
)

func newPDFView(r *aggregate.Report) pdfView {
	c := r.Config.Report
	mom, yoy := r.MonthOnMonth(), r.YearOnYear()
	month, ytd := r.MonthCoverage(), r.YTDCoverage()
	v := pdfView{
		Title: c.Title, Office: c.Office, Scope: c.Scope, Subject: c.Subject,
		Issue:         c.Issue,
		Date:          r.GeneratedAt.Format("2006年1月2日"),
		Year:          r.Period.Year,
		Month:         r.Period.Month,
		Span:          pdfSpan(r.From, r.Period),
		Units:         len(r.Units),
		MonthFigures:  pdfFigures(r.Config.Metrics, r.Month, mom),
		YTDFigures:    pdfFigures(r.Config.Metrics, r.YearToDate, yoy),
		Reported:      month.Reported,
		MonthComplete: month.Complete(),
		YTDExpected:   ytd.Expected,
		YTDReported:   ytd.Reported,
		YTDComplete:   ytd.Complete(),
		HasPrev:       mom.Valid(),
		PrevUnits:     len(mom.Units),
		PrevAll:       mom.Complete(),
		HasRate:       r.HasRate(),
		RateName:      pdfRateName(r),
		MonthRate:     r.MonthRate.Percent(),
		YTDRate:       r.YTDRate.Percent(),
		Missing:       pdfMissingOnly(r),
		Below:         pdfBelowCity(r),
		Swings:        pdfSwings(r),
		SwingFactor:   r.Config.Checks.SwingFactor,
		Ranking:       newPDFRanking(r),
		FirstMonth:    !r.From.Before(r.Period),
		HasLastYear:   yoy.Valid(),
		LastYearUnits: len(yoy.Units),
		LastYearAll:   yoy.Complete(),
	}
	pdfProblems(r, &v)
	for _, u := range r.Units {
		if !u.Reported() && u.Rank > 0 {
			v.Marked = append(v.Marked, u.Name)
		}
	}
	if mom.Valid() {
		v.RateChange = pdfPointsChange(r.Rate(mom.Now), r.Rate(mom.Then))
	}
	if yoy.Valid() {
		v.YoYRateChange = pdfPointsChange(r.Rate(yoy.Now), r.Rate(yoy.Then))
	}
	return v
}

// pdfSpan names the year-to-date months: "1—10月", or "1月" in January.
func pdfSpan(from, to aggregate.Period) string {
	start := from.Month
	if start == 0 {
		start = 1
	}
	if start >= to.Month {
		return fmt.Sprintf("%d月", to.Month)
	}
	return fmt.Sprintf("%d—%d月", start, to.Month)
}

// pdfFigures gives each metric its value f and, when the comparison c is
// valid, the figures it compares like for like.
func pdfFigures(ms []templates.Metric, f aggregate.Figures, c aggregate.Comparison) []pdfFigure {
	out := make([]pdfFigure, 0, len(ms))
	for _, m := range ms {
		if !m.InBriefing() {
			continue // briefing: false: in the workbook and summary.json only
		}
		fg := pdfFigure{ID: m.ID, Name: m.Name, Short: m.Short, Measure: m.Measure, Value: f[m.ID], Now: f[m.ID], Decimals: m.Places()}
		if c.Valid() {
			fg.Now, fg.Prev, fg.HasPrev = c.Now[m.ID], c.Then[m.ID], true
		}
		out = append(out, fg)
	}
	return out
}

// pdfMissingOnly lists the units of r.Missing that sent no sheet at all, leaving
// out those whose sheets were rejected or are in conflict (they are named
// with their problem).
func pdfMissingOnly(r *aggregate.Report) []string {
	named := map[string]bool{}
	for _, u := range r.Units {
		if u.Status == aggregate.Excluded || u.Status == aggregate.Conflict {
			named[u.Name] = true
		}
	}
	var out []string
	for _, name := range r.Missing {
		if !named[name] {
			out = append(out, name)
		}
	}
	return out
}

// pdfProblems sorts the refused sheets for the briefing: those of the
// month (or of no readable month, for a unit with nothing accepted) by
// unit, one line each in the configured order of the units, at most
// pdfMaxProblemUnits; those without a unit and those of other months are
// only counted. The cells are left to the workbook.
func pdfProblems(r *aggregate.Report, v *pdfView) {
	reported, status := map[string]bool{}, map[string]aggregate.Status{}
	for _, u := range r.Units {
		reported[u.Name], status[u.Name] = u.Reported(), u.Status
	}
	this := r.Period.String()
	byUnit := map[string]*pdfUnitProblem{}
	seen := map[string]map[string]bool{}
	for _, x := range r.Excluded {
		switch {
		case x.Period != this && (x.Period != "" || reported[x.Unit]):
			v.Earlier++
			continue
		case reported[x.Unit]:
			v.Extra++
			continue
		case x.Unit == "":
			v.NoUnit++
			continue
		}
		v.Excluded = append(v.Excluded, pdfExcludedView(x))
		p := byUnit[x.Unit]
		if p == nil {
			p = &pdfUnitProblem{Unit: x.Unit}
			if x.Period != "" {
				p.Period = fmt.Sprintf("%d月", r.Period.Month)
			}
			byUnit[x.Unit], seen[x.Unit] = p, map[string]bool{}
		}
		if x.Period != "" {
			p.Period = fmt.Sprintf("%d月", r.Period.Month)
		}
		for _, c := range x.Codes {
			c = strings.ToUpper(c)
			switch {
			case c == pdfCodeConflict || status[x.Unit] == aggregate.Conflict:
				p.Conflict = true
			case seen[x.Unit][c]:
			case len(p.Codes) == pdfMaxProblemKinds:
				p.More = true
			default:
				seen[x.Unit][c] = true
				p.Codes = append(p.Codes, c)
			}
		}
	}
	var order, others []string
	for _, u := range r.Units {
		if byUnit[u.Name] != nil {
			order = append(order, u.Name)
		}
	}
	for name := range byUnit {
		if _, ok := reported[name]; !ok {
			others = append(others, name)
		}
	}
	sort.Strings(others) // units not configured, in a fixed order
	order = append(order, others...)
	for i, name := range order {
		if p := byUnit[name]; len(p.Codes) == 0 && !p.Conflict {
			p.Codes = []string{problem.Unknown}
		}
		if i == pdfMaxProblemUnits {
			v.ProblemsMore = len(order) - i
			break
		}
		v.Problems = append(v.Problems, *byUnit[name])
	}
}

// pdfCodeConflict is the code of two sheets of one unit and month that
// disagree.
const pdfCodeConflict = "CONFLICT"

func pdfExcludedView(x aggregate.ExcludedSheet) pdfExcluded {
	var codes []string
	seen := map[string]bool{}
	for _, c := range x.Codes {
		if c = strings.ToUpper(c); !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	first := x.Reasons[:min(len(x.Reasons), pdfMaxProblemKinds)]
	return pdfExcluded{Unit: x.Unit, Period: pdfChinesePeriod(x.Period), File: x.File, Codes: codes,
		Reasons: strings.Join(first, "；"), Detail: strings.Join(x.Reasons, "；")}
}

// pdfChinesePeriod turns "2018-10" into 2018年10月; other text is kept.
func pdfChinesePeriod(s string) string {
	y, m, ok := strings.Cut(s, "-")
	if !ok {
		return s
	}
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil {
		return s
	}
	return aggregate.Period{Year: yi, Month: mi}.Chinese()
}

// pdfBelowCity lists the accepted units whose year-to-date rate is below the
// citywide one, in table order.
func pdfBelowCity(r *aggregate.Report) []pdfUnitRate {
	if !r.YTDRate.Valid() {
		return nil
	}
	var out []pdfUnitRate
	for _, u := range r.Units {
		if !u.YTDRate.Valid() {
			continue
		}
		// u.Num/u.Den < c.Num/c.Den, exactly
		if u.YTDRate.Num*r.YTDRate.Den < r.YTDRate.Num*u.YTDRate.Den {
			out = append(out, pdfUnitRate{Name: u.Name, Rate: u.YTDRate.Percent()})
		}
	}
	return out
}

// pdfTenths is a rate in tenths of a percent, rounded as Rate.Percent rounds.
func pdfTenths(r aggregate.Rate) int64 { return (r.Num*2000 + r.Den) / (2 * r.Den) }

// pdfPointsChange words the change of a rate in percentage points.
func pdfPointsChange(cur, prev aggregate.Rate) string {
	if !cur.Valid() || !prev.Valid() {
		return ""
	}
	d := pdfTenths(cur) - pdfTenths(prev)
	switch {
	case d > 0:
		return fmt.Sprintf("提高%d.%d个百分点", d/10, d%10)
	case d < 0:
		return fmt.Sprintf("下降%d.%d个百分点", -d/10, -d%10)
	}
	return "持平"
}

// pdfFuncs are the functions the narrative template may call.
var pdfFuncs = template.FuncMap{
	"num":    pdfNum,
	"metric": pdfMetricByID,
	"pick":   pdfPickByID,
	"change": pdfChange,
	"join":   strings.Join,
	"add":    func(a, b int) int { return a + b },
	"cn":     pdfChineseOrdinal,
	"wan":    pdfWanOf,
	"pct":    func(r aggregate.Rate) string { return r.Percent() },
}

// pdfWan writes a count in 万 when it reaches ten thousand, to two decimals
// rounded half up (42,537 is 4.25万); smaller counts keep their digits.
func pdfWan(n int64) string {
	if n < 10000 && n > -10000 {
		return pdfThousands(n)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	h := (n + 50) / 100 // hundredths of 万
	s := fmt.Sprintf("%d.%02d", h/100, h%100)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "0"), ".0")
	if neg {
		s = "-" + s
	}
	return s + "万"
}

// pdfChineseOrdinal writes 1..99 in Chinese numerals for list numbering:
// 一, 二 … 十, 十一 … 九十九.
func pdfChineseOrdinal(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// pdfNum is the template's num: n with comma separators, or, given the
// decimal places of an amount, n held scaled by 10^places written exactly
// with them (8768660, 2 → 87,686.60).
func pdfNum(n int64, places ...int) string {
	if len(places) == 0 || places[0] <= 0 {
		return pdfThousands(n)
	}
	return pdfDecimal(n, places[0])
}

// pdfDecimal writes n held scaled by 10^places with comma separators and
// exactly places decimals: 123456, 2 → 1,234.56.
func pdfDecimal(n int64, places int) string {
	if places <= 0 {
		return pdfThousands(n)
	}
	s := templates.DecimalText(n, places)
	whole, frac, _ := strings.Cut(s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	g := pdfThousands(w)
	if strings.HasPrefix(whole, "-") && w == 0 {
		g = "-0"
	}
	return g + "." + frac
}

// pdfWanOf is the template's wan: a count in 万 as pdfWan; an amount
// (given its places) exactly, as num writes it: a sum of money is not
// rounded in a briefing.
func pdfWanOf(n int64, places ...int) string {
	if len(places) == 0 || places[0] <= 0 {
		return pdfWan(n)
	}
	return pdfDecimal(n, places[0])
}

// pdfThousands formats n with comma separators: 42,537.
func pdfThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func pdfMetricByID(fs []pdfFigure, id string) *pdfFigure {
	for i := range fs {
		if fs[i].ID == id {
			return &fs[i]
		}
	}
	return nil
}

func pdfPickByID(fs []pdfFigure, ids ...string) []pdfFigure {
	var out []pdfFigure
	for _, id := range ids {
		if f := pdfMetricByID(fs, id); f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// pdfChange words a figure against the one it is compared with (last month,
// or the same period of last year): "增加120个，增长12.5%",
// "减少3份，下降2.0%", "持平", or "增加5个" when that was zero.
func pdfChange(f pdfFigure) string {
	if !f.HasPrev {
		return ""
	}
	d := f.Now - f.Prev
	switch {
	case d == 0:
		return "持平"
	case f.Prev == 0:
		return fmt.Sprintf("增加%s%s", pdfNum(d, f.Decimals), f.Measure)
	case d > 0:
		return fmt.Sprintf("增加%s%s，增长%s", pdfNum(d, f.Decimals), f.Measure, aggregate.Rate{Num: d, Den: f.Prev}.Percent())
	}
	return fmt.Sprintf("减少%s%s，下降%s", pdfNum(-d, f.Decimals), f.Measure, aggregate.Rate{Num: -d, Den: f.Prev}.Percent())
}

// pdfNarrative is the parsed briefing template.
type pdfNarrative struct{ t *template.Template }

func parsePDFNarrative(src string) (pdfNarrative, error) {
	t, err := template.New("briefing").Funcs(pdfFuncs).Option("missingkey=error").Parse(src)
	if err != nil {
		return pdfNarrative{}, narrativeError(err)
	}
	return pdfNarrative{t}, nil
}

// narrativeError is ErrBriefingTemplate caused by an error of
// text/template, whose English text stays in the chain; what is said is
// the line of briefing.tmpl and, for the common mistakes, what is wrong
// there.
func narrativeError(err error) error {
	s := err.Error()
	at := ""
	if m := tmplLine.FindStringSubmatch(s); m != nil {
		at = "第" + m[1] + "行"
	}
	var what string
	switch {
	case tmplField.MatchString(s):
		what = fmt.Sprintf("没有“%s”这一项", tmplField.FindStringSubmatch(s)[1])
	case tmplKey.MatchString(s):
		what = fmt.Sprintf("没有“%s”这一项", tmplKey.FindStringSubmatch(s)[1])
	case tmplFunc.MatchString(s):
		what = fmt.Sprintf("没有“%s”这个函数", tmplFunc.FindStringSubmatch(s)[1])
	case strings.Contains(s, "executing"):
		what = "这一处无法执行"
	default:
		what = "写法有误"
	}
	return fmt.Errorf("%w：%s%s", problem.Wrap(ErrBriefingTemplate, err), at, what)
}

var (
	tmplLine  = regexp.MustCompile(`^template: [^:]*:(\d+)`)
	tmplField = regexp.MustCompile(`can't evaluate field (\S+)`)
	tmplKey   = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
	tmplFunc  = regexp.MustCompile(`function "([^"]*)" not defined`)
)

// paragraphs executes the named template and returns its non-empty lines.
// A template the file does not define gives no paragraphs.
func (n pdfNarrative) paragraphs(name string, v pdfView) ([]string, error) {
	if n.t.Lookup(name) == nil {
		return nil, nil
	}
	var b strings.Builder
	if err := n.t.ExecuteTemplate(&b, name, v); err != nil {
		return nil, narrativeError(err)
	}
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

// line executes the named template and joins its lines into one.
func (n pdfNarrative) line(name string, v pdfView) (string, error) {
	ps, err := n.paragraphs(name, v)
	return strings.Join(ps, ""), err
}

// text executes the named template with data (a code, a status) and
// returns it on one line; "" when the file does not define it.
func (n pdfNarrative) text(name string, data any) (string, error) {
	if n.t.Lookup(name) == nil {
		return "", nil
	}
	var b strings.Builder
	if err := n.t.ExecuteTemplate(&b, name, data); err != nil {
		return "", narrativeError(err)
	}
	return strings.Join(strings.Fields(b.String()), ""), nil
}

// pdfRateName is the name of the headline rate, or "".
func pdfRateName(r *aggregate.Report) string {
	d, _ := r.Config.HeadlineRate()
	return d.Name
}

// pdfMetricShort is the short name of a metric, or its name, or the id.
func pdfMetricShort(r *aggregate.Report, id string) string {
	m, ok := pdfMetricOf(r.Config.Metrics, id)
	switch {
	case !ok:
		return id
	case m.Short != "":
		return cjkQuotes(m.Short)
	}
	return cjkQuotes(m.Name)
}
