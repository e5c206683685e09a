package render

import (
	"os"
	"path/filepath"
	"strings"

	"jianbao/problem"
)

// lockName is the lock file WriteAll holds in the output folder while it
// writes; it is removed when the write is done.
const lockName = ".jianbao.lock"

// lockDir takes the output folder dir for one writer: it blocks while
// another rollup holds it and returns the function that gives it back.
func lockDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, &problem.Error{File: path, Err: problem.Wrap(ErrWrite, err)}
		}
		if err := lockFile(f); err != nil {
			_ = f.Close()
			return nil, &problem.Error{File: path, Err: problem.Wrap(ErrWrite, err)}
		}
		// The holder before removes the file before it lets go: a lock
		// taken on a file no longer at path is taken again on a new one.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() {
				_ = os.Remove(path)
				_ = f.Close() // lets go of the lock
			}, nil
		}
		_ = f.Close()
	}
}

// removeStale removes from dir the temporary files of the outputs names that
// a run stopped part way (killed) left behind: .<name>.tmp-<digits>, with
// or without .old. Called with dir locked, so no live run owns them.
func removeStale(dir string, names []string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if e.Type().IsRegular() && isTemp(e.Name(), names) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// isTemp tells whether file is a temporary file of one of names, as
// renderFileTemp and keepBackup name them.
func isTemp(file string, names []string) bool {
	for _, n := range names {
		rest, ok := strings.CutPrefix(file, "."+n+".tmp-")
		if !ok {
			continue
		}
		rest = strings.TrimSuffix(rest, ".old")
		if rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}
