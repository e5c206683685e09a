package desk

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"jianbao/problem"
	"jianbao/render"
	"jianbao/rollup"
)

// blobName is the name of a kept original: its SHA-256 in hex.
var blobName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Backup copies the data folder dir into the new folder dst while the desk
// may be running: the database is copied as one consistent snapshot
// (SQLite's VACUUM INTO), then the originals. Originals are written before
// the versions that name them and are never changed, so every original the
// snapshot names is there to copy; so are briefings' folders, placed before
// their rows (one copied without its row is removed when the copy opens).
func Backup(dir, dst string) error {
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		return &problem.Error{File: dir, Err: problem.Wrap(ErrNoDesk, err)}
	}
	if _, err := os.Stat(dst); err == nil {
		return &problem.Error{File: dst, Err: ErrBackupExists}
	}
	if err := os.MkdirAll(filepath.Join(dst, filesName), 0o700); err != nil {
		return storeErr(dst, err)
	}
	db, err := openDB(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`VACUUM INTO ?`, filepath.Join(dst, dbName)); err != nil {
		return storeErr(dst, err)
	}
	if err := copyBriefings(dir, dst); err != nil {
		return err
	}
	src := filepath.Join(dir, filesName)
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return storeErr(dir, err)
		}
		if d.IsDir() || !blobName.MatchString(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return storeErr(dir, err)
		}
		in, err := os.Open(p)
		if err != nil {
			return storeErr(dir, err)
		}
		defer in.Close()
		return render.WriteFileAtomic(filepath.Join(dst, filesName, rel), func(w io.Writer) error {
			_, err := io.Copy(w, in)
			return err
		})
	})
}

// copyBriefings copies the outputs of every briefing folder of dir into
// dst.
func copyBriefings(dir, dst string) error {
	entries, err := os.ReadDir(filepath.Join(dir, briefingsName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return storeErr(dir, err)
	}
	for _, e := range entries {
		if !e.IsDir() || !briefingName.MatchString(e.Name()) {
			continue
		}
		for _, n := range rollup.Names {
			src := filepath.Join(dir, briefingsName, e.Name(), n)
			data, err := os.ReadFile(src)
			if err != nil {
				return storeErr(dir, err)
			}
			err = render.WriteFileAtomic(filepath.Join(dst, briefingsName, e.Name(), n), func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// briefingName is the name of a briefing's folder: its number.
var briefingName = regexp.MustCompile(`^[1-9][0-9]*$`)
