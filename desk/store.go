package desk

import (
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	_ "modernc.org/sqlite" // pure Go, so cross-builds stay free of cgo

	"jianbao/problem"
	"jianbao/render"
)

// The names inside the data folder. None comes from user input.
const (
	dbName    = "desk.db"
	filesName = "files"
)

// OfficeLogin is the login name of the office's account.
const OfficeLogin = "office"

// Roles of accounts.
const (
	roleUnit   = "unit"
	roleOffice = "office"
)

const schema = `
CREATE TABLE units (
	name     TEXT PRIMARY KEY,
	position INTEGER NOT NULL
);
CREATE TABLE accounts (
	id          INTEGER PRIMARY KEY,
	login       TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL CHECK (role IN ('unit', 'office')),
	unit        TEXT REFERENCES units(name),
	hash        BLOB NOT NULL,
	must_change INTEGER NOT NULL DEFAULT 1,
	CHECK ((role = 'unit') = (unit IS NOT NULL))
);
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	account    INTEGER NOT NULL REFERENCES accounts(id),
	expires    INTEGER NOT NULL
);
CREATE TABLE versions (
	id          INTEGER PRIMARY KEY,
	unit        TEXT NOT NULL REFERENCES units(name),
	period      TEXT NOT NULL,
	seq         INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	size        INTEGER NOT NULL,
	file_name   TEXT NOT NULL,
	uploaded_by INTEGER NOT NULL REFERENCES accounts(id),
	uploaded_at INTEGER NOT NULL,
	errors      INTEGER NOT NULL,
	warnings    INTEGER NOT NULL,
	sent_at     INTEGER,
	UNIQUE (unit, period, seq)
);
CREATE TABLE findings (
	version  INTEGER NOT NULL REFERENCES versions(id),
	severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
	code     TEXT NOT NULL,
	sheet    TEXT NOT NULL,
	cell     TEXT NOT NULL,
	message  TEXT NOT NULL
);
CREATE INDEX findings_version ON findings(version);
CREATE TABLE reviews (
	id       INTEGER PRIMARY KEY,
	version  INTEGER NOT NULL REFERENCES versions(id),
	decision TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
	reason   TEXT NOT NULL,
	account  INTEGER NOT NULL REFERENCES accounts(id),
	at       INTEGER NOT NULL
);
CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	at      INTEGER NOT NULL,
	login   TEXT NOT NULL,
	action  TEXT NOT NULL,
	detail  TEXT NOT NULL,
	address TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`

// store is the data folder: the database and the original files.
type store struct {
	dir string
	db  *sql.DB
	now func() time.Time
}

// openDB opens the database of folder dir in WAL mode. One connection is
// shared, so that writes never meet a busy database.
func openDB(dir string) (*sql.DB, error) {
	dsn := "file:" + filepath.ToSlash(filepath.Join(dir, dbName)) +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, storeErr(dir, err)
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		_ = db.Close()
		return nil, storeErr(dir, err)
	}
	return db, nil
}

func storeErr(dir string, err error) error {
	return &problem.Error{File: dir, Err: problem.Wrap(ErrStore, err)}
}

// openStore opens an existing data folder, adds the tables of later
// versions of the program that it lacks, and removes what an interrupted
// briefing left (cleanBriefings).
func openStore(dir string, now func() time.Time) (*store, error) {
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		return nil, &problem.Error{File: dir, Err: problem.Wrap(ErrNoDesk, err)}
	}
	db, err := openDB(dir)
	if err != nil {
		return nil, err
	}
	if err := migrateBriefings(db); err != nil {
		_ = db.Close()
		return nil, storeErr(dir, err)
	}
	s := &store{dir: dir, db: db, now: now}
	if err := s.cleanBriefings(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

func (s *store) close() error { return s.db.Close() }

// FirstPassword is the password an account is created with.
type FirstPassword struct {
	Login    string
	Unit     string // "" for the office
	Password string
}

// createStore makes the data folder dir with one account per unit and one
// for the office, and returns their first passwords. A folder that already
// holds a desk is left alone.
func createStore(dir string, units []string, cost int, at time.Time) ([]FirstPassword, error) {
	if _, err := os.Stat(filepath.Join(dir, dbName)); err == nil {
		return nil, &problem.Error{File: dir, Err: ErrDataExists}
	}
	if err := os.MkdirAll(filepath.Join(dir, filesName), 0o700); err != nil {
		return nil, storeErr(dir, err)
	}
	db, err := openDB(dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return nil, storeErr(dir, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(schema); err != nil {
		return nil, storeErr(dir, err)
	}
	var out []FirstPassword
	add := func(login, role, unit string) error {
		pw, err := addAccount(tx, login, role, unit, cost)
		if err != nil {
			return err
		}
		out = append(out, FirstPassword{Login: login, Unit: unit, Password: pw})
		return nil
	}
	for i, u := range units {
		if _, err := tx.Exec(`INSERT INTO units (name, position) VALUES (?, ?)`, u, i); err != nil {
			return nil, storeErr(dir, err)
		}
		if err := add(u, roleUnit, u); err != nil {
			return nil, storeErr(dir, err)
		}
	}
	if err := add(OfficeLogin, roleOffice, ""); err != nil {
		return nil, storeErr(dir, err)
	}
	if _, err := tx.Exec(`INSERT INTO audit (at, login, action, detail, address) VALUES (?, '', 'init', ?, '')`,
		at.Unix(), fmt.Sprintf("%d个单位", len(units))); err != nil {
		return nil, storeErr(dir, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, storeErr(dir, err)
	}
	return out, nil
}

// passwordLetters leave out letters easily taken for one another (0 O 1 l I).
const passwordLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newPassword() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = passwordLetters[int(b[i])%len(passwordLetters)]
	}
	return string(b), nil
}

// account is a logged-in user.
type account struct {
	ID         int64
	Login      string
	Role       string
	Unit       string
	MustChange bool // still has its first password
}

func (a *account) office() bool { return a.Role == roleOffice }

// checkPassword returns the account whose login and password these are,
// or nil.
func (s *store) checkPassword(login, password string) (*account, error) {
	var a account
	var unit sql.NullString
	var hash []byte
	err := s.db.QueryRow(`SELECT id, login, role, unit, hash, must_change FROM accounts WHERE login = ?`, login).
		Scan(&a.ID, &a.Login, &a.Role, &unit, &hash, &a.MustChange)
	if errors.Is(err, sql.ErrNoRows) {
		// Spend the same time as for a known login, so that timing does not
		// tell which logins exist.
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return nil, nil
	}
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil {
		return nil, nil
	}
	a.Unit = unit.String
	return &a, nil
}

var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such account"), bcrypt.DefaultCost)
	return h
})

