package desk

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// loginFrom posts a login as a browser at address addr would, and returns
// the status and page.
func (d *testDesk) loginFrom(addr, login, password string) (int, string) {
	form := url.Values{"login": {login}, "password": {password}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = addr + ":50123"
	rec := httptest.NewRecorder()
	d.srv.handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// Wrong passwords are counted for a login from one address and for an
// address, never for a login alone: no one can lock a unit out from
// elsewhere on the LAN, and one address guessing is still stopped.
func TestLoginRateLimit(t *testing.T) {
	d := newTestDesk(t, nil)
	const a, b = "192.168.1.31", "192.168.1.32"
	type try struct {
		addr, login string
		right       bool
		want        int
	}
	wrong := func(addr, login string, n int) []try {
		var out []try
		for range n {
			out = append(out, try{addr, login, false, http.StatusUnauthorized})
		}
		return out
	}
	// guesses are n wrong passwords from addr spread over five logins, none
	// of which reaches the limit of one login.
	guesses := func(addr string, n int) []try {
		logins := []string{"市本级", "兴宁区", "青秀区", "西乡塘区", "良庆区"}
		var out []try
		for i := range n {
			out = append(out, try{addr, logins[i%len(logins)], false, http.StatusUnauthorized})
		}
		return out
	}
	join := func(parts ...[]try) []try {
		var out []try
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name  string
		tries []try
		wait  time.Duration // before the last try
	}{
		{"failures from A do not lock the login out from B", join(wrong(a, "青秀区", maxLoginFailures),
			[]try{{a, "青秀区", true, http.StatusTooManyRequests}, {b, "青秀区", true, http.StatusSeeOther}}), 0},
		{"nor another login from A", join(wrong(a, "青秀区", maxLoginFailures),
			[]try{{a, "兴宁区", true, http.StatusSeeOther}}), 0},
		{"one address guessing many logins is stopped", join(guesses(a, maxAddressFailures),
			[]try{{a, "江南区", true, http.StatusTooManyRequests}, {b, "江南区", true, http.StatusSeeOther}}), 0},
		{"under the address's limit it is not", join(guesses(a, maxAddressFailures-1),
			[]try{{a, "江南区", true, http.StatusSeeOther}}), 0},
		{"the right password clears the login's count", join(wrong(a, "青秀区", maxLoginFailures-1),
			[]try{{a, "青秀区", true, http.StatusSeeOther}}, wrong(a, "青秀区", maxLoginFailures-1),
			[]try{{a, "青秀区", true, http.StatusSeeOther}}), 0},
		{"after the window the login is allowed again", join(wrong(a, "青秀区", maxLoginFailures),
			[]try{{a, "青秀区", true, http.StatusSeeOther}}), loginWindow + time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d.srv.limiter = newLoginLimiter(d.clock.now)
			for i, tr := range tt.tries {
				if i == len(tt.tries)-1 {
					d.clock.add(tt.wait)
				}
				pw := "wrong password"
				if tr.right {
					pw = d.pw[tr.login]
				}
				code, body := d.loginFrom(tr.addr, tr.login, pw)
				if code != tr.want {
					t.Fatalf("try %d, %s from %s: status %d, want %d\n%s", i+1, tr.login, tr.addr, code, tr.want, body)
				}
				if code == http.StatusTooManyRequests && !strings.Contains(body, "密码错误次数过多") {
					t.Errorf("the refusal does not say why:\n%s", body)
				}
			}
		})
	}
}

// The limiter forgets, once a window, the failures and refusals of keys
// no longer tried.
func TestLoginLimiterSweeps(t *testing.T) {
	c := &clock{t: time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local)}
	l := newLoginLimiter(c.now)
	for i := range 1000 {
		for range maxLoginFailures + 1 {
			l.attempt(fmt.Sprintf("10.0.%d.%d", i/250, i%250), "x")
		}
	}
	if n := len(l.refused); n != 1000 {
		t.Fatalf("%d refusals kept, want 1000", n)
	}
	c.add(loginWindow + time.Second)
	l.attempt("10.9.9.9", "x")
	if n := len(l.fails); n != 2 {
		t.Errorf("%d keys kept after the window, want the 2 of the last failure", n)
	}
	if n := len(l.refused); n != 0 {
		t.Errorf("%d refusals kept after the window, want none", n)
	}
}

