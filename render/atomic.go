package render

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"jianbao/problem"
)

// WriteFileAtomic writes one file whole or not at all: write renders into a
// temporary file beside path, which is renamed over path only on success.
// Only a regular file (or nothing) at path is replaced: see CheckTarget.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &problem.Error{File: dir, Err: problem.Wrap(ErrWrite, err)}
	}
	tmp, err := renderFileTemp(dir, filepath.Base(path), write)
	if err != nil {
		return err
	}
	if err := CheckTarget(path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return &problem.Error{File: path, Err: problem.Wrap(ErrWrite, err)}
	}
	return nil
}

// renderFileTemp writes into a new temporary file in dir and returns its
// path; on error the temporary file is removed. Errors are placed at the
// file dir/name: a failure to write as ErrWrite, one of write as its own
// problem (ErrRender when it names none).
func renderFileTemp(dir, name string, write func(io.Writer) error) (path string, err error) {
	dst := filepath.Join(dir, name)
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", &problem.Error{File: dst, Err: problem.Wrap(ErrWrite, err)}
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return "", &problem.Error{File: dst, Err: problemOr(ErrRender, err)}
	}
	if err = f.Chmod(outputMode); err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		return "", &problem.Error{File: dst, Err: problem.Wrap(ErrWrite, err)}
	}
	return f.Name(), nil
}

// CheckTarget refuses, as ErrNotRegular placed at path, an output path that
// holds anything but a regular file: a device (/dev/null), a named pipe, a
// folder, or a link to one of them. Nothing there, or a link to nothing, is
// fine; other failures to look are left to the write.
func CheckTarget(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if li, lerr := os.Lstat(path); lerr == nil && !li.Mode().IsRegular() && li.Mode()&os.ModeSymlink == 0 {
			return &problem.Error{File: path, Err: ErrNotRegular}
		}
		return nil
	}
	if !fi.Mode().IsRegular() {
		return &problem.Error{File: path, Err: ErrNotRegular}
	}
	return nil
}
