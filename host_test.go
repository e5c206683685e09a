package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"jianbao/desk"
)

// fakeHost stands in for the machine: its browser only records the
// addresses it is asked to open, and a desk served on it listens on a free
// loopback port and stops at once (its context is already over).
type fakeHost struct {
	mu     sync.Mutex
	opened []string
	err    error // what opening answers
}

func (f *fakeHost) host(dir string) host {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return host{ctx: ctx, dir: dir, addr: "127.0.0.1:0", open: func(url string) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.opened = append(f.opened, url)
		return f.err
	}}
}

func (f *fakeHost) opens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.opened...)
}

// A second double-click while the first one's desk still serves opens the
// browser on that desk rather than failing on the address in use.
func TestDoubleClickWhileServing(t *testing.T) {
	exeDir := t.TempDir()
	cfg, err := common{}.load()
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(exeDir, deskFolder)
	if _, err := desk.Init(data, cfg); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- desk.Run(ctx, desk.Options{Data: data, Config: cfg, Addr: "127.0.0.1:0",
			Ready: func(url string) { listening <- url }})
	}()
	first := <-listening
	defer func() { cancel(); <-done }()

	f := &fakeHost{}
	h := f.host(exeDir)
	h.addr = strings.TrimSuffix(strings.TrimPrefix(first, "http://"), "/")
	var out, errb bytes.Buffer
	if code := runMain(h, []string{"jianbao"}, &out, &errb, true); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "收表台已经在运行（在先前打开的窗口中）："+first) {
		t.Errorf("output:\n%s", out.String())
	}
	if got := f.opens(); len(got) != 1 || got[0] != first {
		t.Errorf("opened %q, want %s", got, first)
	}

	// Something else on the address is no desk: the error stands.
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	h.addr = strings.TrimPrefix(other.URL, "http://")
	out.Reset()
	if code := runMain(h, []string{"jianbao"}, &out, &errb, true); code == exitOK {
		t.Errorf("a double-click with another program on the address ended well:\n%s", out.String())
	}
}
