package desk

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// sheetFor is the good sheet as unit would fill it in for month (YYYY-MM).
func sheetFor(unit, month string) string {
	p := strings.Split(month, "-")
	chinese := p[0] + "年" + strings.TrimPrefix(p[1], "0") + "月"
	return strings.Replace(strings.Replace(goodSheet, "青秀区", unit, 1), "2018年10月", chinese, 1)
}

// sendFor uploads unit's good sheet for month and sends it; it returns
// the path of the version.
func (d *testDesk) sendFor(c *http.Client, unit, month, sheet string) string {
	d.t.Helper()
	resp, err := c.Do(d.uploadRequest(month, unit+".csv", []byte(sheet)))
	if err != nil {
		d.t.Fatal(err)
	}
	resp.Body.Close()
	v := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther {
		d.t.Fatalf("upload for %s %s: status %d", unit, month, resp.StatusCode)
	}
	if code, _ := d.post(c, v+"/send", url.Values{}); code != http.StatusSeeOther {
		d.t.Fatalf("send for %s %s: status %d", unit, month, code)
	}
	return v
}

func TestStatus(t *testing.T) {
	sent := func(seq, errors, warnings int, decision string) *version {
		v := &version{Seq: seq, SentAt: time.Unix(1, 0), Errors: errors, Warnings: warnings}
		if decision != "" {
			v.Review = &review{Decision: decision, Reason: "原因"}
		}
		return v
	}
	only := func(v *version) unitMonth {
		m := unitMonth{Sent: v}
		if v != nil && v.Review != nil && v.Review.Decision == "accept" {
			m.Accepted = v
		}
		return m
	}
	first := sent(1, 0, 0, "accept")
	tests := []struct {
		name string
		m    unitMonth
		late bool
		want monthStatus
		says string
	}{
		{"not sent", only(nil), false, statusNone, "未报送"},
		{"not sent past the deadline", only(nil), true, statusLate, "逾期"},
		{"sent, checks passed", only(sent(1, 0, 0, "")), false, statusSent, "已报送（通过）"},
		{"sent past the deadline", only(sent(1, 0, 0, "")), true, statusSent, "已报送（通过）"},
		{"sent with warnings", only(sent(1, 0, 2, "")), false, statusWarned, "已报送（有提示）"},
		{"sent with errors", only(sent(1, 1, 2, "")), false, statusFaulty, "已报送（有错误）"},
		{"returned", only(sent(1, 0, 0, "return")), false, statusReturned, "已退回"},
		{"returned, not sent again past the deadline", only(sent(1, 0, 0, "return")), true, statusLate, "逾期"},
		{"accepted", only(sent(1, 0, 1, "accept")), false, statusAccepted, "已确认"},
		{"accepted past the deadline", only(sent(1, 0, 0, "accept")), true, statusAccepted, "已确认"},
		{"accepted, a later one returned", unitMonth{sent(2, 0, 0, "return"), first}, false, statusAccepted, "已确认（第1版）；第2版已退回"},
		{"accepted, a later one returned, past the deadline", unitMonth{sent(2, 0, 0, "return"), first}, true, statusAccepted, "已确认（第1版）；第2版已退回"},
		{"accepted, a later one awaiting review, past the deadline", unitMonth{sent(3, 0, 2, ""), first}, true, statusAccepted, "已确认（第1版）；第3版待审核"},
		{"an earlier one returned, the latest accepted", unitMonth{sent(2, 0, 0, "accept"), sent(2, 0, 0, "accept")}, true, statusAccepted, "已确认"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.status(tt.late)
			if got != tt.want {
				t.Errorf("status = %v, want %v", got, tt.want)
			}
			if says := tt.m.says(got); says != tt.says {
				t.Errorf("says %s, want %s", says, tt.says)
			}
			if line := chaseLine("甲", tt.m); (line != "") != (got == statusNone || got == statusReturned || got == statusLate) {
				t.Errorf("催报 line %q for a month %s", line, got.Word)
			}
		})
	}
	words := map[string]bool{}
	for _, s := range statuses {
		if words[s.Word] || s.Word == "" || s.Kind == "" {
			t.Errorf("status %+v: empty or said twice", s)
		}
		words[s.Word] = true
	}
}

