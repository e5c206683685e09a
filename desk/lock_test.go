package desk

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// A second desk started on the folder a desk serves, on another address,
// is refused before it touches anything: the first desk's work in progress
// (here a partial original) is left alone. Once the first desk has
// stopped, the folder can be served again.
func TestSecondDeskOnFolderRefused(t *testing.T) {
	cfg := templates.Default()
	dir := filepath.Join(t.TempDir(), "desk")
	if _, err := createStore(dir, unitNames(cfg), bcrypt.MinCost, testSetUp); err != nil {
		t.Fatal(err)
	}
	serve := func(ctx context.Context, ready chan<- string) error {
		return Run(ctx, Options{Data: dir, Config: cfg, Addr: "127.0.0.1:0",
			Now: func() time.Time { return testSetUp }, Ready: func(url string) { ready <- url }})
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- serve(ctx, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	partial := filepath.Join(dir, filesName, "ab", ".ab12.tmp-1")
	if err := os.MkdirAll(filepath.Dir(partial), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(partial, []byte("being written"), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	second, done2 := make(chan string, 1), make(chan error, 1)
	go func() { done2 <- serve(ctx2, second) }()
	select {
	case err := <-done2:
		if !errors.Is(err, ErrBusy) {
			t.Errorf("a second desk on the folder: %v, want %v", err, ErrBusy)
		}
	case <-second:
		t.Error("the second desk listened")
		cancel2()
		<-done2
	}
	cancel2()
	if _, err := os.Stat(partial); err != nil {
		t.Errorf("the second desk tidied away the first one's file being written: %v", err)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- serve(ctx, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("the folder cannot be served once the first desk stopped: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
