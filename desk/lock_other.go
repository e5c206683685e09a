//go:build !unix && !windows

package desk

import "os"

// lockFile takes no lock where the system offers none this program uses.
func lockFile(*os.File) error { return nil }
