package desk

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test drives the desk through Debian's chromium, headless, on
// loopback, as a clerk and the office use it. It is skipped when no
// chromium is installed, unless JIANBAO_BROWSER=required (as in CI), and
// with JIANBAO_SCREENSHOTS=DIR it keeps a full-page PNG of every page it
// visits in DIR.

const (
	browserWidth, browserHeight = 1366, 768
	browserTimeout              = 90 * time.Second // the whole test, browser included
	pageTimeout                 = 15 * time.Second // one page's actions
)

// chromiumPath is the browser to drive, or "" when none is installed.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless chromium; each user of the desk gets a tab in a
// browser context of its own, so that users keep their own cookies.
type browser struct {
	t     *testing.T
	ctx   context.Context
	shots string // folder of the screenshots, "" for none
	n     int    // screenshots taken
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("JIANBAO_BROWSER") == "required" {
			t.Fatal("no chromium installed, and JIANBAO_BROWSER=required")
		}
		t.Skip("no chromium installed (set JIANBAO_BROWSER=required to make this a failure)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(browserWidth, browserHeight),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("no-proxy-server", true), // the desk is on loopback; nothing else is reached
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		// As the clerks' browsers: the file picker's words in Chinese, when
		// Debian's chromium-l10n is installed.
		chromedp.Env("LANGUAGE=zh_CN", "LANG=C.UTF-8"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() { _ = chromedp.Cancel(bctx); bcancel() })
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", path, err)
	}
	b := &browser{t: t, ctx: bctx, shots: os.Getenv("JIANBAO_SCREENSHOTS")}
	if b.shots != "" {
		if err := os.MkdirAll(b.shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// tab is one user's tab.
type tab struct {
	b    *browser
	ctx  context.Context
	name string // for the screenshots' names
}

func (b *browser) tab(t *testing.T, name string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	// The first run opens the tab and binds its life to the context it is
	// given: the tab's own, not one with a page's time limit.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(browserWidth, browserHeight)); err != nil {
		t.Fatalf("opening a tab for %s: %v", name, err)
	}
	return &tab{b: b, ctx: ctx, name: name}
}

// run runs actions within the time of one page.
func (tb *tab) run(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s, %s: %v", tb.name, what, err)
	}
}

// open loads url and takes its screenshot.
func (tb *tab) open(t *testing.T, url, shot string) {
	t.Helper()
	tb.run(t, "opening "+url, chromedp.Navigate(url))
	tb.shot(t, shot)
}

// submit does actions that end in a navigation (a click on a form's button),
// waits for the page they lead to, checks it loaded, and takes its
// screenshot.
func (tb *tab) submit(t *testing.T, shot string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("%s, before %s: %v", tb.name, shot, err)
	}
	if resp.Status != 200 {
		t.Fatalf("%s, %s: status %d %s at %s", tb.name, shot, resp.Status, resp.StatusText, resp.URL)
	}
	tb.shot(t, shot)
}

// eval returns the value of a JavaScript expression on the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s, evaluating %s: %v", tb.name, expr, err)
	}
	return v
}

// path is the path of the page the tab shows.
func (tb *tab) path(t *testing.T) string {
	return eval[string](t, tb, `location.pathname + location.search`)
}

// text is the text of the page's main part, as the user reads it.
func (tb *tab) text(t *testing.T) string {
	return eval[string](t, tb, `document.querySelector("main") ? document.querySelector("main").innerText : document.body.innerText`)
}

