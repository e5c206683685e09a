package desk

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// goodSheet is 青秀区's sheet for 2018年10月 with nothing wrong; badSheet
// has a fraction in B4, which also makes the 合计 in B5 differ.
const goodSheet = "青秀区2018年10月两重两问统计表\n" +
	"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
	"脱贫攻坚,10,5,4,1,0,0,0,0\n" +
	"重大项目建设,3,2,2,0,1,1,0,0\n" +
	"合计,13,7,6,1,1,1,0,0\n"

var badSheet = strings.Replace(goodSheet, "重大项目建设,3,", "重大项目建设,3.5,", 1)

// testSetUp is when the tests' desks are set up: the day the sample
// month's sheets are due.
var testSetUp = time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local)

// clock is a settable time for the tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// testDesk is a desk in a temporary folder served on loopback.
type testDesk struct {
	t     testing.TB
	dir   string
	cfg   *templates.Config
	clock *clock
	st    *store
	srv   *server
	ts    *httptest.Server
	pw    map[string]string // login → first password
}

func newTestDesk(t testing.TB, cfg *templates.Config) *testDesk {
	t.Helper()
	if cfg == nil {
		cfg = templates.Default()
	}
	dir := filepath.Join(t.TempDir(), "desk")
	pws, err := createStore(dir, unitNames(cfg), bcrypt.MinCost, testSetUp)
	if err != nil {
		t.Fatal(err)
	}
	d := &testDesk{t: t, dir: dir, cfg: cfg, pw: map[string]string{},
		clock: &clock{t: testSetUp}}
	for _, p := range pws {
		d.pw[p.Login] = p.Password
	}
	d.start()
	return d
}

// start opens the folder and serves it.
func (d *testDesk) start() {
	d.t.Helper()
	st, err := openStore(d.dir, d.clock.now)
	if err != nil {
		d.t.Fatal(err)
	}
	d.st, d.srv = st, newServer(st, d.cfg)
	d.srv.cost = bcrypt.MinCost
	d.ts = httptest.NewServer(d.srv.handler())
	d.t.Cleanup(d.stop)
}

// stop ends the server and closes the folder, as when the program ends.
func (d *testDesk) stop() {
	if d.ts != nil {
		d.ts.Close()
		d.ts = nil
	}
	if d.st != nil {
		_ = d.st.close()
		d.st = nil
	}
}

