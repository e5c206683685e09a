package desk

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/internal/testkit"
	"jianbao/rollup"
	"jianbao/templates"
)

// sample is one sheet of the repository's samples/ folder.
type sample struct {
	unit, period, name string
	data               []byte
}

// samples reads samples/<month>/*.xlsx, each with the unit the reader
// finds in it and the month of its folder.
func samples(t testing.TB, cfg *templates.Config) []sample {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "samples", "*", "*.xlsx"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	rd := ingest.NewReader(cfg)
	var out []sample
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		sub := rd.Read(filepath.Base(n), data)
		if sub.Unit == "" {
			t.Fatalf("%s: no unit", n)
		}
		out = append(out, sample{unit: sub.Unit, period: filepath.Base(filepath.Dir(n)), name: filepath.Base(n), data: data})
	}
	return out
}

// keep stores an upload of unit's month as the upload handler does, and
// sends it; accept adds the office's acceptance too.
func (d *testDesk) keep(unit, period, name string, data []byte, accept bool) *version {
	d.t.Helper()
	p, _ := ingest.ParsePeriod(period)
	c := checkSheet(d.cfg, unit, p, uploadExt(name), data)
	sum, err := d.st.putBlob(data)
	if err != nil {
		d.t.Fatal(err)
	}
	v := &version{Unit: unit, Period: period, SHA256: sum, Size: int64(len(data)), FileName: shownName(name),
		Errors: c.Errors, Warnings: c.Warnings}
	if c.Errors > 0 {
		d.t.Fatalf("%s %s %s: %d errors", unit, period, name, c.Errors)
	}
	d.sendStored(v, c.stored(), accept)
	return v
}

// sendStored keeps version v with findings fs and sends it; accept adds
// the office's acceptance.
func (d *testDesk) sendStored(v *version, fs []finding, accept bool) {
	d.t.Helper()
	if err := d.st.addVersion(v, d.accountNumber(v.Unit), fs); err != nil {
		d.t.Fatal(err)
	}
	if err := d.st.send(v.ID); err != nil {
		d.t.Fatal(err)
	}
	if accept {
		if err := d.st.addReview(v.ID, "accept", "", d.accountNumber(OfficeLogin)); err != nil {
			d.t.Fatal(err)
		}
	}
}

var briefingLink = regexp.MustCompile(`/office/briefings/(\d+)/export\.zip`)

// makeBriefing makes the briefing of month as the office, through the
// page's button, and returns its number.
func (d *testDesk) makeBriefing(office *http.Client, month string) string {
	d.t.Helper()
	code, body := d.post(office, "/office/briefings", url.Values{"month": {month}})
	if code != http.StatusSeeOther {
		d.t.Fatalf("making the briefing: status %d\n%s", code, body)
	}
	_, page := d.get(office, "/office/briefings?month="+month)
	m := briefingLink.FindStringSubmatch(page)
	if m == nil {
		d.t.Fatalf("the page lists no briefing:\n%s", page)
	}
	return m[1]
}