// setPassword replaces an account's password, and ends all its sessions
// in the same step: a session begun with the old password, perhaps by
// someone who knew a first password, does not outlive it. Its first
// password is then no longer asked to be changed.
func (s *store) setPassword(id int64, password string, cost int) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return storeErr(s.dir, err)
	}
	tx, err := s.db.Begin()
	if err != nil {
		return storeErr(s.dir, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE accounts SET hash = ?, must_change = 0 WHERE id = ?`, hash, id); err != nil {
		return storeErr(s.dir, err)
	}
	if _, err := tx.Exec(`DELETE FROM sessions WHERE account = ?`, id); err != nil {
		return storeErr(s.dir, err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// sessionLife is how long a login lasts.
const sessionLife = 12 * time.Hour

// newSession starts a session for account id and returns its token. The
// sessions whose life has passed are cleared in the same step.
func (s *store) newSession(id int64) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	now := s.now()
	tx, err := s.db.Begin()
	if err != nil {
		return "", storeErr(s.dir, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM sessions WHERE expires <= ?`, now.Unix()); err != nil {
		return "", storeErr(s.dir, err)
	}
	if _, err := tx.Exec(`INSERT INTO sessions (token_hash, account, expires) VALUES (?, ?, ?)`,
		tokenHash(token), id, now.Add(sessionLife).Unix()); err != nil {
		return "", storeErr(s.dir, err)
	}
	if err := tx.Commit(); err != nil {
		return "", storeErr(s.dir, err)
	}
	return token, nil
}

// tokenHash is what the database keeps of a session token: a copy of the
// database does not let anyone log in.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// session returns the account of a live session, or nil.
func (s *store) session(token string) (*account, error) {
	return s.account(`SELECT a.id, a.login, a.role, a.unit, a.must_change FROM sessions s JOIN accounts a ON a.id = s.account
		WHERE s.token_hash = ? AND s.expires > ?`, tokenHash(token), s.now().Unix())
}

// account returns the account a query of its id, login, role, unit and
// must_change finds, or nil.
func (s *store) account(query string, args ...any) (*account, error) {
	var a account
	var unit sql.NullString
	err := s.db.QueryRow(query, args...).Scan(&a.ID, &a.Login, &a.Role, &unit, &a.MustChange)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	a.Unit = unit.String
	return &a, nil
}

func (s *store) endSession(token string) error {
	_, err := s.db.Exec(`DELETE FROM sessions WHERE token_hash = ? OR expires <= ?`, tokenHash(token), s.now().Unix())
	if err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// audit appends one line to the audit log.
func (s *store) audit(login, action, detail, address string) error {
	_, err := s.db.Exec(`INSERT INTO audit (at, login, action, detail, address) VALUES (?, ?, ?, ?, ?)`,
		s.now().Unix(), login, action, detail, address)
	if err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// units returns the units in configuration order.
func (s *store) units() ([]string, error) {
	rows, err := s.db.Query(`SELECT name FROM units ORDER BY position`)
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, storeErr(s.dir, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// blobPath is where the original file with this SHA-256 (64 hex digits,
// computed here, never taken from a request) is kept.
func (s *store) blobPath(sum string) string {
	return filepath.Join(s.dir, filesName, sum[:2], sum)
}

// putBlob keeps data under its SHA-256 and returns it. A file already kept
// is not written again: originals are never changed.
func (s *store) putBlob(data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	p := s.blobPath(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	err := render.WriteFileAtomic(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return "", err
	}
	_ = os.Chmod(p, 0o444)
	return sum, nil
}

// blob reads the original file with this SHA-256 and checks it is intact.
func (s *store) blob(sum string) ([]byte, error) {
	data, err := os.ReadFile(s.blobPath(sum))
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	h := sha256.Sum256(data)
	if hex.EncodeToString(h[:]) != sum {
		return nil, storeErr(s.dir, fmt.Errorf("file %s changed", sum))
	}
	return data, nil
}
