//go:build !unix

package render

import "os"

// lockFile does nothing where there is no flock: concurrent rollups into
// one folder are not kept apart there.
func lockFile(*os.File) error { return nil }
