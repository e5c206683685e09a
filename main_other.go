//go:build !windows

package main

// ownConsole reports whether the program has a console window of its own,
// which closes when it ends. Only Windows makes one: elsewhere the program
// runs in the terminal it was started from, and never waits.
func ownConsole() bool { return false }

// waitForKey waits for a key to be pressed; elsewhere than on Windows
// there is nothing to wait for.
func waitForKey() {}
