//go:build windows

package ingest

import (
	"errors"
	"syscall"
)

// inUse reports whether err says that another program holds the file
// (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
func inUse(err error) bool {
	return errors.Is(err, syscall.Errno(32)) || errors.Is(err, syscall.Errno(33))
}
