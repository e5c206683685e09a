package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"jianbao/desk"
)

// host is what the program takes from the machine it runs on, so that
// tests can stand in for it: they open no browser and serve no desk for
// ever.
type host struct {
	// open opens an address in the machine's browser; nil opens nothing.
	open func(url string) error
	// ctx ends a desk being served; nil serves it until Ctrl+C.
	ctx context.Context
	// dir is the program's folder, beside which a double-click keeps the
	// desk's data.
	dir string
	// addr is where a double-click serves the desk.
	addr string
}

// machine is the host the program runs on.
func machine() host {
	dir := "."
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dir = filepath.Dir(exe)
	}
	return host{open: openBrowser, dir: dir, addr: desk.DefaultAddr}
}

// errNoOpener says the machine has no program that opens an address in
// the browser.
var errNoOpener = errors.New("no program opens addresses in a browser")

// openBrowser opens url in the machine's browser, without waiting for the
// browser to close.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		p, err := exec.LookPath("xdg-open")
		if err != nil {
			return errNoOpener
		}
		cmd = exec.Command(p, url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
