//go:build unix

package desk

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// checkFolder checks a desk folder whose desk is not running: every
// version has its original, intact under its SHA-256 and of its size;
// every file kept is an original whose name is its SHA-256 (no partial
// file is left); and it returns the versions, oldest first.
func checkFolder(t *testing.T, dir string) []*version {
	t.Helper()
	st, err := openStore(dir, func() time.Time { return deskProcessClock })
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	vs, err := st.queryVersions(`SELECT ` + versionColumns + latestReview + ` ORDER BY v.id`)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		data, err := st.blob(v.SHA256)
		if err != nil {
			t.Errorf("%s 第%d版: original: %v", v.Unit, v.Seq, err)
			continue
		}
		if int64(len(data)) != v.Size {
			t.Errorf("%s 第%d版: original of %d bytes, the version says %d", v.Unit, v.Seq, len(data), v.Size)
		}
	}
	err = filepath.WalkDir(filepath.Join(dir, filesName), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if e.Name() != hex.EncodeToString(sum[:]) {
			t.Errorf("files/ holds %s, which is not a whole original (%d bytes)", path, len(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// newDeskFolder makes a desk folder for the default configuration and
// returns it with each login's first password.
func newDeskFolder(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "desk")
	pws, err := createStore(dir, unitNames(templates.Default()), bcrypt.MinCost, testSetUp)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, p := range pws {
		first[p.Login] = p.Password
	}
	return dir, first
}

// deskState is what a desk shows its users, page by page.
type deskState map[string]string

// state reads the pages that show what the desk holds: the office's grid,
// the unit's month, and each version at paths as the office sees it.
func state(t *testing.T, office, unit *processUser, versions []string) deskState {
	t.Helper()
	s := deskState{}
	read := func(u *processUser, path string) {
		t.Helper()
		code, _, body := u.get(path)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d\n%s", path, code, body)
		}
		s[path] = body
	}
	read(office, "/office?month=2018-10")
	read(unit, "/unit?month=2018-10")
	for _, v := range versions {
		read(office, "/office/versions/"+versionID(v))
	}
	return s
}

func (s deskState) sameAs(t *testing.T, before deskState) {
	t.Helper()
	for path, b := range before {
		if s[path] != b {
			t.Errorf("%s differs after the restart:\nbefore:\n%s\nafter:\n%s", path, b, s[path])
		}
	}
	if len(s) != len(before) {
		t.Errorf("%d pages after the restart, %d before", len(s), len(before))
	}
}

// slowReader gives data in pieces and tells, on reached, when the first
// half has been taken by the request.
type slowReader struct {
	data    []byte
	off     int
	half    bool
	reached chan struct{}
	stop    chan struct{} // closed to end the body with an error
}

func (r *slowReader) Read(b []byte) (int, error) {
	if r.off >= len(r.data)/2 && !r.half {
		r.half = true
		close(r.reached)
		<-r.stop
		return 0, errors.New("the rest is never sent")
	}
	n := copy(b[:min(len(b), 64<<10)], r.data[r.off:])
	r.off += n
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Killing the desk (SIGKILL) while a large upload is half sent, or right
// after an upload has been answered, leaves no half version: after a
// restart on the same folder every version has its original intact, no
// partial file is left, and the desk shows what it showed before the kill.
func TestKillDuringUpload(t *testing.T) {
	dir, first := newDeskFolder(t)
	p := startDeskProcess(t, dir)
	unit, _ := p.logIn("青秀区", first["青秀区"])
	office, _ := p.logIn(OfficeLogin, first[OfficeLogin])

	// Something worth keeping: a version sent and returned, and another.
	v1 := unit.upload("青秀区.csv", []byte(goodSheet))
	unit.post(v1+"/send", url.Values{})
	office.post("/office/versions/"+versionID(v1)+"/review", url.Values{"decision": {"return"}, "reason": {"请核对"}})
	versions := []string{v1, unit.upload("青秀区二.csv", []byte(badSheet))}

	// A large file: a sheet and spaces up to 16 MB, within the limit.
	large := []byte(goodSheet)
	large = append(large, bytes.Repeat([]byte(" "), 16<<20-len(large))...)

	t.Run("killed while the upload is half sent", func(t *testing.T) {
		before := state(t, office, unit, versions)
		body := &slowReader{data: large, reached: make(chan struct{}), stop: make(chan struct{})}
		errc := make(chan error, 1)
		go func() {
			resp, err := unit.c.Do(unit.uploadRequest("2018-10", "青秀区大.csv", body))
			if err == nil {
				resp.Body.Close()
				err = errors.New("the half-sent upload was answered: " + resp.Status)
			}
			errc <- err
		}()
		<-body.reached
		p.kill()
		close(body.stop)
		if err := <-errc; strings.Contains(err.Error(), "was answered") {
			t.Fatal(err)
		}

		if vs := checkFolder(t, dir); len(vs) != len(versions) {
			t.Errorf("%d versions after the kill, %d before: the half-sent upload left one", len(vs), len(versions))
		}
		p.restart()
		state(t, office, unit, versions).sameAs(t, before)
	})

	t.Run("killed right after the upload is answered", func(t *testing.T) {
		data := large[:4<<20]
		path := unit.upload("青秀区三.csv", data)
		versions = append(versions, path)
		// Only pages are read between the answer and the kill: nothing is
		// written that the upload had not written when it answered.
		before := state(t, office, unit, versions)
		p.kill()

		vs := checkFolder(t, dir)
		last := vs[len(vs)-1]
		sum := sha256.Sum256(data)
		if len(vs) != len(versions) || versionID(path) != strconv.FormatInt(last.ID, 10) ||
			last.Size != int64(len(data)) || last.SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("the answered upload %s is not kept as the last version: %d versions, the last %+v", path, len(vs), last)
		}
		p.restart()
		state(t, office, unit, versions).sameAs(t, before)
	})

	t.Run("killed while an original is written", func(t *testing.T) {
		before := state(t, office, unit, versions)
		p.kill()
		// What a kill between the temporary file and its renaming leaves.
		partial := filepath.Join(dir, filesName, "ab", ".ab12.tmp-4242")
		if err := os.MkdirAll(filepath.Dir(partial), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(partial, large[:1<<20], 0o600); err != nil {
			t.Fatal(err)
		}
		p.restart()
		if _, err := os.Stat(partial); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the partial file is left after the restart: %v", err)
		}
		state(t, office, unit, versions).sameAs(t, before)
		p.stop()
		checkFolder(t, dir)
	})
}