// client is a browser of one user: it keeps cookies and does not follow
// redirects, so that the tests see them.
func (d *testDesk) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// do sends a request and returns its status and body.
func (d *testDesk) do(c *http.Client, req *http.Request) (int, string) {
	d.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (d *testDesk) get(c *http.Client, path string) (int, string) {
	req, _ := http.NewRequest("GET", d.ts.URL+path, nil)
	return d.do(c, req)
}

func (d *testDesk) post(c *http.Client, path string, form url.Values) (int, string) {
	req, _ := http.NewRequest("POST", d.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return d.do(c, req)
}

// login logs a new client in as login, and changes the first password if
// it has not been changed.
func (d *testDesk) login(login string) *http.Client {
	d.t.Helper()
	c := d.client()
	if code, body := d.post(c, "/login", url.Values{"login": {login}, "password": {d.pw[login]}}); code != http.StatusSeeOther {
		d.t.Fatalf("login %s: status %d\n%s", login, code, body)
	}
	if code, _ := d.get(c, "/"); code == http.StatusSeeOther {
		if a, _ := d.st.checkPassword(login, d.pw[login]); a != nil && a.MustChange {
			next := d.pw[login] + "-changed"
			form := url.Values{"current": {d.pw[login]}, "new": {next}, "again": {next}}
			if code, body := d.post(c, "/password", form); code != http.StatusSeeOther {
				d.t.Fatalf("password of %s: status %d\n%s", login, code, body)
			}
			d.pw[login] = next
		}
	}
	return c
}

// uploadRequest is the form a clerk's browser sends for one file.
func (d *testDesk) uploadRequest(month, name string, data []byte) *http.Request {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("month", month)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", d.ts.URL+"/unit/upload", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// upload sends a file for October 2018 and returns the path of the
// version it made.
func (d *testDesk) upload(c *http.Client, name, text string) string {
	d.t.Helper()
	return d.uploadMonth(c, "2018-10", name, text)
}

func versionID(path string) string { return path[strings.LastIndex(path, "/")+1:] }

func TestRoutesByRole(t *testing.T) {
	d := newTestDesk(t, nil)
	a, b, office := d.login("青秀区"), d.login("兴宁区"), d.login(OfficeLogin)
	anon := d.client()
	// first is a unit's browser logged in with the first password.
	first := d.client()
	if code, _ := d.post(first, "/login", url.Values{"login": {"江南区"}, "password": {d.pw["江南区"]}}); code != http.StatusSeeOther {
		t.Fatalf("login with the first password: %d", code)
	}
	va := versionID(d.upload(a, "青秀区.csv", goodSheet))
	vb := versionID(d.upload(b, "兴宁区.csv", strings.Replace(goodSheet, "青秀区", "兴宁区", 1)))
	reset := "/office/accounts/" + d.accountID("西乡塘区") + "/reset"
	users := map[string]*http.Client{"anonymous": anon, "青秀区": a, "兴宁区": b, "office": office, "first": first}
	type want map[string]int
	routes := []struct {
		method, path string
		form         url.Values
		want         want
	}{
		// The pages of logging in, open to all.
		{"GET", "/", nil, want{"anonymous": 303, "first": 303, "青秀区": 303, "兴宁区": 303, "office": 303}},
		{"GET", "/login", nil, want{"anonymous": 200, "first": 200, "青秀区": 200, "兴宁区": 200, "office": 200}},
		{"POST", "/login", url.Values{"login": {"无此账号"}, "password": {"错的"}}, want{"anonymous": 401, "first": 401, "青秀区": 401, "兴宁区": 401, "office": 401}},
		{"GET", "/password", nil, want{"anonymous": 303, "first": 200, "青秀区": 200, "兴宁区": 200, "office": 200}},
		{"POST", "/password", url.Values{"current": {"错的"}}, want{"anonymous": 401, "first": 400, "青秀区": 400, "兴宁区": 400, "office": 400}},
		{"GET", "/unit", nil, want{"anonymous": 303, "first": 303, "青秀区": 200, "兴宁区": 200, "office": 403}},
		{"GET", "/unit/versions/" + va, nil, want{"anonymous": 303, "first": 303, "青秀区": 200, "兴宁区": 404, "office": 403}},
		{"GET", "/unit/versions/" + vb, nil, want{"anonymous": 303, "first": 303, "青秀区": 404, "兴宁区": 200, "office": 403}},
		{"GET", "/unit/versions/999", nil, want{"anonymous": 303, "first": 303, "青秀区": 404, "兴宁区": 404, "office": 403}},
		{"POST", "/unit/versions/" + va + "/send", url.Values{}, want{"anonymous": 401, "first": 403, "兴宁区": 404, "office": 403, "青秀区": 303}},
		{"POST", "/unit/upload", url.Values{}, want{"anonymous": 401, "first": 403, "office": 403}},
		{"GET", "/office", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/office/versions/" + va, nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"POST", "/office/versions/" + va + "/review", url.Values{"decision": {"accept"}},
			want{"anonymous": 401, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 303}},
		{"GET", "/copy.js", nil, want{"anonymous": 200, "first": 200, "青秀区": 200, "兴宁区": 200, "office": 200}},
		{"GET", "/office/year", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/office/year?year=2017", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/office/accounts", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/office/audit", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/office/audit?who=青秀区&page=2", nil, want{"anonymous": 303, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"POST", reset, url.Values{"confirm": {"yes"}}, want{"anonymous": 401, "first": 403, "青秀区": 403, "兴宁区": 403, "office": 200}},
		{"GET", "/unit/versions/" + va + "/annotated", nil, want{"anonymous": 303, "青秀区": 200, "兴宁区": 404, "office": 403, "first": 303}},
		{"GET", "/unit/versions/" + vb + "/annotated", nil, want{"anonymous": 303, "青秀区": 404, "兴宁区": 200, "office": 403, "first": 303}},
		{"GET", "/unit/versions/999/annotated", nil, want{"anonymous": 303, "青秀区": 404, "兴宁区": 404, "office": 403, "first": 303}},
		{"GET", "/unit/template?month=2018-10", nil, want{"anonymous": 303, "青秀区": 200, "兴宁区": 200, "office": 403, "first": 303}},
		{"GET", "/office/versions/" + va + "/annotated", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "office": 200, "first": 403}},
		{"GET", "/office/versions/999/annotated", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "office": 404, "first": 403}},
		{"GET", "/static/upload.js", nil, want{"anonymous": 200, "青秀区": 200, "兴宁区": 200, "office": 200, "first": 200}},
		// Briefings, made from 青秀区's version just accepted.
		{"GET", "/office/briefings?month=2018-10", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"POST", "/office/briefings", url.Values{"month": {"2018-10"}}, want{"anonymous": 401, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 303}},
		{"GET", "/office/briefings/1/briefing.pdf", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"GET", "/office/briefings/1/briefing.xlsx", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"GET", "/office/briefings/1/summary.json", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"GET", "/office/briefings/1/desk.db", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 404}},
		{"GET", "/office/briefings/2/briefing.pdf", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 404}},
		{"GET", "/office/briefings/1/export.zip", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"POST", "/office/briefings/1/remake", url.Values{}, want{"anonymous": 401, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"GET", "/office/export?month=2018-10", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
		{"GET", "/office/originals?month=2018-10", nil, want{"anonymous": 303, "青秀区": 403, "兴宁区": 403, "first": 403, "office": 200}},
	}
	// Roles in a fixed order: the unit sends before the office reviews.
	order := []string{"anonymous", "first", "兴宁区", "青秀区", "office"}
	for _, r := range routes {
		for _, who := range order {
			w, ok := r.want[who]
			if !ok {
				continue
			}
			t.Run(r.method+" "+r.path+" as "+who, func(t *testing.T) {
				var code int
				var body string
				if r.method == "GET" {
					code, body = d.get(users[who], r.path)
				} else {
					code, body = d.post(users[who], r.path, r.form)
				}
				if code != w {
					t.Fatalf("status %d, want %d\n%s", code, w, body)
				}
				if who != "青秀区" && who != "office" && strings.Contains(body, "青秀区.csv") {
					t.Errorf("%s sees 青秀区's file:\n%s", who, body)
				}
				if w != 200 && strings.HasPrefix(body, "PK") {
					t.Errorf("a refused request got a workbook")
				}
				if who != "office" && strings.HasPrefix(r.path, "/office") && (strings.HasPrefix(body, "%PDF") || strings.HasPrefix(body, "PK") || strings.Contains(body, `"period"`)) {
					t.Errorf("%s is given the office's data", who)
				}
			})
		}
	}
	// What each unit's own page lists is its own.
	_, body := d.get(b, "/unit?month=2018-10")
	if strings.Contains(body, "青秀区.csv") || !strings.Contains(body, "兴宁区.csv") {
		t.Errorf("兴宁区's page lists another unit's versions:\n%s", body)
	}
	// Last, logging out: for each role it ends in the login page, and what
	// was open before is closed.
	for _, who := range order {
		if code, _ := d.post(users[who], "/logout", url.Values{}); code != http.StatusSeeOther {
			t.Errorf("POST /logout as %s: %d", who, code)
		}
		if code, _ := d.get(users[who], "/"); code != http.StatusSeeOther {
			t.Errorf("GET / as %s after logging out: %d", who, code)
		}
		if code, _ := d.post(users[who], "/unit/upload", url.Values{}); code != http.StatusUnauthorized {
			t.Errorf("POST /unit/upload as %s after logging out: %d, want 401", who, code)
		}
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	d := newTestDesk(t, nil)
	// The desk as an office's LAN reaches it: by the machine's address.
	const host = "192.168.1.20:8080"
	tests := []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"same LAN origin", map[string]string{"Origin": "http://" + host}, http.StatusSeeOther},
		{"same origin by fetch metadata", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + host}, http.StatusSeeOther},
		{"other site's origin", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"other machine on the LAN", map[string]string{"Origin": "http://192.168.1.99:8080"}, http.StatusForbidden},
		{"cross-site by fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"login": {"青秀区"}, "password": {d.pw["青秀区"]}}
			req, _ := http.NewRequest("POST", d.ts.URL+"/login", strings.NewReader(form.Encode()))
			req.Host = host
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			if code, body := d.do(d.client(), req); code != tt.want {
				t.Fatalf("status %d, want %d\n%s", code, tt.want, body)
			}
		})
	}
	t.Run("logged-in unit's send from another site", func(t *testing.T) {
		c := d.login("青秀区")
		id := versionID(d.upload(c, "青秀区.csv", goodSheet))
		req, _ := http.NewRequest("POST", d.ts.URL+"/unit/versions/"+id+"/send", nil)
		req.Host = host
		req.Header.Set("Origin", "http://evil.example")
		if code, _ := d.do(c, req); code != http.StatusForbidden {
			t.Fatalf("status %d, want 403", code)
		}
		vs, err := d.st.versions("青秀区", "2018-10")
		if err != nil || len(vs) != 1 || vs[0].Sent() {
			t.Fatalf("the version was sent by a cross-origin request: %v %+v", err, vs)
		}
	})
}

