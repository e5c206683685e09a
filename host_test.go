package main

import (
	"context"
	"sync"
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
