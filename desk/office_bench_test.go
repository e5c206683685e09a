package desk

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// benchDesk is a desk of the shipped configuration's 16 units whose every
// month of the years from..to has one version sent and reviewed (three in
// four accepted, the others returned), read on 5 January of the year
// after; it returns the server and an office session's cookie.
func benchDesk(b *testing.B, from, to int) (*server, *http.Cookie) {
	b.Helper()
	cfg := templates.Default()
	cfg.Desk.DeadlineDay = 10
	dir := filepath.Join(b.TempDir(), "desk")
	if _, err := createStore(dir, unitNames(cfg), bcrypt.MinCost, testSetUp); err != nil {
		b.Fatal(err)
	}
	c := &clock{t: time.Date(from, 2, 1, 9, 0, 0, 0, time.Local)}
	st, err := openStore(dir, c.now)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.close() })
	var office int64
	if err := st.db.QueryRow(`SELECT id FROM accounts WHERE login = ?`, OfficeLogin).Scan(&office); err != nil {
		b.Fatal(err)
	}
	if _, err := st.db.Exec(`UPDATE accounts SET must_change = 0`); err != nil {
		b.Fatal(err)
	}
	n := 0
	for y := from; y <= to; y++ {
		for m := 1; m <= 12; m++ {
			for _, u := range unitNames(cfg) {
				v := &version{Unit: u, Period: fmt.Sprintf("%04d-%02d", y, m), SHA256: fmt.Sprintf("%064d", n), Size: 1000,
					FileName: u + ".xlsx", Warnings: n % 3}
				if err := st.addVersion(v, office, []finding{{Severity: "warning", Code: "SWING", Sheet: "统计表", Cell: "D5", Message: "波动较大"}}); err != nil {
					b.Fatal(err)
				}
				if err := st.send(v.ID); err != nil {
					b.Fatal(err)
				}
				decision, reason := "accept", ""
				if n%4 == 3 {
					decision, reason = "return", "合计行与各行之和不符，请核对后重新上传"
				}
				if err := st.addReview(v.ID, decision, reason, office); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
	}
	c.t = time.Date(to+1, 1, 5, 9, 0, 0, 0, time.Local)
	token, err := st.newSession(office)
	if err != nil {
		b.Fatal(err)
	}
	s := newServer(st, cfg)
	return s, &http.Cookie{Name: cookieName, Value: token}
}

// benchPage serves path to the office b.N times.
func benchPage(b *testing.B, s *server, cookie *http.Cookie, path string) {
	h := s.handler()
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK {
		b.Fatalf("%s: status %d\n%s", path, rec.Code, rec.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		get()
	}
}

// BenchmarkOfficeGrid serves one month's grid of 16 units, with its counts
// and 催报 text.
func BenchmarkOfficeGrid(b *testing.B) {
	for _, years := range []int{1, 5} {
		b.Run(fmt.Sprintf("%d-years-stored", years), func(b *testing.B) {
			s, cookie := benchDesk(b, 2019-years, 2018)
			benchPage(b, s, cookie, "/office?month=2018-10")
		})
	}
}

// BenchmarkOfficeYear serves the year overview: 16 units × 12 months.
func BenchmarkOfficeYear(b *testing.B) {
	for _, years := range []int{1, 5} {
		b.Run(fmt.Sprintf("%d-years-stored", years), func(b *testing.B) {
			s, cookie := benchDesk(b, 2019-years, 2018)
			benchPage(b, s, cookie, "/office/year?year=2018")
		})
	}
}