// The month grid by the test clock: before the deadline day is over no
// unit is late; from the next day on, the units that have not sent and
// the one whose sheet was returned are 逾期, the others keep their status.
func TestOfficeGridDeadline(t *testing.T) {
	tests := []struct {
		name     string
		day      int
		at       time.Time
		late     bool
		deadline string
	}{
		{"the day before the deadline", 10, time.Date(2018, 11, 9, 12, 0, 0, 0, time.Local), false, "报送截止日期：2018年11月10日。"},
		{"the last minute of the deadline day", 10, time.Date(2018, 11, 10, 23, 59, 0, 0, time.Local), false, "报送截止日期：2018年11月10日。"},
		{"the day after", 10, time.Date(2018, 11, 11, 0, 0, 0, 0, time.Local), true, "报送截止日期：2018年11月10日（已过）"},
		{"the next year", 10, time.Date(2019, 3, 1, 0, 0, 0, 0, time.Local), true, "（已过）"},
		{"no deadline", 0, time.Date(2019, 3, 1, 0, 0, 0, 0, time.Local), false, "未设报送截止日期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := reviewedMonth(t, tt.day, "合计不对")

			d.clock.t = tt.at // the sessions end: log in again
			_, page := d.get(d.login(OfficeLogin), "/office?month=2018-10")
			cell := func(unit string) string {
				m := regexp.MustCompile(`<td>` + unit + `</td><td class="status-[^"]*">([^<]*)</td>`).FindStringSubmatch(page)
				if m == nil {
					t.Fatalf("no line for %s:\n%s", unit, page)
				}
				return m[1]
			}
			want := map[string]string{"青秀区": "已报送（通过）", "兴宁区": "已退回", "江南区": "已确认", "西乡塘区": "未报送"}
			counts := []string{`未报送</span> 13 个`, `逾期</span> 0 个`, `已退回</span> 1 个`}
			if tt.late {
				want["兴宁区"], want["西乡塘区"] = "逾期", "逾期"
				counts = []string{`未报送</span> 0 个`, `逾期</span> 14 个`, `已退回</span> 0 个`}
			}
			for unit, w := range want {
				if got := cell(unit); got != w {
					t.Errorf("%s: %s, want %s", unit, got, w)
				}
			}
			for _, c := range append(counts, `已报送（通过）</span> 1 个`, `已确认</span> 1 个`, "共16个单位", tt.deadline) {
				if !strings.Contains(page, c) {
					t.Errorf("the page lacks %q:\n%s", c, page)
				}
			}
			// The unit sees its month's status by the same clock.
			_, own := d.get(d.login("西乡塘区"), "/unit?month=2018-10")
			if !strings.Contains(own, ">"+want["西乡塘区"]+"</strong>") {
				t.Errorf("the unit's status line, want %s:\n%s", want["西乡塘区"], own)
			}
			// And the deadline, when one is set.
			if has := strings.Contains(own, "报送截止日期：2018年11月10日"); has != (tt.day != 0) {
				t.Errorf("the unit's page says the deadline: %t, want %t", has, tt.day != 0)
			}
		})
	}
}

// The 催报 text names the units that have not sent and the one whose sheet
// was returned, with the reason shortened, and the deadline when one is
// set, in a read-only box.
func TestChaseText(t *testing.T) {
	long := "脱贫攻坚一行的派出监督检查人员与合计行不符，请逐项核对后重新上传"
	tests := []struct {
		name string
		day  int
		want []string
		not  []string
	}{
		{"with a deadline", 10, []string{"【&#34;两重两问&#34;督查简报】2018年10月的报表，以下14个单位尚未报送或被退回：",
			"市本级（未报送）\n", "兴宁区（已退回：" + string([]rune(long)[:maxChaseReason]) + "…）\n", "报送截止日期：2018年11月10日。",
			"请尽快登录报表收集台上传、报送"}, []string{"青秀区（", "江南区（"}},
		{"without one", 0, []string{"以下14个单位", "东盟经开区（未报送）"}, []string{"截止", "{deadline}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, office := reviewedMonth(t, tt.day, long)
			_, page := d.get(office, "/office?month=2018-10")
			m := regexp.MustCompile(`(?s)<textarea id="chase" readonly[^>]*>(.*?)</textarea>`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("no read-only box with the 催报 text:\n%s", page)
			}
			// Without scripts the box is there to copy by hand; the copy
			// button shows only when the page's own script runs.
			if !strings.Contains(page, `<button type="button" data-copy="chase" hidden>`) || !strings.Contains(page, `<script src="/copy.js" defer></script>`) {
				t.Errorf("no hidden copy button or its script:\n%s", page)
			}
			for _, w := range tt.want {
				if !strings.Contains(m[1], w) {
					t.Errorf("the 催报 text lacks %q:\n%s", w, m[1])
				}
			}
			for _, w := range tt.not {
				if strings.Contains(m[1], w) {
					t.Errorf("the 催报 text has %q:\n%s", w, m[1])
				}
			}
		})
	}
	t.Run("the copy script", func(t *testing.T) {
		d := newTestDesk(t, nil)
		resp, err := d.client().Get(d.ts.URL + "/copy.js")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("status %d, type %q", resp.StatusCode, ct)
		}
	})
	t.Run("every unit sent", func(t *testing.T) {
		cfg := templates.Default()
		cfg.Units = cfg.Units[2:3] // 青秀区 alone
		d := newTestDesk(t, cfg)
		d.sendFor(d.login("青秀区"), "青秀区", "2018-10", goodSheet)
		_, page := d.get(d.login(OfficeLogin), "/office?month=2018-10")
		if strings.Contains(page, "<textarea") || !strings.Contains(page, "不需要催报") {
			t.Errorf("a 催报 text when every unit has sent:\n%s", page)
		}
	})
}