func TestUploadLimit(t *testing.T) {
	cfg := templates.Default()
	cfg.Checks.MaxFileBytes = 2000
	d := newTestDesk(t, cfg)
	if d.srv.maxBytes != 2000 {
		t.Fatalf("upload limit %d, want the command line's 2000", d.srv.maxBytes)
	}
	c := d.login("青秀区")
	tests := []struct {
		name string
		size int
		want int
	}{
		{"at the limit", 2000, http.StatusSeeOther},
		{"one byte over", 2001, http.StatusRequestEntityTooLarge},
		{"far over", 200000, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(goodSheet)
			data = append(data, bytes.Repeat([]byte(" "), tt.size-len(data))...)
			code, body := d.do(c, d.uploadRequest("2018-10", "青秀区.csv", data))
			if code != tt.want {
				t.Fatalf("status %d, want %d\n%s", code, tt.want, body)
			}
		})
	}
	vs, err := d.st.versions("青秀区", "2018-10")
	if err != nil || len(vs) != 1 {
		t.Fatalf("versions kept: %d (%v), want only the one within the limit", len(vs), err)
	}
	if code, _ := d.do(c, d.uploadRequest("2018-10", "青秀区.docx", []byte("x"))); code != http.StatusBadRequest {
		t.Errorf("a .docx: status %d, want 400", code)
	}
}

