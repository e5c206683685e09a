package desk

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// Run calls the opener, once it listens, with an address this machine's
// browser reaches: the served address itself, or loopback for a desk open
// to the whole LAN. The desk answers there before Run returns.
func TestRunOpensBrowser(t *testing.T) {
	cfg := templates.Default()
	dir := filepath.Join(t.TempDir(), "desk")
	if _, err := createStore(dir, unitNames(cfg), bcrypt.MinCost, testSetUp); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		addr, wantPrefix string
	}{
		{"127.0.0.1:0", "http://127.0.0.1:"},
		{"0.0.0.0:0", "http://127.0.0.1:"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var ready string
			var opened []string
			var status int
			err := Run(ctx, Options{Data: dir, Config: cfg, Addr: tt.addr,
				Ready: func(url string) { ready = url },
				Open: func(url string) {
					opened = append(opened, url)
					resp, err := http.Get(url + "login")
					if err != nil {
						t.Error(err)
					} else {
						resp.Body.Close()
						status = resp.StatusCode
					}
					cancel() // the desk ends as its user would end it
				}})
			if err != nil {
				t.Fatal(err)
			}
			if len(opened) != 1 || !strings.HasPrefix(opened[0], tt.wantPrefix) || !strings.HasSuffix(opened[0], "/") {
				t.Fatalf("opened %q, want one address starting %s", opened, tt.wantPrefix)
			}
			if port := opened[0][strings.LastIndex(opened[0], ":"):]; !strings.HasSuffix(ready, port) {
				t.Errorf("opened %s, but the desk is served at %s", opened[0], ready)
			}
			if status != http.StatusOK {
				t.Errorf("the opened address answers %d, want 200", status)
			}
		})
	}
	t.Run("no opener", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := Run(ctx, Options{Data: dir, Config: cfg, Addr: "127.0.0.1:0"}); err != nil {
			t.Fatal(err)
		}
	})
}

// The desk's server refuses a request whose headers are larger than any
// browser sends, and gives an answer a time limit long enough for the
// largest download.
func TestHTTPServerLimits(t *testing.T) {
	srv := httpServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	if srv.WriteTimeout < 10*time.Minute {
		t.Errorf("write timeout %v, want at least 10 minutes", srv.WriteTimeout)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	tests := []struct {
		name   string
		header int
		want   int
	}{
		{"a browser's headers", 16 << 10, http.StatusOK},
		{"headers of 100 KB", 100 << 10, http.StatusRequestHeaderFieldsTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
			req.Header.Set("X-Filler", strings.Repeat("x", tt.header))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}
