//go:build unix

package desk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"jianbao/templates"
)

// A desk in a process of its own: the test binary run again, as the desk
// on a folder, so that a test can kill it as a power cut or the task
// manager would (SIGKILL: no deferred function, no shutdown) and start it
// again on the same folder.

// deskProcessEnv names the data folder that the test binary, run again,
// serves as a desk (see TestDeskProcess).
const deskProcessEnv = "JIANBAO_DESK_PROCESS"

// deskPauseEnv names a step of making a briefing (see afterStep) at which
// a desk process stops and waits to be killed, saying "paused STEP" on
// its stdout.
const deskPauseEnv = "JIANBAO_DESK_PAUSE"

// deskProcessClock is the time of a desk process: fixed, so that its pages
// are the same before and after a restart.
var deskProcessClock = time.Date(2018, 11, 5, 10, 0, 0, 0, time.Local)

// TestDeskProcess is not a test: it is the desk process itself when the
// test binary is run again with deskProcessEnv set. It serves on a free
// loopback port, says where on stdout, and ends when its standard input
// closes (the test that started it ended) or at SIGTERM.
func TestDeskProcess(t *testing.T) {
	dir := os.Getenv(deskProcessEnv)
	if dir == "" {
		t.Skip("the desk process of the tests that kill it; run by them")
	}
	if at := os.Getenv(deskPauseEnv); at != "" {
		afterStep = func(step string) {
			if step == at {
				fmt.Printf("paused %s\n", step)
				select {} // until killed
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	err := Run(ctx, Options{Data: dir, Config: templates.Default(), Addr: "127.0.0.1:0",
		Now:   func() time.Time { return deskProcessClock },
		Ready: func(url string) { fmt.Printf("desk-url %s\n", url) }})
	if err != nil {
		t.Fatal(err)
	}
}

// deskProcess is a desk served by a process of its own on folder dir.
type deskProcess struct {
	t      *testing.T
	dir    string
	cmd    *exec.Cmd
	stdin  io.Closer
	url    string        // where it serves: http://127.0.0.1:port (no slash)
	env    []string      // added to the process's environment at its next start
	said   chan string   // the other lines of its stdout
	done   chan struct{} // closed when the process has ended
	stderr *bytes.Buffer
}

// startTimeout bounds how long a desk process may take to listen.
const startTimeout = 30 * time.Second

// startDeskProcess starts a desk process on dir, an existing desk folder,
// and returns once it listens. The process is killed when the test ends.
func startDeskProcess(t *testing.T, dir string) *deskProcess {
	t.Helper()
	p := &deskProcess{t: t, dir: dir}
	p.start()
	t.Cleanup(func() {
		if p.running() {
			p.kill()
		}
	})
	return p
}

func (p *deskProcess) start() {
	p.t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeskProcess$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), deskProcessEnv+"="+p.dir), p.env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		p.t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		p.t.Fatal(err)
	}
	p.stderr = &bytes.Buffer{}
	cmd.Stderr = &lockedWriter{w: p.stderr}
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	p.cmd, p.stdin, p.done = cmd, stdin, make(chan struct{})
	p.said = make(chan string, 16)
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "desk-url "); ok {
				urls <- strings.TrimSuffix(u, "/")
			} else {
				select {
				case p.said <- sc.Text():
				default:
				}
			}
		}
		_ = cmd.Wait()
		close(p.done)
	}()
	select {
	case p.url = <-urls:
	case <-p.done:
		p.t.Fatalf("the desk process ended before it listened:\n%s", p.stderr)
	case <-time.After(startTimeout):
		p.kill()
		p.t.Fatalf("the desk process did not listen within %v:\n%s", startTimeout, p.stderr)
	}
}

// await waits until the process says line on its stdout.
func (p *deskProcess) await(line string) {
	p.t.Helper()
	timeout := time.After(startTimeout)
	for {
		select {
		case l := <-p.said:
			if l == line {
				return
			}
		case <-p.done:
			p.t.Fatalf("the desk process ended before it said %q:\n%s", line, p.stderr)
		case <-timeout:
			p.t.Fatalf("the desk process did not say %q within %v:\n%s", line, startTimeout, p.stderr)
		}
	}
}

func (p *deskProcess) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// kill ends the process with SIGKILL and waits until it has ended.
func (p *deskProcess) kill() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && p.running() {
		p.t.Fatal(err)
	}
	<-p.done
	_ = p.stdin.Close()
}

// stop ends the process as Ctrl+C would, and waits until it has ended.
func (p *deskProcess) stop() {
	p.t.Helper()
	_ = p.stdin.Close()
	<-p.done
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		p.t.Fatalf("the desk process ended with status %d:\n%s", code, p.stderr)
	}
}

// restart starts the desk again on the same folder, once the process has
// ended (killed or stopped).
func (p *deskProcess) restart() {
	p.t.Helper()
	if p.running() {
		p.t.Fatal("restart of a desk process that still runs")
	}
	p.start()
}

// lockedWriter lets the process write its stderr while a test reads it.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// processUser is one user's browser at a desk process: it keeps its
// cookies across restarts (they are bound to the host, not the port) and
// does not follow redirects.
type processUser struct {
	p *deskProcess
	c *http.Client
}

// logIn logs login in with password, changing a first password to
// password+"-changed", and returns the user and the password it now has.
func (p *deskProcess) logIn(login, password string) (*processUser, string) {
	p.t.Helper()
	jar, _ := cookiejar.New(nil)
	u := &processUser{p: p, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if code, _, body := u.post("/login", url.Values{"login": {login}, "password": {password}}); code != http.StatusSeeOther {
		p.t.Fatalf("login %s: status %d\n%s", login, code, body)
	}
	if _, loc, _ := u.get("/"); loc == "/password" {
		next := password + "-changed"
		form := url.Values{"current": {password}, "new": {next}, "again": {next}}
		if code, _, body := u.post("/password", form); code != http.StatusSeeOther {
			p.t.Fatalf("password of %s: status %d\n%s", login, code, body)
		}
		password = next
	}
	return u, password
}

// do sends a request to the desk and returns its status, the redirect's
// target and the body.
func (u *processUser) do(req *http.Request) (int, string, string) {
	u.p.t.Helper()
	resp, err := u.c.Do(req)
	if err != nil {
		u.p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func (u *processUser) get(path string) (int, string, string) {
	req, _ := http.NewRequest("GET", u.p.url+path, nil)
	return u.do(req)
}

func (u *processUser) post(path string, form url.Values) (int, string, string) {
	req, _ := http.NewRequest("POST", u.p.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return u.do(req)
}

// uploadRequest is the form a clerk's browser sends for one file, its body
// read from body, which holds the file's data only.
func (u *processUser) uploadRequest(month, name string, data io.Reader) *http.Request {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("month", month)
		fw, _ := mw.CreateFormFile("file", name)
		if _, err := io.Copy(fw, data); err != nil {
			pw.CloseWithError(err)
			return
		}
		pw.CloseWithError(mw.Close())
	}()
	req, _ := http.NewRequest("POST", u.p.url+"/unit/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// upload sends a whole file and returns the path of the version it made.
func (u *processUser) upload(name string, data []byte) string {
	u.p.t.Helper()
	code, loc, body := u.do(u.uploadRequest("2018-10", name, bytes.NewReader(data)))
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/unit/versions/") {
		u.p.t.Fatalf("upload %s: status %d, location %q\n%s", name, code, loc, body)
	}
	return loc
}