func TestUploadCheckSendReview(t *testing.T) {
	d := newTestDesk(t, nil)
	unit, office := d.login("青秀区"), d.login(OfficeLogin)

	bad := d.upload(unit, `C:\报表\青秀区十月.csv`, badSheet)
	_, page := d.get(unit, bad)
	for _, want := range []string{"需修改后报送", "青秀区十月.csv", `<td class="error">3.5<span class="msg">`, "不是0或正整数", "工作类别", "本月指标", "合计"} {
		if !strings.Contains(page, want) {
			t.Errorf("the checked sheet lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "报送这一版</button>") {
		t.Error("a sheet with errors is offered for sending")
	}
	if code, _ := d.post(unit, bad+"/send", url.Values{}); code != http.StatusConflict {
		t.Errorf("sending a sheet with errors: status %d, want 409", code)
	}

	good := d.upload(unit, "青秀区.csv", goodSheet)
	_, page = d.get(unit, good)
	if !strings.Contains(page, "可以报送") || !strings.Contains(page, "报送这一版") {
		t.Errorf("the fixed sheet is not ready to send:\n%s", page)
	}
	if code, _ := d.post(unit, good+"/send", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("send: status %d", code)
	}
	_, page = d.get(unit, "/unit?month=2018-10")
	for _, want := range []string{"已报送", "第1版", "第2版", "青秀区十月.csv"} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit's page lacks %q:\n%s", want, page)
		}
	}

	// Both originals are kept, byte for byte, under their SHA-256.
	vs, err := d.st.versions("青秀区", "2018-10")
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions: %d (%v), want 2", len(vs), err)
	}
	for _, v := range vs {
		data, err := os.ReadFile(d.st.blobPath(v.SHA256))
		if err != nil {
			t.Fatal(err)
		}
		want := goodSheet
		if v.Seq == 1 {
			want = badSheet
		}
		if string(data) != want {
			t.Errorf("version %d's original differs from what was sent", v.Seq)
		}
	}

	_, grid := d.get(office, "/office?month=2018-10")
	if !regexp.MustCompile(`青秀区</td><td class="status-已报送">已报送`).MatchString(grid) ||
		!strings.Contains(grid, `兴宁区</td><td class="status-未报送">未报送`) {
		t.Errorf("the office's grid:\n%s", grid)
	}
	reason := "请核对脱贫攻坚的人次"
	if code, _ := d.post(office, "/office/versions/"+versionID(good)+"/review", url.Values{"decision": {"return"}}); code != http.StatusBadRequest {
		t.Errorf("returning without a reason: status %d, want 400", code)
	}
	if code, _ := d.post(office, "/office/versions/"+versionID(good)+"/review",
		url.Values{"decision": {"return"}, "reason": {reason}}); code != http.StatusSeeOther {
		t.Fatalf("return: status %d", code)
	}
	_, page = d.get(unit, "/unit?month=2018-10")
	if !strings.Contains(page, "已退回") || !strings.Contains(page, reason) {
		t.Errorf("the unit does not see the return and its reason:\n%s", page)
	}
	_, grid = d.get(office, "/office?month=2018-10")
	if !strings.Contains(grid, `class="status-已退回">已退回`) {
		t.Errorf("the grid does not show the return:\n%s", grid)
	}

	// A third version, sent, is 已报送 again; accepted, 已确认.
	third := d.upload(unit, "青秀区改.csv", goodSheet+"\n")
	d.post(unit, third+"/send", url.Values{})
	d.post(office, "/office/versions/"+versionID(third)+"/review", url.Values{"decision": {"accept"}})
	_, grid = d.get(office, "/office?month=2018-10")
	if !strings.Contains(grid, `class="status-已确认">已确认`) || !strings.Contains(grid, "第3版") {
		t.Errorf("the grid does not show the accepted third version:\n%s", grid)
	}
}