// The year overview: a line per unit, a cell per month with its status,
// linking to the sent version or to the month's grid; months not yet begun
// are empty.
func TestOfficeYear(t *testing.T) {
	d := deskDue(t, 10) // the clock: 5 November 2018
	office := d.login(OfficeLogin)
	unit := d.login("青秀区")
	march := d.sendFor(unit, "青秀区", "2018-03", sheetFor("青秀区", "2018-03"))
	october := d.sendFor(unit, "青秀区", "2018-10", goodSheet)
	d.post(office, "/office/versions/"+versionID(march)+"/review", url.Values{"decision": {"accept"}})
	d.sendFor(d.login("兴宁区"), "兴宁区", "2017-12", sheetFor("兴宁区", "2017-12"))

	_, page := d.get(office, "/office/year?year=2018")
	line := func(unit string) []string {
		m := regexp.MustCompile(`<tr><td>` + unit + `</td>(.*)</tr>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no line for %s:\n%s", unit, page)
		}
		return regexp.MustCompile(`<td[^>]*>.*?</td>`).FindAllString(m[1], -1)
	}
	qx := line("青秀区")
	if len(qx) != 12 {
		t.Fatalf("青秀区: %d cells, want 12:\n%v", len(qx), qx)
	}
	tests := []struct {
		month int
		want  string
	}{
		{1, `<td class="status-逾期"><a href="/office?month=2018-01" title="逾期">逾期</a></td>`},
		{3, `<td class="status-已确认"><a href="/office/versions/` + versionID(march) + `" title="已确认">已确认</a></td>`},
		{10, `<td class="status-已报送"><a href="/office/versions/` + versionID(october) + `" title="已报送（通过）">已报送</a></td>`},
		{11, `<td class="status-未报送"><a href="/office?month=2018-11" title="未报送">未报送</a></td>`},
		{12, `<td></td>`},
	}
	for _, tt := range tests {
		if got := qx[tt.month-1]; got != tt.want {
			t.Errorf("青秀区 month %d: %s, want %s", tt.month, got, tt.want)
		}
	}
	if xn := line("兴宁区"); !strings.Contains(xn[9], "未报送") || strings.Contains(page, "2017-12") {
		t.Errorf("兴宁区's October, or another year's sheet shown:\n%v", xn)
	}
	if strings.Count(page, "<tr><td>") != 16 {
		t.Errorf("%d lines, want 16", strings.Count(page, "<tr><td>"))
	}
	for _, tt := range []struct{ path, want string }{
		{"/office/year", "2018年各单位每月报送情况"},
		{"/office/year?year=abc", "2018年各单位每月报送情况"},
		{"/office/year?year=2017", "2017年各单位每月报送情况"},
		{"/office/year?year=99999", "2018年各单位每月报送情况"},
	} {
		if _, p := d.get(office, tt.path); !strings.Contains(p, tt.want) {
			t.Errorf("%s lacks %q", tt.path, tt.want)
		}
	}
	_, y2017 := d.get(office, "/office/year?year=2017")
	if !strings.Contains(y2017, `title="已报送（通过）">已报送</a>`) || !strings.Contains(y2017, `href="/office/year?year=2018"`) {
		t.Errorf("2017's overview lacks 兴宁区's December or the link to 2018:\n%s", y2017)
	}
}

// The months before the desk's first month were collected otherwise: none
// of them is 逾期. The first month is the one before the desk was set up,
// or an earlier one a sheet was uploaded for.
func TestFirstMonthNotLate(t *testing.T) {
	d := deskDue(t, 10)
	var setUp int64
	if err := d.st.db.QueryRow(`SELECT at FROM audit ORDER BY id LIMIT 1`).Scan(&setUp); err != nil {
		t.Fatal(err)
	}
	at := time.Unix(setUp, 0)
	want := ingest.Period{Year: at.Year(), Month: int(at.Month())}.Prev()
	if got, err := d.st.firstMonth(); err != nil || got != want {
		t.Fatalf("before any upload, first month %v (%v), want the one before the desk was set up, %v", got, err, want)
	}
	d.sendFor(d.login("青秀区"), "青秀区", "2018-10", goodSheet)
	if got, _ := d.st.firstMonth(); got != (ingest.Period{Year: 2018, Month: 10}) {
		t.Fatalf("first month %v, want the earliest uploaded, 2018-10", got)
	}
	d.clock.t = time.Date(2018, 12, 20, 9, 0, 0, 0, time.Local) // both deadlines passed
	office := d.login(OfficeLogin)
	tests := []struct {
		month     string
		late, not int
	}{
		{"2018-09", 0, 16},
		{"2018-10", 15, 0},
		{"2018-11", 16, 0},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			_, page := d.get(office, "/office?month="+tt.month)
			if got := strings.Count(page, `class="status-逾期">逾期</td>`); got != tt.late {
				t.Errorf("%d units 逾期, want %d", got, tt.late)
			}
			if got := strings.Count(page, `class="status-未报送">未报送</td>`); got != tt.not {
				t.Errorf("%d units 未报送, want %d", got, tt.not)
			}
		})
	}
}

// reviewedMonth is a desk with deadline day day where, for October 2018,
// 青秀区 has sent, 兴宁区's sheet was returned with reason and 江南区's
// accepted; it returns the desk and the office's browser.
func reviewedMonth(t *testing.T, day int, reason string) (*testDesk, *http.Client) {
	t.Helper()
	d := deskDue(t, day)
	office := d.login(OfficeLogin)
	d.sendFor(d.login("青秀区"), "青秀区", "2018-10", goodSheet)
	returned := d.sendFor(d.login("兴宁区"), "兴宁区", "2018-10", sheetFor("兴宁区", "2018-10"))
	d.post(office, "/office/versions/"+versionID(returned)+"/review", url.Values{"decision": {"return"}, "reason": {reason}})
	accepted := d.sendFor(d.login("江南区"), "江南区", "2018-10", sheetFor("江南区", "2018-10"))
	d.post(office, "/office/versions/"+versionID(accepted)+"/review", url.Values{"decision": {"accept"}})
	return d, office
}

// A month with an accepted version counts in the briefing: once its
// deadline has passed, a later version returned or awaiting review makes
// it neither 逾期 nor 已退回 on any page, and the unit is not chased. Every
// page says which version is confirmed and what became of the later one.
func TestAcceptedMonthWithLaterVersion(t *testing.T) {
	tests := []struct {
		name     string
		decision string // on the second version; "" when not yet reviewed
		note     string
		opens    int    // the version the year overview's cell opens
		told     string // on the unit's page
	}{
		{"second version returned", "return", "已确认（第1版）；第2版已退回", 1, "市办退回了第2版，原因：不需要改<br>\n本月仍以已确认的第1版为准。"},
		{"second version awaiting review", "", "已确认（第1版）；第2版待审核", 2, "第2版已报送，市办确认前，本月仍以已确认的第1版为准。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deskDue(t, 10)
			office := d.login(OfficeLogin)
			unit := d.login("青秀区")
			v1 := d.sendFor(unit, "青秀区", "2018-10", goodSheet)
			d.post(office, "/office/versions/"+versionID(v1)+"/review", url.Values{"decision": {"accept"}})
			v2 := d.sendFor(unit, "青秀区", "2018-10", goodSheet+"\n")
			if tt.decision != "" {
				d.post(office, "/office/versions/"+versionID(v2)+"/review", url.Values{"decision": {tt.decision}, "reason": {"不需要改"}})
			}
			d.clock.t = time.Date(2018, 11, 12, 9, 0, 0, 0, time.Local) // the deadline has passed
			office, unit = d.login(OfficeLogin), d.login("青秀区")

			_, grid := d.get(office, "/office?month=2018-10")
			if !strings.Contains(grid, `<td>青秀区</td><td class="status-已确认">`+tt.note+`</td>`) {
				t.Errorf("the grid's line of 青秀区 does not say %s:\n%s", tt.note, around(grid, "<td>青秀区</td>"))
			}
			for _, c := range []string{`已确认</span> 1 个`, `逾期</span> 15 个`, `已退回</span> 0 个`} {
				if !strings.Contains(grid, c) {
					t.Errorf("the grid's counts lack %q", c)
				}
			}
			if strings.Contains(grid, "青秀区（") {
				t.Errorf("青秀区 is chased:\n%s", around(grid, "青秀区（"))
			}

			_, year := d.get(office, "/office/year?year=2018")
			cell := regexp.MustCompile(`<tr><td>青秀区</td>(?:<td[^>]*>.*?</td>){9}(<td[^>]*>.*?</td>)`).FindStringSubmatch(year)
			opens := map[int]string{1: v1, 2: v2}[tt.opens]
			if cell == nil || !strings.Contains(cell[1], `class="status-已确认"><a href="/office/versions/`+versionID(opens)+`" title="`+tt.note+`">已确认</a>`) {
				t.Errorf("the year overview's October of 青秀区 is not %s:\n%v", tt.note, cell)
			}

			_, own := d.get(unit, "/unit?month=2018-10")
			if !strings.Contains(own, `<strong class="status-已确认">`+tt.note+`</strong>`) || !strings.Contains(own, tt.told) || strings.Contains(own, "重新上传、报送") {
				t.Errorf("the unit's page does not say %s, or asks to upload again:\n%s", tt.note, around(own, "状态："))
			}

			_, briefings := d.get(office, "/office/briefings?month=2018-10")
			if !regexp.MustCompile(`<td>青秀区</td>\s*<td><a href="/office/versions/` + versionID(v1) + `">第1版</a>`).MatchString(briefings) {
				t.Errorf("the briefings page does not take 第1版 of 青秀区:\n%s", around(briefings, "<td>青秀区</td>"))
			}
		})
	}
}

// A version uploaded for an old month and never sent does not make the
// desk collect that month: the months since are not 逾期 for it. A version
// sent for it does.
func TestFirstMonthOnlyBySent(t *testing.T) {
	tests := []struct {
		name  string
		send  bool
		first ingest.Period
	}{
		{"a draft", false, ingest.Period{Year: 2018, Month: 10}},
		{"a sent version", true, ingest.Period{Year: 2017, Month: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deskDue(t, 10)
			office := d.login(OfficeLogin)
			_, before := d.get(office, "/office/year?year=2018")
			unit := d.login("青秀区")
			if tt.send {
				d.sendFor(unit, "青秀区", "2017-10", sheetFor("青秀区", "2017-10"))
			} else {
				d.uploadMonth(unit, "2017-10", "旧.csv", sheetFor("青秀区", "2017-10"))
				d.uploadMonth(unit, "2017-09", "错.csv", "不是报表")
			}
			if got, err := d.st.firstMonth(); err != nil || got != tt.first {
				t.Errorf("first month %v (%v), want %v", got, err, tt.first)
			}
			_, after := d.get(office, "/office/year?year=2018")
			if changed := before != after; changed != tt.send {
				t.Errorf("the 2018 overview changed: %t, want %t (逾期 cells before %d, after %d)", changed, tt.send,
					strings.Count(before, "status-逾期"), strings.Count(after, "status-逾期"))
			}
		})
	}
}

// around is the part of page from the first s on, for a failure's message.
func around(page, s string) string {
	i := strings.Index(page, s)
	if i < 0 {
		return "(no " + s + ")"
	}
	return page[i:min(len(page), i+400)]
}

// deskDue is a test desk whose months are due by day day of the month
// after.
func deskDue(t *testing.T, day int) *testDesk {
	t.Helper()
	cfg := templates.Default()
	cfg.Desk.DeadlineDay = day
	return newTestDesk(t, cfg)
}