// A try given back, right or never checked, counts no more for the
// address; a right one also forgets the failures of its login.
func TestLoginLimiterGivesBack(t *testing.T) {
	c := &clock{t: time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local)}
	l := newLoginLimiter(c.now)
	const addr = "10.0.0.1"
	for range maxLoginFailures - 1 {
		l.attempt(addr, "甲")
	}
	right := l.attempt(addr, "甲")
	l.succeeded(right)
	if n := len(l.fails[pairKey(addr, "甲")]); n != 0 {
		t.Errorf("%d failures of the login kept after the right password", n)
	}
	if n := len(l.fails[addressKey(addr)]); n != maxLoginFailures-1 {
		t.Errorf("%d failures of the address, want the %d wrong ones", n, maxLoginFailures-1)
	}
	unchecked := l.attempt(addr, "乙")
	l.release(unchecked)
	if n := len(l.fails[pairKey(addr, "乙")]); n != 0 {
		t.Errorf("a password never checked counts for its login: %d", n)
	}
	if n := len(l.fails[addressKey(addr)]); n != maxLoginFailures-1 {
		t.Errorf("a password never checked counts for the address: %d", n)
	}
}

// Refused logins write one line of the audit log per key and window, not
// one each, and a login is kept there cut to 64 characters, however long
// the one typed.
func TestRefusedLoginsAuditBounded(t *testing.T) {
	tests := []struct {
		name  string
		login func(i int) string
		// rows is the most lines of login-failed and login-refused written.
		rows int
	}{
		{"one login", func(int) string { return "青秀区" }, maxLoginFailures + 1},
		// As long as the form's 4 KB allow.
		{"a new long login each time", func(i int) string { return fmt.Sprintf("%04d", i) + strings.Repeat("x", 4000) },
			maxAddressFailures + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDesk(t, nil)
			for i := range 100 {
				code, body := d.loginFrom("192.168.1.31", tt.login(i), "wrong password")
				if code != http.StatusUnauthorized && code != http.StatusTooManyRequests {
					t.Fatalf("try %d: status %d\n%s", i+1, code, body)
				}
			}
			var rows, refused, longest int
			err := d.st.db.QueryRow(`SELECT COUNT(*), COUNT(CASE WHEN action = 'login-refused' THEN 1 END), COALESCE(MAX(length(login)), 0)
				FROM audit WHERE action IN ('login-failed', 'login-refused')`).Scan(&rows, &refused, &longest)
			if err != nil {
				t.Fatal(err)
			}
			if rows > tt.rows || refused != 1 {
				t.Errorf("100 wrong logins wrote %d lines, %d of them refusals; want at most %d, and 1 refusal", rows, refused, tt.rows)
			}
			if longest > maxAuditLogin {
				t.Errorf("a login of %d characters kept, want at most %d", longest, maxAuditLogin)
			}
			// After the window, a refusal is written again, once.
			d.clock.add(loginWindow + time.Minute)
			for range maxAddressFailures + 3 {
				d.loginFrom("192.168.1.31", tt.login(0), "wrong password")
			}
			var again int
			if err := d.st.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = 'login-refused'`).Scan(&again); err != nil {
				t.Fatal(err)
			}
			if again != 2 {
				t.Errorf("%d refusals written after a second window, want 2", again)
			}
		})
	}
	t.Run("cut, not dropped", func(t *testing.T) {
		d := newTestDesk(t, nil)
		typed := strings.Repeat("青", 100)
		d.loginFrom("192.168.1.31", typed, "wrong password")
		var login string
		if err := d.st.db.QueryRow(`SELECT login FROM audit WHERE action = 'login-failed'`).Scan(&login); err != nil {
			t.Fatal(err)
		}
		if login != strings.Repeat("青", maxAuditLogin) {
			t.Errorf("kept %q, want the first %d characters", login, maxAuditLogin)
		}
	})
}