func TestRestartKeepsState(t *testing.T) {
	d := newTestDesk(t, nil)
	unit, office := d.login("青秀区"), d.login(OfficeLogin)
	v := d.upload(unit, "青秀区.csv", goodSheet)
	d.post(unit, v+"/send", url.Values{})
	d.post(office, "/office/versions/"+versionID(v)+"/review", url.Values{"decision": {"return"}, "reason": {"数字有误"}})
	d.upload(unit, "青秀区二.csv", badSheet)
	pages := []string{"/office?month=2018-10", "/office/versions/" + versionID(v)}
	before := map[string]string{}
	for _, p := range pages {
		_, before[p] = d.get(office, p)
	}
	_, unitBefore := d.get(unit, "/unit?month=2018-10")

	d.stop()
	d.start()
	office = d.client() // the old server's cookie jar is bound to its address
	unitC := d.client()
	for _, c := range []struct {
		cl    *http.Client
		login string
	}{{office, OfficeLogin}, {unitC, "青秀区"}} {
		if code, _ := d.post(c.cl, "/login", url.Values{"login": {c.login}, "password": {d.pw[c.login]}}); code != http.StatusSeeOther {
			t.Fatalf("login after restart: %d", code)
		}
	}
	for _, p := range pages {
		if _, after := d.get(office, p); after != before[p] {
			t.Errorf("%s differs after restart:\nbefore:\n%s\nafter:\n%s", p, before[p], after)
		}
	}
	if _, after := d.get(unitC, "/unit?month=2018-10"); after != unitBefore {
		t.Errorf("the unit's page differs after restart:\nbefore:\n%s\nafter:\n%s", unitBefore, after)
	}
}

