package desk

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// sessionToken is the session cookie that browser c holds for the desk.
func (d *testDesk) sessionToken(c *http.Client) string {
	u, _ := url.Parse(d.ts.URL)
	for _, k := range c.Jar.Cookies(u) {
		if k.Name == cookieName {
			return k.Value
		}
	}
	return ""
}

// withToken is a browser that holds session cookie token.
func (d *testDesk) withToken(token string) *http.Client {
	c := d.client()
	u, _ := url.Parse(d.ts.URL)
	c.Jar.(*cookiejar.Jar).SetCookies(u, []*http.Cookie{{Name: cookieName, Value: token, Path: "/"}})
	return c
}

// where returns the status of a GET and where it sends the browser.
func (d *testDesk) where(c *http.Client, path string) (int, string) {
	d.t.Helper()
	resp, err := c.Get(d.ts.URL + path)
	if err != nil {
		d.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// A new password ends every other session of the account: whoever logged
// in with a unit's first password before its clerk changed it is sent to
// the login page, not let in; the browser that changed it goes on.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	tests := []struct {
		name  string
		login string
		first bool // the change is of the first password
	}{
		{"first password", "青秀区", true},
		{"a password already changed", OfficeLogin, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDesk(t, nil)
			var other, changer *http.Client
			if tt.first {
				other, changer = d.client(), d.client()
				for _, c := range []*http.Client{other, changer} {
					if code, _ := d.post(c, "/login", url.Values{"login": {tt.login}, "password": {d.pw[tt.login]}}); code != http.StatusSeeOther {
						t.Fatalf("login with the first password: %d", code)
					}
				}
			} else {
				other = d.login(tt.login)
				changer = d.login(tt.login)
			}
			next := "新的密码ab12"
			form := url.Values{"current": {d.pw[tt.login]}, "new": {next}, "again": {next}}
			if code, body := d.post(changer, "/password", form); code != http.StatusSeeOther {
				t.Fatalf("change: status %d\n%s", code, body)
			}
			for _, p := range []string{"/", "/unit", "/office", "/password"} {
				if code, loc := d.where(other, p); code != http.StatusSeeOther || loc != "/login" {
					t.Errorf("the other session, %s: %d to %q, want 303 to /login", p, code, loc)
				}
			}
			home := "/unit"
			if !tt.first {
				home = "/office"
			}
			if code, _ := d.get(changer, home); code != http.StatusOK {
				t.Errorf("the browser that changed the password, %s: status %d", home, code)
			}
		})
	}
}

