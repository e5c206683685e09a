package desk

import (
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The folders of briefings inside the data folder. None comes from user
// input: a briefing's folder is named by its number.
const (
	briefingsName = "briefings" // briefings/<id>/ holds one briefing's outputs
	tmpName       = "tmp"       // work in progress, removed when the store opens
)

// briefingSchema adds the briefings to a data folder made before they
// existed; it is run each time the store opens.
const briefingSchema = `
CREATE TABLE IF NOT EXISTS briefings (
	id           INTEGER PRIMARY KEY,
	period       TEXT NOT NULL,
	generated_at INTEGER NOT NULL,
	issue        INTEGER NOT NULL,
	fingerprint  TEXT NOT NULL,
	missing      TEXT NOT NULL, -- JSON list of the units the briefing lists as not reported
	made_by      INTEGER NOT NULL REFERENCES accounts(id)
);
CREATE TABLE IF NOT EXISTS briefing_versions (
	briefing INTEGER NOT NULL REFERENCES briefings(id),
	version  INTEGER NOT NULL REFERENCES versions(id),
	PRIMARY KEY (briefing, version)
);
CREATE TABLE IF NOT EXISTS briefing_outputs (
	briefing INTEGER NOT NULL REFERENCES briefings(id),
	name     TEXT NOT NULL,
	sha256   TEXT NOT NULL,
	size     INTEGER NOT NULL,
	PRIMARY KEY (briefing, name)
);
CREATE TRIGGER IF NOT EXISTS briefings_no_update BEFORE UPDATE ON briefings BEGIN SELECT RAISE(ABORT, 'briefings are kept as made'); END;
CREATE TRIGGER IF NOT EXISTS briefings_no_delete BEFORE DELETE ON briefings BEGIN SELECT RAISE(ABORT, 'briefings are kept as made'); END;
`

// migrateBriefings adds the briefings' tables when they are missing.
func migrateBriefings(db *sql.DB) error {
	_, err := db.Exec(briefingSchema)
	return err
}

// briefing is a briefing as made and kept.
type briefing struct {
	ID          int64
	Period      string
	GeneratedAt time.Time // the moment it was made, its date and its files' time stamps
	Issue       int
	Fingerprint string   // of the configuration, the briefing's text and the program (fingerprint)
	MadeBy      string   // the login of the account that made it
	Missing     []string // the units it lists as not reported (未报送), as its report does
	VersionIDs  []int64
	Outputs     []output // in the order of rollup.Names
}

// output is one kept file of a briefing.
type output struct {
	Name   string
	SHA256 string
	Size   int64
}

// briefingDir is the folder of briefing id.
func (s *store) briefingDir(id int64) string {
	return filepath.Join(s.dir, briefingsName, strconv.FormatInt(id, 10))
}

// tmpDir makes a new folder for work in progress.
func (s *store) tmpDir(prefix string) (string, error) {
	root := filepath.Join(s.dir, tmpName)
	if err := os.MkdirAll(root, 0o700); err != nil {
		return "", storeErr(s.dir, err)
	}
	d, err := os.MkdirTemp(root, prefix)
	if err != nil {
		return "", storeErr(s.dir, err)
	}
	return d, nil
}

// cleanBriefings removes what a briefing interrupted part way (the
// program stopped, the machine lost power) left: all work in progress,
// and any briefing folder the database does not list. A briefing is
// listed only after its folder is whole, so what is left is either a
// whole briefing or nothing.
func (s *store) cleanBriefings() error {
	if err := os.RemoveAll(filepath.Join(s.dir, tmpName)); err != nil {
		return storeErr(s.dir, err)
	}
	entries, err := os.ReadDir(filepath.Join(s.dir, briefingsName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return storeErr(s.dir, err)
	}
	for _, e := range entries {
		id, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil || strconv.FormatInt(id, 10) != e.Name() {
			continue // not a briefing's folder: not the desk's to remove
		}
		var n int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM briefings WHERE id = ?`, id).Scan(&n); err != nil {
			return storeErr(s.dir, err)
		}
		if n == 0 {
			if err := os.RemoveAll(s.briefingDir(id)); err != nil {
				return storeErr(s.dir, err)
			}
		}
	}
	return nil
}

// nextBriefingID is the number the next briefing will have.
func (s *store) nextBriefingID() (int64, error) {
	var id int64
	if err := s.db.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM briefings`).Scan(&id); err != nil {
		return 0, storeErr(s.dir, err)
	}
	return id, nil
}

// addBriefing lists a briefing whose folder is in place, with the
// versions it was made from and its outputs.
func (s *store) addBriefing(b *briefing, by int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return storeErr(s.dir, err)
	}
	defer tx.Rollback()
	missing, err := json.Marshal(append([]string{}, b.Missing...))
	if err != nil {
		return storeErr(s.dir, err)
	}
	if _, err := tx.Exec(`INSERT INTO briefings (id, period, generated_at, issue, fingerprint, missing, made_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		b.ID, b.Period, b.GeneratedAt.Unix(), b.Issue, b.Fingerprint, string(missing), by); err != nil {
		return storeErr(s.dir, err)
	}
	for _, v := range b.VersionIDs {
		if _, err := tx.Exec(`INSERT INTO briefing_versions (briefing, version) VALUES (?, ?)`, b.ID, v); err != nil {
			return storeErr(s.dir, err)
		}
	}
	for _, o := range b.Outputs {
		if _, err := tx.Exec(`INSERT INTO briefing_outputs (briefing, name, sha256, size) VALUES (?, ?, ?, ?)`,
			b.ID, o.Name, o.SHA256, o.Size); err != nil {
			return storeErr(s.dir, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// briefings returns every briefing, the newest first.
func (s *store) briefings() ([]*briefing, error) {
	return s.queryBriefings(`ORDER BY b.id DESC`)
}

// briefing returns briefing id, or nil.
func (s *store) briefing(id int64) (*briefing, error) {
	bs, err := s.queryBriefings(`WHERE b.id = ?`, id)
	if err != nil || len(bs) == 0 {
		return nil, err
	}
	return bs[0], nil
}

func (s *store) queryBriefings(where string, args ...any) ([]*briefing, error) {
	rows, err := s.db.Query(`SELECT b.id, b.period, b.generated_at, b.issue, b.fingerprint, b.missing, a.login
		FROM briefings b JOIN accounts a ON a.id = b.made_by `+where, args...)
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	var out []*briefing
	for rows.Next() {
		var b briefing
		var at int64
		var missing string
		if err := rows.Scan(&b.ID, &b.Period, &at, &b.Issue, &b.Fingerprint, &missing, &b.MadeBy); err != nil {
			rows.Close()
			return nil, storeErr(s.dir, err)
		}
		if err := json.Unmarshal([]byte(missing), &b.Missing); err != nil {
			rows.Close()
			return nil, storeErr(s.dir, err)
		}
		b.GeneratedAt = time.Unix(at, 0)
		out = append(out, &b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, storeErr(s.dir, err)
	}
	// One connection is shared: a briefing's parts are read once the
	// rows above are closed.
	for _, b := range out {
		if err := s.briefingParts(b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// briefingParts reads a briefing's versions and outputs.
func (s *store) briefingParts(b *briefing) error {
	rows, err := s.db.Query(`SELECT version FROM briefing_versions WHERE briefing = ? ORDER BY version`, b.ID)
	if err != nil {
		return storeErr(s.dir, err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return storeErr(s.dir, err)
		}
		b.VersionIDs = append(b.VersionIDs, id)
	}
	rows.Close()
	rows, err = s.db.Query(`SELECT name, sha256, size FROM briefing_outputs WHERE briefing = ? ORDER BY rowid`, b.ID)
	if err != nil {
		return storeErr(s.dir, err)
	}
	defer rows.Close()
	for rows.Next() {
		var o output
		if err := rows.Scan(&o.Name, &o.SHA256, &o.Size); err != nil {
			return storeErr(s.dir, err)
		}
		b.Outputs = append(b.Outputs, o)
	}
	return rows.Err()
}

// briefingVersions returns the versions briefing id was made from, by
// month, then unit in configuration order.
func (s *store) briefingVersions(id int64) ([]*version, error) {
	return s.queryVersions(`SELECT `+versionColumns+latestReview+`
		JOIN briefing_versions bv ON bv.version = v.id JOIN units u ON u.name = v.unit
		WHERE bv.briefing = ? ORDER BY v.period, u.position`, id)
}