func TestSessionsAndCookies(t *testing.T) {
	d := newTestDesk(t, nil)
	d.login("青秀区") // the first password changed
	c := d.client()
	form := url.Values{"login": {"青秀区"}, "password": {d.pw["青秀区"]}}
	req, _ := http.NewRequest("POST", d.ts.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var sc *http.Cookie
	for _, k := range resp.Cookies() {
		if k.Name == cookieName {
			sc = k
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure {
		t.Fatalf("session cookie over plain HTTP: %+v", sc)
	}
	if code, _ := d.get(c, "/unit"); code != http.StatusOK {
		t.Fatalf("logged in: status %d", code)
	}
	d.clock.add(sessionLife + time.Minute)
	if code, _ := d.get(c, "/unit"); code != http.StatusSeeOther {
		t.Errorf("after the session's life: status %d, want 303 to the login page", code)
	}
	c = d.login("青秀区")
	d.post(c, "/logout", url.Values{})
	if code, _ := d.get(c, "/unit"); code != http.StatusSeeOther {
		t.Errorf("after logging out: status %d, want 303", code)
	}
	t.Run("secure under TLS", func(t *testing.T) {
		ts := httptest.NewTLSServer(d.srv.handler())
		defer ts.Close()
		cl := ts.Client()
		cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := cl.PostForm(ts.URL+"/login", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cs := resp.Cookies()
		if len(cs) != 1 || !cs[0].Secure || !cs[0].HttpOnly {
			t.Fatalf("session cookie under TLS: %+v", cs)
		}
	})
}

func TestFirstPassword(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.client()
	first := d.pw["青秀区"]
	if code, _ := d.post(c, "/login", url.Values{"login": {"青秀区"}, "password": {first}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	resp, err := c.Get(d.ts.URL + "/unit")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/password" {
		t.Fatalf("with the first password, /unit: %d to %q, want 303 to /password", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := d.do(c, d.uploadRequest("2018-10", "青秀区.csv", []byte(goodSheet))); code != http.StatusForbidden {
		t.Errorf("upload with the first password: status %d, want 403", code)
	}
	next := "新的密码ab12"
	tests := []struct {
		name                string
		current, new, again string
		want                int
	}{
		{"wrong current password", "wrong", next, next, http.StatusBadRequest},
		{"too short", first, "短密码", "短密码", http.StatusBadRequest},
		{"two entries differ", first, next, next + "x", http.StatusBadRequest},
		{"same as the first", first, first, first, http.StatusBadRequest},
		{"changed", first, next, next, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"current": {tt.current}, "new": {tt.new}, "again": {tt.again}}
			if code, body := d.post(c, "/password", form); code != tt.want {
				t.Fatalf("status %d, want %d\n%s", code, tt.want, body)
			}
		})
	}
	if code, _ := d.get(c, "/unit"); code != http.StatusOK {
		t.Errorf("after the change, /unit: status %d", code)
	}
	if code, _ := d.post(d.client(), "/login", url.Values{"login": {"青秀区"}, "password": {first}}); code != http.StatusUnauthorized {
		t.Errorf("the first password still logs in: %d", code)
	}
	if code, _ := d.post(d.client(), "/login", url.Values{"login": {"青秀区"}, "password": {next}}); code != http.StatusSeeOther {
		t.Errorf("the new password does not log in: %d", code)
	}
}

func TestStore(t *testing.T) {
	t.Run("init refuses a folder that has a desk", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := createStore(dir, []string{"甲"}, bcrypt.MinCost, testSetUp); err != nil {
			t.Fatal(err)
		}
		if _, err := createStore(dir, []string{"甲"}, bcrypt.MinCost, testSetUp); err == nil {
			t.Fatal("a second init over the same folder succeeded")
		}
	})
	t.Run("open refuses a folder without a desk", func(t *testing.T) {
		if _, err := openStore(t.TempDir(), time.Now); err == nil {
			t.Fatal("opened an empty folder")
		}
	})
	t.Run("first passwords differ and log in", func(t *testing.T) {
		dir := t.TempDir()
		pws, err := createStore(dir, []string{"甲", "乙"}, bcrypt.MinCost, testSetUp)
		if err != nil {
			t.Fatal(err)
		}
		if len(pws) != 3 || pws[2].Login != OfficeLogin || pws[0].Password == pws[1].Password {
			t.Fatalf("first passwords: %+v", pws)
		}
		st, err := openStore(dir, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		defer st.close()
		for _, p := range pws {
			if a, err := st.checkPassword(p.Login, p.Password); err != nil || a == nil || a.Unit != p.Unit {
				t.Errorf("%s cannot log in: %v %+v", p.Login, err, a)
			}
			if a, _ := st.checkPassword(p.Login, p.Password+"x"); a != nil {
				t.Errorf("%s logs in with a wrong password", p.Login)
			}
		}
		var mode string
		if err := st.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal mode %q (%v), want wal", mode, err)
		}
	})
	t.Run("the audit log is append-only", func(t *testing.T) {
		d := newTestDesk(t, nil)
		if err := d.st.audit("office", "login", "", "127.0.0.1"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`UPDATE audit SET login = 'x'`, `DELETE FROM audit`} {
			if _, err := d.st.db.Exec(q); err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
	})
}

func TestCellsOf(t *testing.T) {
	tests := []struct {
		ref  string
		want [][2]int
	}{
		{"A1", [][2]int{{0, 0}}},
		{"D7", [][2]int{{6, 3}}},
		{"$AB$10", [][2]int{{9, 27}}},
		{"B2:B4", [][2]int{{1, 1}, {2, 1}, {3, 1}}},
		{"", nil},
		{"7", nil},
		{"D0", nil},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got := cellsOf(tt.ref)
			if len(got) != len(tt.want) {
				t.Fatalf("cellsOf(%q) = %v, want %v", tt.ref, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("cellsOf(%q) = %v, want %v", tt.ref, got, tt.want)
				}
			}
		})
	}
}

// Sixteen units uploading at once, 200 uploads in all, lose nothing: every
// upload is a version, numbered without gaps within its unit's month, with
// its original kept.
func TestUploadBurst(t *testing.T) {
	d := newTestDesk(t, nil)
	units := unitNames(d.cfg)
	clients := map[string]*http.Client{}
	for _, u := range units {
		clients[u] = d.login(u)
	}
	const total = 200
	var wg sync.WaitGroup
	errs := make(chan string, total)
	for i := range total {
		u := units[i%len(units)]
		// Each upload's bytes differ, so that each keeps its own original.
		text := strings.Replace(goodSheet, "青秀区", u, 1) + strings.Repeat(" ", i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := clients[u].Do(d.uploadRequest("2018-10", u+".csv", []byte(text)))
			if err != nil {
				errs <- err.Error()
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				errs <- u + ": " + resp.Status
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	n := 0
	for i, u := range units {
		vs, err := d.st.versions(u, "2018-10")
		if err != nil {
			t.Fatal(err)
		}
		want := total / len(units)
		if i < total%len(units) {
			want++
		}
		if len(vs) != want {
			t.Errorf("%s: %d versions, want %d", u, len(vs), want)
		}
		for j, v := range vs {
			if v.Seq != len(vs)-j {
				t.Errorf("%s: version %d numbered %d", u, len(vs)-j, v.Seq)
			}
			if v.Errors != 0 {
				t.Errorf("%s version %d: %d errors", u, v.Seq, v.Errors)
			}
			if _, err := d.st.blob(v.SHA256); err != nil {
				t.Errorf("%s version %d: original: %v", u, v.Seq, err)
			}
			n++
		}
	}
	if n != total {
		t.Errorf("%d versions kept, want %d", n, total)
	}
}

// A back-up taken while the desk serves is a desk with the same versions
// and originals.
func TestBackupWhileServing(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	v := d.upload(c, "青秀区.csv", goodSheet)
	d.post(c, v+"/send", url.Values{})
	d.upload(c, "青秀区二.csv", badSheet)
	dst := filepath.Join(t.TempDir(), "备份")
	if err := Backup(d.dir, dst); err != nil {
		t.Fatal(err)
	}
	if err := Backup(d.dir, dst); err == nil {
		t.Error("a back-up over an existing folder succeeded")
	}
	// The desk goes on after the back-up, which does not see it.
	d.upload(c, "青秀区三.csv", goodSheet+"\n")
	want, _ := d.st.versions("青秀区", "2018-10")
	b, err := openStore(dst, d.clock.now)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	got, err := b.versions("青秀区", "2018-10")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(want) != 3 {
		t.Fatalf("back-up has %d versions, the desk %d; want 2 and 3", len(got), len(want))
	}
	for i, g := range got {
		w := want[i+1]
		if g.Seq != w.Seq || g.SHA256 != w.SHA256 || g.Sent() != w.Sent() || g.FileName != w.FileName {
			t.Errorf("version %d differs: %+v, want %+v", w.Seq, g, w)
		}
		if _, err := b.blob(g.SHA256); err != nil {
			t.Errorf("version %d's original: %v", g.Seq, err)
		}
	}
	if a, err := b.checkPassword("青秀区", d.pw["青秀区"]); err != nil || a == nil {
		t.Errorf("the account does not log in on the back-up: %v", err)
	}
}

// What a sheet and its file name hold is shown as text, never as markup.
func TestSheetTextEscaped(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	sheet := strings.Replace(goodSheet, "脱贫攻坚,", `脱贫攻坚<script>alert(1)</script>,`, 1)
	v := d.upload(c, `<img src=x onerror=alert(1)>.csv`, sheet)
	_, page := d.get(c, v)
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") {
		t.Fatalf("the sheet's text reached the page as markup:\n%s", page)
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("the cell's text is not shown:\n%s", page)
	}
}
