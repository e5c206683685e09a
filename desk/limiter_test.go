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

// The limiter forgets, once a window, the failures of keys no longer tried.
func TestLoginLimiterSweeps(t *testing.T) {
	c := &clock{t: time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local)}
	l := newLoginLimiter(c.now)
	for i := range 1000 {
		l.failed(fmt.Sprintf("10.0.%d.%d", i/250, i%250), "x")
	}
	c.add(loginWindow + time.Second)
	l.failed("10.9.9.9", "x")
	if n := len(l.fails); n != 2 {
		t.Errorf("%d keys kept after the window, want the 2 of the last failure", n)
	}
}
