package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jianbao/desk"
	"jianbao/ingest"
	"jianbao/internal/testkit"
	"jianbao/rollup"
	"jianbao/templates"
)

// browser is one user of a desk served on loopback: it keeps cookies and
// does not follow redirects.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: strings.TrimSuffix(base, "/"), c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request and returns its status, where it redirects to and
// its body.
func (b *browser) do(req *http.Request) (int, string, []byte) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), body
}

func (b *browser) get(path string) []byte {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+path, nil)
	code, _, body := b.do(req)
	if code != http.StatusOK {
		b.t.Fatalf("GET %s: status %d\n%s", path, code, body)
	}
	return body
}

// post sends a form and returns where it redirects to.
func (b *browser) post(path string, form url.Values) string {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, loc, body := b.do(req)
	if code != http.StatusSeeOther {
		b.t.Fatalf("POST %s: status %d\n%s", path, code, body)
	}
	return loc
}

// logIn logs in with the first password and changes it.
func (b *browser) logIn(login, password string) {
	b.t.Helper()
	b.post("/login", url.Values{"login": {login}, "password": {password}})
	next := password + "-2"
	b.post("/password", url.Values{"current": {password}, "new": {next}, "again": {next}})
}

// upload sends a sheet for month and returns the path of its version.
func (b *browser) upload(month, name string, data []byte) string {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("month", month)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", b.base+"/unit/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	code, loc, body := b.do(req)
	if code != http.StatusSeeOther {
		b.t.Fatalf("upload %s: status %d\n%s", name, code, body)
	}
	return loc
}

// The briefing the collection desk makes is, byte for byte in all three
// files, what `jianbao rollup` writes for the export the desk offers,
// given the briefing's time: the desk's sheets are uploaded, sent and
// accepted through its pages, the command reads the unzipped export.
func TestDeskBriefingEqualsRollupCommand(t *testing.T) {
	cfg := templates.Default()
	dir := filepath.Join(t.TempDir(), "收表台")
	pws, err := desk.Init(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, p := range pws {
		first[p.Login] = p.Password
	}
	now := time.Date(2018, 11, 5, 9, 30, 27, 0, time.Local)
	narrative, err := templates.Briefing("")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- desk.Run(ctx, desk.Options{Data: dir, Config: cfg, Addr: "127.0.0.1:0", Narrative: narrative,
			Version: version, Now: func() time.Time { return now }, Ready: func(u string) { ready <- u }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatal(err)
	}

	// Three units' sheets of every month, as the units send them.
	units := map[string]bool{"青秀区": true, "西乡塘区": true, "高新区": true}
	rd := ingest.NewReader(cfg)
	clerks := map[string]*browser{}
	var sent []string
	files, _ := filepath.Glob(filepath.Join("samples", "*", "*.xlsx"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		unit := rd.Read(filepath.Base(f), data).Unit
		if !units[unit] {
			continue
		}
		if clerks[unit] == nil {
			clerks[unit] = newBrowser(t, base)
			clerks[unit].logIn(unit, first[unit])
		}
		v := clerks[unit].upload(filepath.Base(filepath.Dir(f)), filepath.Base(f), data)
		clerks[unit].post(v+"/send", url.Values{})
		sent = append(sent, v[strings.LastIndex(v, "/")+1:])
	}
	if len(sent) != 30 {
		t.Fatalf("%d sheets sent, want 30", len(sent))
	}
	office := newBrowser(t, base)
	office.logIn(desk.OfficeLogin, first[desk.OfficeLogin])
	for _, id := range sent {
		office.post("/office/versions/"+id+"/review", url.Values{"decision": {"accept"}})
	}
	office.post("/office/briefings", url.Values{"month": {"2018-10"}})
	m := regexp.MustCompile(`/office/briefings/(\d+)/export\.zip`).FindSubmatch(office.get("/office/briefings?month=2018-10"))
	if m == nil {
		t.Fatal("no briefing listed")
	}
	id := string(m[1])

	export := filepath.Join(t.TempDir(), "汇总用报表")
	testkit.Unzip(t, office.get("/office/briefings/"+id+"/export.zip"), export)
	out := filepath.Join(t.TempDir(), "out")
	// The briefing's time as the page shows it.
	if !bytes.Contains(office.get("/office/briefings?month=2018-10"), []byte("<td>2018-11-05 09:30</td>")) {
		t.Fatal("the page does not show the briefing's time")
	}
	code, stdout, stderr := run(t, "rollup", "--quiet", "--generated-at", "2018-11-05T09:30", "--out", out, export)
	if code != exitOK || !strings.Contains(stdout, "读取30个文件，采用30份报表") {
		t.Fatalf("rollup: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, n := range rollup.Names {
		want, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		if got := office.get("/office/briefings/" + id + "/" + n); !bytes.Equal(got, want) {
			t.Errorf("%s: the desk's (%d bytes) differs from the command's (%d bytes)", n, len(got), len(want))
		}
	}
}
