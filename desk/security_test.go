package desk

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
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
