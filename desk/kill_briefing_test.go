//go:build unix

package desk

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// briefingFolders are the folders under briefings/ of a desk folder.
func briefingFolders(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, briefingsName))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// Killing the desk (SIGKILL) at any point of making a briefing leaves no
// half briefing: after a restart on the same folder, the briefings listed
// are whole, no folder is left that is not listed, and a briefing made
// then is numbered and made as if the killed one had never started. A
// briefing answered before the kill is kept whole.
func TestKillDuringBriefing(t *testing.T) {
	dir, first := newDeskFolder(t)
	p := startDeskProcess(t, dir)
	office, _ := p.logIn(OfficeLogin, first[OfficeLogin])
	for _, u := range []string{"青秀区", "兴宁区"} {
		clerk, _ := p.logIn(u, first[u])
		v := clerk.upload(u+".csv", []byte(strings.Replace(goodSheet, "青秀区", u, 1)))
		if code, _, body := clerk.post(v+"/send", url.Values{}); code != http.StatusSeeOther {
			t.Fatalf("send %s: %d\n%s", u, code, body)
		}
		if code, _, body := office.post("/office/versions/"+versionID(v)+"/review", url.Values{"decision": {"accept"}}); code != http.StatusSeeOther {
			t.Fatalf("accept %s: %d\n%s", u, code, body)
		}
	}
	month := url.Values{"month": {"2018-10"}}

	for _, at := range []string{"exported", "written", "placed"} {
		t.Run("killed when "+at, func(t *testing.T) {
			p.kill()
			p.env = []string{deskPauseEnv + "=" + at}
			p.restart()
			answered := make(chan int, 1)
			go func() {
				req, _ := http.NewRequest("POST", p.url+"/office/briefings", strings.NewReader(month.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := office.c.Do(req)
				if err != nil {
					answered <- 0
					return
				}
				resp.Body.Close()
				answered <- resp.StatusCode
			}()
			p.await("paused " + at)
			p.kill()
			if code := <-answered; code != 0 {
				t.Fatalf("the briefing cut off was answered: %d", code)
			}
			p.env = nil
			p.restart()
			if fs := briefingFolders(t, dir); len(fs) != 0 {
				t.Errorf("after the restart, briefings/ holds %v, and none is listed", fs)
			}
			if _, err := os.Stat(filepath.Join(dir, "tmp")); err == nil {
				if es, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(es) != 0 {
					t.Errorf("after the restart, tmp/ holds %d entries", len(es))
				}
			}
			if _, _, page := office.get("/office/briefings?month=2018-10"); !strings.Contains(page, "还没有生成过简报") {
				t.Errorf("a briefing cut off is listed:\n%s", page)
			}
		})
	}

	t.Run("killed after the briefing is answered", func(t *testing.T) {
		code, loc, body := office.post("/office/briefings", month)
		if code != http.StatusSeeOther {
			t.Fatalf("make the briefing: %d\n%s", code, body)
		}
		_, _, before := office.get(loc)
		p.kill()
		p.restart()
		_, _, after := office.get(loc)
		if before != after || !strings.Contains(after, `href="/office/briefings/1/briefing.pdf"`) {
			t.Errorf("the briefing's page differs after the restart:\nbefore:\n%s\nafter:\n%s", before, after)
		}
		if fs := briefingFolders(t, dir); len(fs) != 1 || fs[0] != strconv.Itoa(1) {
			t.Errorf("briefings/ holds %v, want the one folder 1", fs)
		}
		code, _, page := office.post("/office/briefings/1/remake", url.Values{})
		if code != http.StatusOK || !strings.Contains(page, "重新生成的文件与留存的完全相同") {
			t.Errorf("remake after the restart: %d\n%s", code, page)
		}
	})
}
