package desk

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"jianbao/internal/testkit"
	"jianbao/rollup"
)

// download clicks the link selector names, lets the browser save the file
// it leads to, and returns the file's bytes.
func (tb *tab) download(t *testing.T, selector string) []byte {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	events := true
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior:         cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName,
				BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
				DownloadPath:     dir,
				EventsEnabled:    &events,
			})
			return err
		}),
		chromedp.Click(selector))
	if err != nil {
		t.Fatalf("%s, clicking %s: %v", tb.name, selector, err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("%s, downloading %s: %v", tb.name, selector, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return data
		case cdpbrowser.DownloadProgressStateCanceled:
			t.Fatalf("%s: the download of %s was cancelled", tb.name, selector)
		}
	}
	t.Fatalf("%s: %s downloaded nothing", tb.name, selector)
	return nil
}

// d. The office makes the month's briefing from the sheets it accepted and
// downloads the PDF, which is the command line's rollup of the same sheets
// byte for byte; the sheet it returned is not in it.
func (f *browserFlow) officeMakesBriefing(t *testing.T) {
	tb := f.tabs[OfficeLogin]
	tb.open(t, f.d.ts.URL+"/office?month=2018-10", "grid-before-briefing")
	tb.submit(t, "briefings", chromedp.Click(`main a[href^="/office/briefings?month=2018-10"]`))
	text := tb.text(t)
	if !strings.Contains(text, "简报中将列为未报送") || !strings.Contains(text, "兴宁区") {
		t.Errorf("the briefing page does not say which units are left out:\n%s", text)
	}
	tb.submit(t, "briefing-made", chromedp.Click(`form[method=post][action="/office/briefings"] button[type=submit]`))
	if text := tb.text(t); !strings.Contains(text, "青秀区第2版") || !strings.Contains(text, "江南区第1版") {
		t.Fatalf("the briefing made does not list the versions it used: %s\n%s", tb.path(t), text)
	}
	pdf := tb.download(t, `a[href$="/briefing.pdf"]`)
	export := tb.download(t, `a[href$="/export.zip"]`)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the download is no PDF: %q", pdf[:min(len(pdf), 16)])
	}

	bs, err := f.d.st.briefings()
	if err != nil || len(bs) != 1 {
		t.Fatalf("briefings kept: %d, %v", len(bs), err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if names := testkit.Unzip(t, export, dir); len(names) != 2 {
		t.Fatalf("the export holds %v, want the two accepted sheets", names)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := rollup.Run(dir, out, rollup.Options{Config: f.d.cfg, Narrative: f.d.srv.narrative,
		At: bs[0].GeneratedAt, Version: f.d.srv.version}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(out, "briefing.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, want) {
		t.Errorf("the PDF downloaded (%d bytes) differs from the rollup of the accepted sheets (%d bytes)", len(pdf), len(want))
	}
	if text := pdfText(t, pdf); text != "" && !strings.Contains(text, "青秀区") {
		t.Errorf("the PDF's text names no 青秀区:\n%s", text)
	}
}

// pdfText is the text of a PDF as pdftotext reads it, or "" when poppler
// is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	p := filepath.Join(t.TempDir(), "briefing.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// englishWord is a run of Latin letters a page's reader would take for a
// word; file kinds, the office's login and a few names of things are not.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// hexDigits are part of a checksum, as the audit log shows an original's.
var hexDigits = regexp.MustCompile(`^[0-9a-f]+$`)

var latinAllowed = map[string]bool{"xlsx": true, "xls": true, "xlsm": true, "csv": true, "zip": true, "pdf": true, "PDF": true,
	"office": true, "Excel": true, "WPS": true, "json": true}

// noEnglish fails when the page's text has a word of English in it.
func noEnglish(t *testing.T, tb *tab, page string) {
	t.Helper()
	for _, w := range englishWord.FindAllString(tb.text(t), -1) {
		if !latinAllowed[w] && !hexDigits.MatchString(w) {
			t.Errorf("%s: the page has the word %q", page, w)
		}
	}
}

// e. The pages not yet seen: each loads, in Chinese. With screenshots
// asked for, each is kept.
func (f *browserFlow) otherPages(t *testing.T) {
	office := f.tabs[OfficeLogin]
	for _, p := range []struct{ path, shot string }{
		{"/office?month=2018-10", "month"},
		{"/office/year?year=2018", "year"},
		{"/office/accounts", "accounts"},
		{"/office/audit", "audit"},
		{"/office/briefings?month=2018-10", "briefings"},
	} {
		office.open(t, f.d.ts.URL+p.path, p.shot)
		if office.path(t) != p.path {
			t.Errorf("%s led to %s", p.path, office.path(t))
		}
		noEnglish(t, office, p.path)
	}
	office.submit(t, "remade", chromedp.Click(`form[action$="/remake"] button[type=submit]`))
	if text := office.text(t); !strings.Contains(text, "相同") {
		t.Errorf("the remake says:\n%s", text)
	}
	noEnglish(t, office, "remake")

	unit := f.tabs["青秀区"]
	unit.open(t, f.d.ts.URL+"/unit?month=2018-10", "home-after-briefing")
	noEnglish(t, unit, "/unit")
	unit.submit(t, "second-version", chromedp.Click(`main table a[href^="/unit/versions/"]`))
	if text := unit.text(t); !strings.Contains(text, "第2版") {
		t.Errorf("the unit's version page:\n%s", text)
	}
	noEnglish(t, unit, "the version page")
	// Two files at once: this month's sheet again and September's.
	unit.open(t, f.d.ts.URL+"/unit?month=2018-10", "before-two-files")
	unit.submit(t, "two-files",
		chromedp.SetUploadFiles(`input[name=file]`, []string{
			f.sheetFile(t, "samples/2018-10/南宁市青秀区2018年10月两重两问统计表.xlsx", "青秀区十月（再报）.xlsx"),
			f.sheetFile(t, "samples/2018-09/青秀区-201809.xlsx", "青秀区九月.xlsx")}),
		chromedp.Click(uploadButton))
	if text := unit.text(t); !strings.Contains(text, "青秀区九月.xlsx") || !strings.Contains(text, "2018年9月") {
		t.Errorf("the page after two files:\n%s", text)
	}
	noEnglish(t, unit, "the upload of two files")
}
