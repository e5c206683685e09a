package desk

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// BenchmarkCheckPage is a clerk's upload of one sample sheet through the
// desk's handler, to the page that shows it checked: the upload read and
// checked and kept, then its version's page (the sheet read again, and
// compared with the version before it).
func BenchmarkCheckPage(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "2018-10", "南宁市青秀区2018年10月两重两问统计表.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := templates.Default()
	dir := filepath.Join(b.TempDir(), "desk")
	pws, err := createStore(dir, unitNames(cfg), bcrypt.MinCost, testSetUp)
	if err != nil {
		b.Fatal(err)
	}
	st, err := openStore(dir, func() time.Time { return time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local) })
	if err != nil {
		b.Fatal(err)
	}
	defer st.close()
	h := newServer(st, cfg).handler()
	var a *account
	for _, p := range pws {
		if p.Login == "青秀区" {
			a, err = st.checkPassword(p.Login, p.Password)
		}
	}
	if a == nil || err != nil {
		b.Fatalf("青秀区 does not log in: %v", err)
	}
	if err := st.setPassword(a.ID, "benchmark-password", bcrypt.MinCost); err != nil {
		b.Fatal(err)
	}
	token, err := st.newSession(a.ID)
	if err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: cookieName, Value: token}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("month", "2018-10")
	fw, _ := mw.CreateFormFile("file", "青秀区.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	form, kind := body.Bytes(), mw.FormDataContentType()

	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/unit/upload", bytes.NewReader(form))
		req.Header.Set("Content-Type", kind)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/unit/versions/") {
			b.Fatalf("upload: status %d, location %q\n%s", rec.Code, loc, rec.Body)
		}
		req = httptest.NewRequest("GET", loc, nil)
		req.AddCookie(cookie)
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "可以报送") {
			b.Fatalf("check page: status %d\n%s", rec.Code, rec.Body)
		}
	}
}
