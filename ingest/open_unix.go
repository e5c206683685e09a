//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// openNoWait opens p for reading without waiting for a writer if p has
// become a named pipe since it was looked at.
func openNoWait(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
