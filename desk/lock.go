package desk

import (
	"errors"
	"os"
	"path/filepath"

	"jianbao/problem"
)

// lockName is the file a serving desk holds locked in its data folder, so
// that a second desk started on the same folder (a second double-click, or
// another port) neither serves it nor tidies away the first one's work in
// progress. The system releases the lock when the process ends, however it
// ends.
const lockName = "desk.lock"

// errLocked is what lockFile answers when another process holds the lock.
var errLocked = errors.New("locked by another process")

// lockDesk takes the lock of the desk in folder dir, which must hold one.
func lockDesk(dir string) (*os.File, error) {
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		return nil, &problem.Error{File: dir, Err: problem.Wrap(ErrNoDesk, err)}
	}
	return lockFolder(dir)
}

// lockFolder takes the lock of data folder dir, or says that another desk
// holds it. The lock lasts until the returned file is closed.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, storeErr(dir, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &problem.Error{File: dir, Err: ErrBusy}
		}
		return nil, storeErr(dir, err)
	}
	return f, nil
}
