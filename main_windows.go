//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

var (
	kernel32              = syscall.NewLazyDLL("kernel32.dll")
	getConsoleProcessList = kernel32.NewProc("GetConsoleProcessList")
	msvcrt                = syscall.NewLazyDLL("msvcrt.dll")
	getch                 = msvcrt.NewProc("_getch")
)

// ownConsole reports whether the program has a console window of its own:
// Windows opens one for a console program started from Explorer (a
// double-click, files dropped onto its icon) and closes it as soon as the
// program ends. Then this process is the only one attached to the
// console; started from a command prompt, it shares the console with the
// prompt. Any failure answers false, so that the program never waits
// where nobody may press a key.
func ownConsole() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}

// waitForKey waits until a key is pressed in the console window.
func waitForKey() {
	if getch.Find() != nil {
		return
	}
	getch.Call()
}