// post sends a form as browser c and returns the status, or an error,
// for a goroutine other than the test's.
func (d *testDesk) postFrom(c *http.Client, path string, form url.Values) (int, error) {
	req, _ := http.NewRequest("POST", d.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Wrong passwords sent all at once are checked no more often than the
// limit allows, on the login form and on the password form alike: the
// checks are held until every request has either reached one or been
// refused, so that none can be counted before the others pass.
func TestConcurrentWrongPasswordsLimited(t *testing.T) {
	const n = 30
	tests := []struct {
		name    string
		path    string
		form    url.Values
		browser func(d *testDesk) *http.Client
		wrong   int // the status of a wrong password checked
	}{
		{"login", "/login", url.Values{"login": {"青秀区"}, "password": {"wrong password"}},
			func(d *testDesk) *http.Client { return d.client() }, http.StatusUnauthorized},
		{"password change", "/password", url.Values{"current": {"wrong password"}, "new": {"新的密码ab12"}, "again": {"新的密码ab12"}},
			func(d *testDesk) *http.Client { return d.login("青秀区") }, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDesk(t, nil)
			c := tt.browser(d)
			checked, gate := make(chan struct{}, n), make(chan struct{})
			d.srv.checking = func() { checked <- struct{}{}; <-gate }
			answers := make(chan int, n)
			for range n {
				go func() {
					code, err := d.postFrom(c, tt.path, tt.form)
					if err != nil {
						code = -1
					}
					answers <- code
				}()
			}
			nChecked, got := 0, map[int]int{}
			for done := 0; nChecked+done < n; {
				select {
				case <-checked:
					nChecked++
				case code := <-answers:
					got[code]++
					done++
				}
			}
			close(gate)
			for range nChecked {
				got[<-answers]++
			}
			if nChecked > maxLoginFailures {
				t.Errorf("%d passwords checked at once, want at most %d", nChecked, maxLoginFailures)
			}
			if got[tt.wrong] != nChecked || got[http.StatusTooManyRequests] != n-nChecked {
				t.Errorf("answers %v, want %d × %d and the rest 429", got, nChecked, tt.wrong)
			}
		})
	}
}

// A new password longer than bcrypt takes (72 bytes) is refused with a
// word on the limit, not a failure of the desk; one at the limit is taken.
func TestLongNewPassword(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.client()
	first := d.pw["青秀区"]
	if code, _ := d.post(c, "/login", url.Values{"login": {"青秀区"}, "password": {first}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	tests := []struct {
		name, new string
		want      int
	}{
		{"25 Chinese characters", strings.Repeat("密", 25), http.StatusBadRequest},
		{"73 letters", strings.Repeat("a", 73), http.StatusBadRequest},
		{"24 Chinese characters", strings.Repeat("密", 24), http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"current": {first}, "new": {tt.new}, "again": {tt.new}}
			code, body := d.post(c, "/password", form)
			if code != tt.want {
				t.Fatalf("status %d, want %d\n%s", code, tt.want, body)
			}
			if code == http.StatusBadRequest && !strings.Contains(body, "新密码最长72个字节，约24个汉字或72个字母数字") {
				t.Errorf("the refusal does not give the limit:\n%s", body)
			}
		})
	}
	if code, _ := d.post(d.client(), "/login", url.Values{"login": {"青秀区"}, "password": {strings.Repeat("密", 24)}}); code != http.StatusSeeOther {
		t.Errorf("the password at the limit does not log in: %d", code)
	}
}

// Logging in ends the session the browser already had, and clears the
// sessions whose life has passed.
func TestLoginEndsOldSession(t *testing.T) {
	d := newTestDesk(t, nil)
	d.login(OfficeLogin) // its session's life passes below
	d.clock.add(sessionLife + time.Minute)
	sessions := func() (live, dead int) {
		t.Helper()
		err := d.st.db.QueryRow(`SELECT COUNT(CASE WHEN expires > ?1 THEN 1 END), COUNT(CASE WHEN expires <= ?1 THEN 1 END) FROM sessions`,
			d.clock.now().Unix()).Scan(&live, &dead)
		if err != nil {
			t.Fatal(err)
		}
		return live, dead
	}
	// A browser without a cookie.
	if code, _ := d.post(d.client(), "/login", url.Values{"login": {"兴宁区"}, "password": {d.pw["兴宁区"]}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	if live, dead := sessions(); live != 1 || dead != 0 {
		t.Errorf("%d live sessions and %d past their life kept, want the one just begun", live, dead)
	}
	c := d.login("青秀区")
	old := d.sessionToken(c)
	if code, _ := d.post(c, "/login", url.Values{"login": {"青秀区"}, "password": {d.pw["青秀区"]}}); code != http.StatusSeeOther {
		t.Fatalf("second login: %d", code)
	}
	if d.sessionToken(c) == old {
		t.Fatal("the second login kept the old cookie")
	}
	if code, loc := d.where(d.withToken(old), "/unit"); code != http.StatusSeeOther || loc != "/login" {
		t.Errorf("the old session, /unit: %d to %q, want 303 to /login", code, loc)
	}
	if code, _ := d.get(c, "/unit"); code != http.StatusOK {
		t.Errorf("the new session, /unit: status %d", code)
	}
	if live, _ := sessions(); live != 2 {
		t.Errorf("%d live sessions, want 兴宁区's and 青秀区's new one", live)
	}
}

// Uploads sent at once are read and checked a few at a time: the first
// ones are held once let in, until every other has either been let in or
// begun to wait; then all go on, and all are kept.
func TestUploadsAtOnceBounded(t *testing.T) {
	d := newTestDesk(t, nil)
	const n = maxUploadsAtOnce + 4
	units := unitNames(d.cfg)[:n] // one upload each: the bound of all units is tested
	clients := map[string]*http.Client{}
	for _, u := range units {
		clients[u] = d.login(u)
	}
	entered, waiting, gate := make(chan struct{}, n), make(chan struct{}, n), make(chan struct{})
	d.srv.uploads.entered = func() { entered <- struct{}{}; <-gate }
	d.srv.uploads.waiting = func() { waiting <- struct{}{} }
	answers := make(chan int, n)
	for _, u := range units {
		req := d.uploadRequest("2018-10", u+".csv", []byte(strings.Replace(goodSheet, "青秀区", u, 1)))
		go func() {
			resp, err := clients[u].Do(req)
			if err != nil {
				answers <- -1
				return
			}
			resp.Body.Close()
			answers <- resp.StatusCode
		}()
	}
	in, queued := 0, 0
	for in+queued < n {
		select {
		case <-entered:
			in++
		case <-waiting:
			queued++
		}
	}
	close(gate)
	for range n {
		if code := <-answers; code != http.StatusSeeOther {
			t.Errorf("an upload: status %d, want 303", code)
		}
	}
	if in > maxUploadsAtOnce {
		t.Errorf("%d uploads let in at once, want at most %d", in, maxUploadsAtOnce)
	}
	for _, u := range units {
		if vs, err := d.st.versions(u, "2018-10"); err != nil || len(vs) != 1 {
			t.Errorf("%s: %d versions kept (%v), want 1", u, len(vs), err)
		}
	}
}

// An upload waiting for its turn gives up when its request ends.
func TestUploadGateGivesUp(t *testing.T) {
	g := newUploadGate(1, 100)
	if !g.enter(context.Background(), 10) {
		t.Fatal("an empty gate refused")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if g.enter(ctx, 10) {
		t.Error("a full gate let in a request that had ended")
	}
	g.leave(10)
	if !g.enter(context.Background(), 10) {
		t.Error("the place given back was not taken again")
	}
}

// The uploads let in at once hold no more bytes together than the budget;
// one larger than the whole budget goes in alone.
func TestUploadGateBytes(t *testing.T) {
	g := newUploadGate(4, 100)
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if !g.enter(context.Background(), 60) {
		t.Fatal("an empty gate refused 60 of 100 bytes")
	}
	if g.enter(ended, 60) {
		t.Error("a second upload of 60 bytes was let in beside the first, over the budget of 100")
	}
	if !g.enter(context.Background(), 40) {
		t.Error("40 bytes more, within the budget, were refused")
	}
	g.leave(60)
	g.leave(40)
	if !g.enter(context.Background(), 1000) {
		t.Fatal("an upload larger than the budget never goes in")
	}
	if g.enter(ended, 1) {
		t.Error("an upload went in beside one that takes the whole budget")
	}
	g.leave(1000)
	for range 4 {
		if !g.enter(context.Background(), 1) {
			t.Fatal("the budget was not given back whole")
		}
	}
}

// A unit's uploads go in one at a time, so that a unit sending slowly holds
// one place at the most; the other units' uploads are not held up by it.
func TestUploadGateOnePerUnit(t *testing.T) {
	g := newUploadGate(4, 100)
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if !g.enterAs(context.Background(), "青秀区", 1) {
		t.Fatal("an empty gate refused")
	}
	if g.enterAs(ended, "青秀区", 1) {
		t.Error("a second upload of 青秀区 went in beside its first")
	}
	if !g.enterAs(ended, "兴宁区", 1) {
		t.Error("兴宁区 had to wait for 青秀区")
	}
	g.leaveAs("青秀区", 1)
	if !g.enterAs(ended, "青秀区", 1) {
		t.Error("青秀区's place was not given back")
	}
	g.leaveAs("青秀区", 1)
	g.leaveAs("兴宁区", 1)
	if n := len(g.places); n != 0 {
		t.Errorf("%d places still taken", n)
	}
}
