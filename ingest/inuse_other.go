//go:build !windows

package ingest

// inUse reports whether err says that another program holds the file; only
// Windows keeps files from being read that way.
func inUse(error) bool { return false }