// The briefing the desk makes from the accepted versions is, byte for
// byte in all three files, what the rollup makes of the export the desk
// offers for download: the desk rolls up what a folder rollup reads.
func TestBriefingMatchesRollup(t *testing.T) {
	d := newTestDesk(t, nil)
	all := samples(t, d.cfg)
	if len(all) != 160 {
		t.Fatalf("%d samples, want 160", len(all))
	}
	unit, office := d.login("青秀区"), d.login(OfficeLogin)
	var viaHTTP *sample
	for i, s := range all {
		if s.unit == "青秀区" && s.period == "2018-10" {
			viaHTTP = &all[i]
			continue
		}
		d.keep(s.unit, s.period, s.name, s.data, true)
	}
	resp, err := unit.Do(d.uploadRequest("2018-10", viaHTTP.name, viaHTTP.data))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	v := resp.Header.Get("Location")
	if code, body := d.post(unit, v+"/send", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", code, body)
	}
	if code, body := d.post(office, "/office/versions/"+versionID(v)+"/review", url.Values{"decision": {"accept"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d\n%s", code, body)
	}

	made := d.clock.now()
	id := d.makeBriefing(office, "2018-10")
	d.clock.add(time.Hour) // the briefing keeps the moment it was made
	got := map[string]string{}
	for _, n := range rollup.Names {
		code, body := d.get(office, "/office/briefings/"+id+"/"+n)
		if code != http.StatusOK || len(body) == 0 {
			t.Fatalf("%s: status %d", n, code)
		}
		got[n] = body
	}
	_, export := d.get(office, "/office/briefings/"+id+"/export.zip")
	if _, now := d.get(office, "/office/export?month=2018-10"); now != export {
		t.Error("the month's export differs from the briefing's, with nothing changed between")
	}
	dir := filepath.Join(t.TempDir(), "export")
	names := testkit.Unzip(t, []byte(export), dir)
	if len(names) != 160 || !slices.Contains(names, "2018-10/青秀区2018-10.xlsx") || !slices.Contains(names, "2018-01/东盟经开区2018-01.xlsx") {
		t.Fatalf("export holds %d files: %v", len(names), names)
	}

	// The same code the command runs, on the unzipped export, with the
	// briefing's time and the command's defaults for the month.
	out := filepath.Join(t.TempDir(), "out")
	if _, err := rollup.Run(dir, out, rollup.Options{Config: d.cfg, Narrative: d.srv.narrative,
		At: made.Truncate(time.Minute), Version: d.srv.version}); err != nil {
		t.Fatal(err)
	}
	for _, n := range rollup.Names {
		want, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, []byte(got[n])) {
			t.Errorf("%s: the desk's (%d bytes) differs from the rollup of its export (%d bytes)", n, len(got[n]), len(want))
		}
	}
	var sum struct {
		Sources []struct{ File string }
		Missing []string
	}
	if err := json.Unmarshal([]byte(got["summary.json"]), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 160 || len(sum.Missing) != 0 {
		t.Errorf("the briefing counts %d sheets with %d units missing, want 160 and none", len(sum.Sources), len(sum.Missing))
	}

	code, page := d.post(office, "/office/briefings/"+id+"/remake", url.Values{})
	if code != http.StatusOK || !strings.Contains(page, "重新生成的文件与留存的完全相同") {
		t.Errorf("remake: status %d\n%s", code, page)
	}
}

// sheetOf is goodSheet for unit, with its first figure set to n (and the
// total to match).
func sheetOf(unit string, n int) string {
	s := strings.Replace(goodSheet, "青秀区", unit, 1)
	s = strings.Replace(s, "脱贫攻坚,10,", "脱贫攻坚,"+strconv.Itoa(n)+",", 1)
	return strings.Replace(s, "合计,13,", "合计,"+strconv.Itoa(n+3)+",", 1)
}

// summaryOf reads what a test needs of summary.json.
type summaryOf struct {
	Sources []struct {
		File   string
		SHA256 string
		Unit   string
	}
	Missing []string
	Units   []struct {
		Name  string
		Month map[string]int64
	}
}

// A briefing takes each unit's newest accepted version: not a version
// returned, not a newer one still waiting, not one accepted and later
// returned; a unit with none is listed as not reported, and the pages say
// so.
func TestBriefingTakesAcceptedVersions(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	officeID := d.accountNumber(OfficeLogin)
	review := func(v *version, decision string) {
		if err := d.st.addReview(v.ID, decision, "请核对", officeID); err != nil {
			t.Fatal(err)
		}
	}
	sheet := func(unit string, n int) (string, []byte) { return unit + ".csv", []byte(sheetOf(unit, n)) }
	keep := func(unit string, n int, accept bool) *version {
		name, data := sheet(unit, n)
		return d.keep(unit, "2018-10", name, data, accept)
	}
	// 青秀区: the first accepted, a second sent and not yet reviewed.
	qx1 := keep("青秀区", 11, true)
	qx2 := keep("青秀区", 12, false)
	// 兴宁区: its only version returned.
	review(keep("兴宁区", 21, false), "return")
	// 江南区: the first accepted, the second returned.
	jn1 := keep("江南区", 31, true)
	review(keep("江南区", 32, false), "return")
	// 良庆区: accepted, then returned after all.
	review(keep("良庆区", 41, true), "return")
	// 西乡塘区: accepted twice; the newer counts.
	keep("西乡塘区", 51, true)
	xx2 := keep("西乡塘区", 52, true)

	_, page := d.get(office, "/office/briefings?month=2018-10")
	for _, want := range []string{
		"第2版已报送、待审核，确认前仍用上面的版本", "第2版已退回，不采用",
		"以下13个单位2018年10月没有已确认的报表，简报中将列为未报送：市本级、兴宁区、良庆区",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	id := d.makeBriefing(office, "2018-10")
	b, err := d.st.briefing(mustInt(t, id))
	if err != nil || b == nil {
		t.Fatalf("briefing %s: %v", id, err)
	}
	want := []int64{qx1.ID, jn1.ID, xx2.ID}
	if !slices.Equal(b.VersionIDs, want) {
		t.Errorf("versions used: %v, want %v", b.VersionIDs, want)
	}
	_, js := d.get(office, "/office/briefings/"+id+"/summary.json")
	var sum summaryOf
	if err := json.Unmarshal([]byte(js), &sum); err != nil {
		t.Fatal(err)
	}
	var shas []string
	for _, s := range sum.Sources {
		shas = append(shas, s.SHA256)
	}
	if len(shas) != 3 || !slices.Contains(shas, qx1.SHA256) || slices.Contains(shas, qx2.SHA256) {
		t.Errorf("the briefing's sources are not the accepted versions: %+v", sum.Sources)
	}
	if !slices.Equal(b.Missing, sum.Missing) {
		t.Errorf("the briefing is listed with %v not reported, its report says %v", b.Missing, sum.Missing)
	}
	for _, u := range []string{"兴宁区", "良庆区", "市本级"} {
		if !slices.Contains(sum.Missing, u) {
			t.Errorf("%s is not listed as not reported: %v", u, sum.Missing)
		}
	}
	for _, u := range sum.Units {
		if u.Name == "青秀区" && u.Month["personnel_dispatched"] != 11+3 {
			t.Errorf("青秀区 counts %d, want the accepted version's %d", u.Month["personnel_dispatched"], 11+3)
		}
	}
	_, page = d.get(office, "/office/briefings?month=2018-10")
	if !strings.Contains(page, "青秀区第1版、江南区第1版、西乡塘区第2版") ||
		!strings.Contains(page, "简报中列为未报送的单位：市本级、兴宁区、良庆区") {
		t.Errorf("the list of briefings does not say which versions and which units are missing:\n%s", page)
	}

	t.Run("remade identical", func(t *testing.T) {
		d.clock.add(time.Hour)
		review(qx2, "accept") // a later acceptance changes what a new briefing takes, not the remake
		code, page := d.post(office, "/office/briefings/"+id+"/remake", url.Values{})
		if code != http.StatusOK || !strings.Contains(page, "重新生成的文件与留存的完全相同") || strings.Contains(page, "缺失或已被改动") {
			t.Errorf("remake: status %d\n%s", code, page)
		}
	})
	t.Run("a kept file changed", func(t *testing.T) {
		p := filepath.Join(d.st.briefingDir(b.ID), "summary.json")
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _ := d.get(office, "/office/briefings/"+id+"/summary.json"); code != http.StatusInternalServerError {
			t.Errorf("a changed file is served: status %d", code)
		}
		_, page := d.post(office, "/office/briefings/"+id+"/remake", url.Values{})
		if !strings.Contains(page, "缺失或已被改动") || !strings.Contains(page, "重新生成的文件与留存的完全相同") {
			t.Errorf("remake does not say the kept file changed:\n%s", page)
		}
	})
	t.Run("a month with nothing accepted", func(t *testing.T) {
		code, page := d.post(office, "/office/briefings", url.Values{"month": {"2018-09"}})
		if code != http.StatusConflict || !strings.Contains(page, "2018年9月还没有已确认的报表，未生成简报。请先确认") {
			t.Errorf("status %d\n%s", code, page)
		}
		_, page = d.get(office, "/office/briefings?month=2018-09")
		if !strings.Contains(page, "2018年9月还没有已确认的报表，暂不能生成简报") || strings.Contains(page, `method="post" action="/office/briefings"`) {
			t.Errorf("the page offers a briefing with nothing accepted:\n%s", page)
		}
	})
	t.Run("names not served", func(t *testing.T) {
		for _, p := range []string{"/office/briefings/" + id + "/desk.db", "/office/briefings/" + id + "/..%2F..%2Fdesk.db",
			"/office/briefings/" + id + "/%2E%2E", "/office/briefings/99/briefing.pdf", "/office/briefings/x/briefing.pdf"} {
			code, body := d.get(office, p)
			if code != http.StatusNotFound && code != http.StatusMovedPermanently && code != http.StatusBadRequest {
				t.Errorf("%s: status %d", p, code)
			}
			if strings.Contains(body, "SQLite") {
				t.Errorf("%s: served the database", p)
			}
		}
	})
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The archive of a month's originals holds each accepted original under a
// name made by the desk, whatever the clerk's file was called, and a list
// of them with the clerks' names as text.
func TestOriginalsArchive(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	v := d.keep("青秀区", "2018-10", `C:\报表\=HYPERLINK("x")报表.csv`, []byte(goodSheet), true)
	d.keep("兴宁区", "2018-10", "兴宁区.csv", []byte(sheetOf("兴宁区", 5)), false)
	code, body := d.get(office, "/office/originals?month=2018-10")
	if code != http.StatusOK {
		t.Fatalf("status %d\n%s", code, body)
	}
	dir := t.TempDir()
	names := testkit.Unzip(t, []byte(body), dir)
	if !slices.Equal(names, []string{"青秀区/青秀区2018-10-第1版.csv", manifestName}) {
		t.Fatalf("entries %q", names)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "青秀区", "青秀区2018-10-第1版.csv"))
	if string(data) != goodSheet {
		t.Error("the original differs from what was uploaded")
	}
	list, _ := os.ReadFile(filepath.Join(dir, manifestName))
	if !strings.Contains(string(list), v.SHA256) || !strings.Contains(string(list), ",2018年10月,") || !strings.Contains(string(list), `'=HYPERLINK(""x"")报表.csv`) {
		t.Errorf("the list:\n%s", list)
	}
	if code, _ := d.get(office, "/office/originals?month=2018-09"); code != http.StatusNotFound {
		t.Errorf("a month with nothing accepted: status %d", code)
	}
}

func TestExportNames(t *testing.T) {
	tests := []struct {
		unit, file, want string
	}{
		{"青秀区", "南宁市青秀区（2018.10）.xlsx", "2018-10/青秀区2018-10.xlsx"},
		{"青秀区", "报表.XLS", "2018-10/青秀区2018-10.xls"},
		{"../甲/乙", "a.csv", "2018-10/_甲_乙2018-10.csv"},
		{`a\b:c`, "a.csv", "2018-10/a_b_c2018-10.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			got := exportPath(&version{Unit: tt.unit, Period: "2018-10", FileName: tt.file})
			if got != tt.want || !filepath.IsLocal(got) || path.Clean(got) != got {
				t.Errorf("exportPath = %q, want %q", got, tt.want)
			}
		})
	}
	long := strings.Repeat("长", 120) + ".xlsx"
	if got := shownName(long); uploadExt(got) != ".xlsx" || len([]rune(got)) != 100 {
		t.Errorf("a long name keeps %q of its kind (%d characters)", uploadExt(got), len([]rune(got)))
	}
}

// The office, still with its first password, is sent to change it before
// any briefing page, download or button works.
func TestBriefingRoutesNeedChangedPassword(t *testing.T) {
	d := newTestDesk(t, nil)
	d.keep("青秀区", "2018-10", "青秀区.csv", []byte(goodSheet), true)
	c := d.client()
	if code, _ := d.post(c, "/login", url.Values{"login": {OfficeLogin}, "password": {d.pw[OfficeLogin]}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	for _, p := range []string{"/office/briefings", "/office/briefings/1/briefing.pdf", "/office/briefings/1/export.zip",
		"/office/export?month=2018-10", "/office/originals?month=2018-10"} {
		if code, body := d.get(c, p); code != http.StatusSeeOther || strings.HasPrefix(body, "PK") {
			t.Errorf("GET %s: status %d, want 303 to the password page", p, code)
		}
	}
	for _, p := range []string{"/office/briefings", "/office/briefings/1/remake"} {
		if code, _ := d.post(c, p, url.Values{"month": {"2018-10"}}); code != http.StatusForbidden {
			t.Errorf("POST %s: status %d, want 403", p, code)
		}
	}
	if bs, _ := d.st.briefings(); len(bs) != 0 {
		t.Error("a briefing was made")
	}
}

// The office gives each briefing its issue number: the form offers the
// configured one first and then one more than the latest; the number is
// kept with the briefing, printed in it, and used again by a remake.
func TestBriefingIssueNumber(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	d.keep("青秀区", "2018-10", "青秀区.csv", []byte(goodSheet), true)
	offered := regexp.MustCompile(`name="issue" value="(\d+)"`)
	_, page := d.get(office, "/office/briefings?month=2018-10")
	if m := offered.FindStringSubmatch(page); m == nil || m[1] != strconv.Itoa(d.cfg.Report.Issue) {
		t.Fatalf("before any briefing the form offers %v, want the configured %d", m, d.cfg.Report.Issue)
	}
	for _, bad := range []string{"0", "-3", "十", "10000"} {
		if code, body := d.post(office, "/office/briefings", url.Values{"month": {"2018-10"}, "issue": {bad}}); code != http.StatusBadRequest ||
			!strings.Contains(body, "期号要写1到9999之间的整数") {
			t.Errorf("issue %q: status %d\n%s", bad, code, body)
		}
	}
	if code, body := d.post(office, "/office/briefings", url.Values{"month": {"2018-10"}, "issue": {"7"}}); code != http.StatusSeeOther {
		t.Fatalf("making briefing 第7期: %d\n%s", code, body)
	}
	bs, err := d.st.briefings()
	if err != nil || len(bs) != 1 || bs[0].Issue != 7 {
		t.Fatalf("briefings kept: %+v, %v", bs, err)
	}
	_, page = d.get(office, "/office/briefings?month=2018-10")
	if m := offered.FindStringSubmatch(page); m == nil || m[1] != "8" {
		t.Errorf("after 第7期 the form offers %v, want 8", m)
	}
	if !strings.Contains(page, "第7期") {
		t.Errorf("the list does not name 第7期:\n%s", page)
	}
	_, pdf := d.get(office, "/office/briefings/"+strconv.FormatInt(bs[0].ID, 10)+"/briefing.pdf")
	if text := pdfText(t, []byte(pdf)); text != "" && !strings.Contains(text, "第7期") {
		t.Errorf("the PDF is not 第7期:\n%s", text)
	}
	code, page := d.post(office, "/office/briefings/"+strconv.FormatInt(bs[0].ID, 10)+"/remake", url.Values{})
	if code != http.StatusOK || !strings.Contains(page, "重新生成的文件与留存的完全相同") {
		t.Errorf("remake of 第7期: %d\n%s", code, page)
	}
}

// A briefing compares the month with the same month a year before when the
// desk holds that month's accepted sheets: it is made from them too, and
// the export that reproduces it carries them.
func TestBriefingComparesWithLastYear(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	d.keep("青秀区", "2017-10", "青秀区.csv", []byte(sheetFor("青秀区", "2017-10")), true)
	d.keep("青秀区", "2018-10", "青秀区.csv", []byte(goodSheet), true)
	id := d.makeBriefing(office, "2018-10")
	_, sum := d.get(office, "/office/briefings/"+id+"/summary.json")
	if !strings.Contains(sum, `"compared_with_last_year"`) {
		t.Errorf("the briefing compares nothing with 2017年10月:\n%s", sum)
	}
	_, export := d.get(office, "/office/briefings/"+id+"/export.zip")
	names := testkit.Unzip(t, []byte(export), t.TempDir())
	if !slices.Contains(names, "2017-10/青秀区2017-10.csv") || !slices.Contains(names, "2018-10/青秀区2018-10.csv") {
		t.Errorf("the export holds %v, want 2017年10月's sheet and 2018年10月's", names)
	}
}
