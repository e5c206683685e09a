package render

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jianbao/aggregate"
	"jianbao/problem"
)

// Renderer writes one output of a rollup.
type Renderer interface {
	// Name is the output's file name, e.g. "summary.json".
	Name() string
	// Render writes the output of r to w.
	Render(w io.Writer, r *aggregate.Report) error
}

// outputMode is the permission of the files WriteAll leaves in place.
const outputMode = 0o644

// staged is one rendered output waiting to be renamed into place.
type staged struct {
	tmp, dst string
	backup   string // hard link to the file dst replaced, "" if none
	existed  bool   // dst existed before
}

// WriteAll renders every renderer into dir, all or nothing: each output is
// rendered into a temporary file in dir, and only when all succeeded are they
// renamed into place; on any error no new output file is left behind
// (temporaries removed) and existing outputs are untouched. Creates dir if
// needed. One writer at a time: WriteAll holds a lock file in dir from
// start to end, so the outputs of two runs into one folder are never mixed,
// and it first clears temporary files a killed run left there.
func WriteAll(dir string, r *aggregate.Report, rs ...Renderer) error {
	if err := checkNames(rs); err != nil {
		return err
	}
	var names []string
	for _, rd := range rs {
		if err := CheckTarget(filepath.Join(dir, rd.Name())); err != nil {
			return err
		}
		names = append(names, rd.Name())
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &problem.Error{File: dir, Err: problem.Wrap(ErrWrite, err)}
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	removeStale(dir, names)
	var st []staged
	for _, rd := range rs {
		tmp, err := renderTemp(dir, r, rd)
		if err != nil {
			removeTemps(st)
			return err
		}
		st = append(st, staged{tmp: tmp, dst: filepath.Join(dir, rd.Name())})
	}
	return commit(st)
}

// checkNames refuses names with a path in them, hidden names and duplicates.
func checkNames(rs []Renderer) error {
	seen := map[string]bool{}
	for _, rd := range rs {
		n := rd.Name()
		if n == "" || n != filepath.Base(n) || strings.ContainsAny(n, `/\`) ||
			strings.HasPrefix(n, ".") || seen[n] {
			return &problem.Error{Value: n, Err: ErrOutputName}
		}
		seen[n] = true
	}
	return nil
}

// renderTemp renders one output into a new temporary file in dir and returns
// its path; on error the temporary file is removed.
func renderTemp(dir string, r *aggregate.Report, rd Renderer) (string, error) {
	return renderFileTemp(dir, rd.Name(), func(w io.Writer) error { return rd.Render(w, r) })
}

// commit renames the temporaries into place. Existing outputs are first kept
// as hard links so that a failed rename part way through can be undone.
func commit(st []staged) error {
	for _, s := range st {
		if err := CheckTarget(s.dst); err != nil {
			removeTemps(st)
			return err
		}
	}
	for i := range st {
		keepBackup(&st[i])
	}
	for i, s := range st {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			rollback(st[:i])
			removeTemps(st[i:])
			dropBackups(st)
			return &problem.Error{File: s.dst, Err: problem.Wrap(ErrWrite, err)}
		}
	}
	dropBackups(st)
	return nil
}

// keepBackup hard-links an existing output next to it. Without hard links
// (some file systems) there is no backup, and a failed rename later leaves
// the new file in place of the old one.
func keepBackup(s *staged) {
	if _, err := os.Lstat(s.dst); errors.Is(err, os.ErrNotExist) {
		return
	}
	s.existed = true
	if b := s.tmp + ".old"; os.Link(s.dst, b) == nil {
		s.backup = b
	}
}

// rollback undoes the renames already done: old files come back, new
// files that had no predecessor are removed.
func rollback(done []staged) {
	for _, s := range done {
		switch {
		case s.backup != "":
			_ = os.Rename(s.backup, s.dst)
		case !s.existed:
			_ = os.Remove(s.dst)
		}
	}
}

func removeTemps(st []staged) {
	for _, s := range st {
		_ = os.Remove(s.tmp)
	}
}

func dropBackups(st []staged) {
	for _, s := range st {
		if s.backup != "" {
			_ = os.Remove(s.backup)
		}
	}
}