// shot saves a full-page PNG of the page when screenshots are asked for.
func (tb *tab) shot(t *testing.T, name string) {
	t.Helper()
	b := tb.b
	if b.shots == "" {
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("%s, screenshot %s: %v", tb.name, name, err)
	}
	b.n++
	file := filepath.Join(b.shots, fmt.Sprintf("%02d-%s-%s.png", b.n, tb.name, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Form fields and buttons, as the pages name them.
const (
	loginButton    = `form[action="/login"] button[type=submit]`
	passwordButton = `form[action="/password"] button[type=submit]`
	uploadButton   = `form[action="/unit/upload"] button[type=submit]`
	sendButton     = `form[action$="/send"] button[type=submit]`
	reviewButton   = `form[action$="/review"] button[type=submit]`
)

// browserFlow is the month of a few units and the office, as the browser
// test goes through it step by step.
type browserFlow struct {
	d     *testDesk
	b     *browser
	files string          // folder of the sheets the clerks pick
	tabs  map[string]*tab // login → the user's tab
}

// sheetFile copies a sheet of the repository (a path from the
// repository's root) to the folder the clerks pick their files from, as
// name, and returns its path there.
func (f *browserFlow) sheetFile(t *testing.T, from, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", from))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(f.files, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// logIn opens the desk as login, logs in with the first password and
// changes it, as a user does the first time, ending on the user's home page.
func (f *browserFlow) logIn(t *testing.T, login, shotName string) *tab {
	t.Helper()
	tb := f.b.tab(t, shotName)
	f.tabs[login] = tb
	tb.open(t, f.d.ts.URL+"/", "login")
	if p := tb.path(t); p != "/login" {
		t.Fatalf("%s: the desk opens on %s, want the login page", login, p)
	}
	tb.submit(t, "first-password",
		chromedp.SendKeys(`input[name=login]`, login),
		chromedp.SendKeys(`input[name=password]`, f.d.pw[login]),
		chromedp.Click(loginButton))
	if p, text := tb.path(t), tb.text(t); p != "/password" || !strings.Contains(text, "第一次登录") {
		t.Fatalf("%s: after the first login, %s:\n%s", login, p, text)
	}
	next := "新密码-" + f.d.pw[login]
	tb.submit(t, "home",
		chromedp.SendKeys(`input[name=current]`, f.d.pw[login]),
		chromedp.SendKeys(`input[name=new]`, next),
		chromedp.SendKeys(`input[name=again]`, next),
		chromedp.Click(passwordButton))
	f.d.pw[login] = next
	return tb
}

// upload picks a sheet on the unit's page and uploads it, ending on the
// version's page.
func (f *browserFlow) upload(t *testing.T, tb *tab, file, shot string) {
	t.Helper()
	tb.submit(t, shot,
		chromedp.SetUploadFiles(`input[name=file]`, []string{file}),
		chromedp.Click(uploadButton))
	if p := tb.path(t); !strings.HasPrefix(p, "/unit/versions/") {
		t.Fatalf("%s: after the upload, %s:\n%s", tb.name, p, tb.text(t))
	}
}

// markedCell is a cell the page marks, with the message written in it.
type markedCell struct {
	Value   string `json:"value"`
	Message string `json:"message"`
}

// markedCells are the cells of the sheet on the page with the class mark.
func markedCells(t *testing.T, tb *tab, mark string) []markedCell {
	return eval[[]markedCell](t, tb, `Array.from(document.querySelectorAll(".sheet td.`+mark+`")).map(td => ({
		value: td.firstChild && td.firstChild.nodeType === Node.TEXT_NODE ? td.firstChild.textContent : "",
		message: td.querySelector(".msg") ? td.querySelector(".msg").textContent : ""}))`)
}

// monthGrid is the office's month grid on the page: unit → status.
func monthGrid(t *testing.T, tb *tab) map[string]string {
	return eval[map[string]string](t, tb, `Object.fromEntries(Array.from(document.querySelectorAll("main table tr"))
		.filter(tr => tr.cells.length > 1 && tr.cells[0].tagName === "TD")
		.map(tr => [tr.cells[0].textContent.trim(), tr.cells[1].textContent.trim()]))`)
}

// a. A clerk logs in for the first time, changes the first password,
// uploads a sheet with a fraction in it and sees that cell marked.
func (f *browserFlow) unitSeesMarkedCell(t *testing.T) {
	tb := f.logIn(t, "青秀区", "unit")
	if p := tb.path(t); p != "/unit" {
		t.Fatalf("the unit's home is %s, want /unit", p)
	}
	if text := tb.text(t); !strings.Contains(text, "青秀区 · 2018年10月报表") || !strings.Contains(text, "未报送") {
		t.Fatalf("the unit's page:\n%s", text)
	}
	f.upload(t, tb, f.sheetFile(t, "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx", "青秀区十月.xlsx"), "marked-cell")
	cells := markedCells(t, tb, "error")
	var found bool
	for _, c := range cells {
		if c.Value == "12.5" && strings.Contains(c.Message, "不是0或正整数") {
			found = true
		}
	}
	if !found {
		t.Errorf("no cell 12.5 marked as an error with its message; marked: %+v", cells)
	}
	text := tb.text(t)
	if !strings.Contains(text, "需修改后报送") {
		t.Errorf("the verdict is not 需修改后报送:\n%s", text)
	}
	if n := eval[int](t, tb, "document.querySelectorAll("+strconv.Quote(sendButton)+").length"); n != 0 {
		t.Error("a sheet with errors is offered for sending")
	}
}

// b. The clerk uploads the fixed sheet and sends it; two other units send
// theirs.
func (f *browserFlow) unitsSend(t *testing.T) {
	tb := f.tabs["青秀区"]
	tb.open(t, f.d.ts.URL+"/unit", "back-to-unit")
	f.upload(t, tb, f.sheetFile(t, "samples/2018-10/南宁市青秀区2018年10月两重两问统计表.xlsx", "青秀区十月（改）.xlsx"), "fixed")
	if text := tb.text(t); !strings.Contains(text, "可以报送") {
		t.Fatalf("the fixed sheet is not ready to send:\n%s", text)
	}
	if cells := markedCells(t, tb, "error"); len(cells) != 0 {
		t.Errorf("the fixed sheet has marked cells: %+v", cells)
	}
	tb.submit(t, "sent", chromedp.Click(sendButton))
	if text := tb.text(t); !strings.Contains(text, "状态：已报送") || !strings.Contains(text, "第2版") {
		t.Fatalf("after sending, the unit's page:\n%s", text)
	}
	for i, u := range []string{"兴宁区", "江南区"} {
		o := f.logIn(t, u, fmt.Sprintf("unit%d", i+2))
		f.upload(t, o, f.sheetFile(t, "samples/2018-10/"+u+".xlsx", u+".xlsx"), "checked")
		o.submit(t, "sent", chromedp.Click(sendButton))
		if text := o.text(t); !strings.Contains(text, "状态：已报送") {
			t.Fatalf("%s after sending:\n%s", u, text)
		}
	}
}

// c. The office sees who has sent, returns one unit's sheet with a reason,
// which that unit then reads, and accepts the others.
func (f *browserFlow) officeReviews(t *testing.T) {
	tb := f.logIn(t, OfficeLogin, "office")
	if p := tb.path(t); p != "/office" {
		t.Fatalf("the office's home is %s, want /office", p)
	}
	g := monthGrid(t, tb)
	want := map[string]string{"青秀区": statusSent.Word, "兴宁区": statusSent.Word, "江南区": statusSent.Word, "西乡塘区": statusNone.Word}
	for u, s := range want {
		if g[u] != s {
			t.Errorf("grid: %s is %q, want %q (grid %v)", u, g[u], s, g)
		}
	}
	if len(g) != len(f.d.cfg.Units) {
		t.Errorf("grid has %d units, want %d", len(g), len(f.d.cfg.Units))
	}
	if text := tb.text(t); !strings.Contains(text, statusSent.Word+" 3 个") {
		t.Errorf("the grid's counts:\n%s", text)
	}
	reason := "脱贫攻坚的派出人次与上月差别大，请核对后重报"
	review := func(unit, decision string) {
		t.Helper()
		tb.submit(t, "version-"+decision, chromedp.Click(`//tr[td[1]="`+unit+`"]//a`))
		if text := tb.text(t); !strings.Contains(text, unit+" · 2018年10月") || !strings.Contains(text, "审核") {
			t.Fatalf("the version of %s:\n%s", unit, text)
		}
		actions := []chromedp.Action[chromedp.Void]{chromedp.Click(`input[name=decision][value=` + decision + `]`)}
		if decision == "return" {
			actions = append(actions, chromedp.SendKeys(`textarea[name=reason]`, reason))
		}
		tb.submit(t, "grid-after-"+decision, append(actions, chromedp.Click(reviewButton))...)
		if p := tb.path(t); p != "/office?month=2018-10" {
			t.Fatalf("after the review of %s, %s", unit, p)
		}
	}
	review("兴宁区", "return")
	if g := monthGrid(t, tb); g["兴宁区"] != statusReturned.Word {
		t.Errorf("grid after the return: 兴宁区 is %q, want %q", g["兴宁区"], statusReturned.Word)
	}
	review("青秀区", "accept")
	review("江南区", "accept")
	g = monthGrid(t, tb)
	for u, s := range map[string]string{"青秀区": statusAccepted.Word, "江南区": statusAccepted.Word, "兴宁区": statusReturned.Word, "西乡塘区": statusNone.Word} {
		if g[u] != s {
			t.Errorf("grid after the reviews: %s is %q, want %q", u, g[u], s)
		}
	}

	u := f.tabs["兴宁区"]
	u.open(t, f.d.ts.URL+"/unit", "returned")
	notice := eval[string](t, u, `document.querySelector(".notice") ? document.querySelector(".notice").textContent : ""`)
	if !strings.Contains(notice, reason) {
		t.Errorf("兴宁区 does not read the reason; notice %q:\n%s", notice, u.text(t))
	}
	if text := u.text(t); !strings.Contains(text, "状态：已退回") {
		t.Errorf("兴宁区's status:\n%s", text)
	}
}

// A month at the desk through the browser: each step goes on from where
// the one before left off, and the steps after a failed one are not run.
func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	f := &browserFlow{d: newTestDesk(t, nil), b: b, files: t.TempDir(), tabs: map[string]*tab{}}
	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"a unit logs in and sees a wrong cell marked", f.unitSeesMarkedCell},
		{"the unit sends the fixed sheet", f.unitsSend},
		{"the office returns one and accepts the others", f.officeReviews},
		{"the office makes the briefing and downloads the PDF", f.officeMakesBriefing},
		{"the other pages", f.otherPages},
	}
	for _, s := range steps {
		if !t.Run(s.name, s.run) {
			break
		}
	}
}
