package desk

import (
	"database/sql"
	"errors"
	"time"
)

// version is one upload of a unit's sheet for a month.
type version struct {
	ID         int64
	Unit       string
	Period     string // 2018-10
	Seq        int    // 1 for the first upload of the unit's month
	SHA256     string
	Size       int64
	FileName   string // as the clerk's file was called; shown, never used as a path
	UploadedAt time.Time
	Errors     int
	Warnings   int
	SentAt     time.Time // zero until sent
	Review     *review   // the latest review, nil when none
}

func (v *version) Sent() bool { return !v.SentAt.IsZero() }

// review is the office's decision on a sent version.
type review struct {
	Decision string // accept or return
	Reason   string
	At       time.Time
}

// finding is a finding as kept in the database.
type finding struct {
	Severity, Code, Sheet, Cell, Message string
}

// addVersion keeps a new version of unit's month with its findings.
func (s *store) addVersion(v *version, by int64, fs []finding) error {
	tx, err := s.db.Begin()
	if err != nil {
		return storeErr(s.dir, err)
	}
	defer tx.Rollback()
	if err := tx.QueryRow(`SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE unit = ? AND period = ?`,
		v.Unit, v.Period).Scan(&v.Seq); err != nil {
		return storeErr(s.dir, err)
	}
	v.UploadedAt = s.now().Truncate(time.Second)
	res, err := tx.Exec(`INSERT INTO versions (unit, period, seq, sha256, size, file_name, uploaded_by, uploaded_at, errors, warnings)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.Unit, v.Period, v.Seq, v.SHA256, v.Size, v.FileName, by,
		v.UploadedAt.Unix(), v.Errors, v.Warnings)
	if err != nil {
		return storeErr(s.dir, err)
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return storeErr(s.dir, err)
	}
	for _, f := range fs {
		if _, err := tx.Exec(`INSERT INTO findings (version, severity, code, sheet, cell, message) VALUES (?, ?, ?, ?, ?, ?)`,
			v.ID, f.Severity, f.Code, f.Sheet, f.Cell, f.Message); err != nil {
			return storeErr(s.dir, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

const versionColumns = `v.id, v.unit, v.period, v.seq, v.sha256, v.size, v.file_name, v.uploaded_at, v.errors, v.warnings, v.sent_at,
	r.decision, r.reason, r.at`

// latestReview joins each version with its latest review, if any.
const latestReview = ` FROM versions v LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE version = v.id)`

func scanVersion(sc interface{ Scan(...any) error }) (*version, error) {
	var v version
	var up int64
	var sent, at sql.NullInt64
	var decision, reason sql.NullString
	if err := sc.Scan(&v.ID, &v.Unit, &v.Period, &v.Seq, &v.SHA256, &v.Size, &v.FileName, &up, &v.Errors, &v.Warnings,
		&sent, &decision, &reason, &at); err != nil {
		return nil, err
	}
	v.UploadedAt = time.Unix(up, 0)
	if sent.Valid {
		v.SentAt = time.Unix(sent.Int64, 0)
	}
	if decision.Valid {
		v.Review = &review{Decision: decision.String, Reason: reason.String, At: time.Unix(at.Int64, 0)}
	}
	return &v, nil
}

// version returns the version with this id, or nil.
func (s *store) version(id int64) (*version, error) {
	v, err := scanVersion(s.db.QueryRow(`SELECT `+versionColumns+latestReview+` WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	return v, nil
}

// versions returns the versions of unit's month, the newest first.
func (s *store) versions(unit, period string) ([]*version, error) {
	return s.queryVersions(`SELECT `+versionColumns+latestReview+` WHERE v.unit = ? AND v.period = ? ORDER BY v.seq DESC`, unit, period)
}

// sentBetween returns, in one query, the latest sent version of every unit
// and month from..to (YYYY-MM) for which one was sent.
func (s *store) sentBetween(from, to string) ([]*version, error) {
	return s.queryVersions(`SELECT `+versionColumns+latestReview+` WHERE v.period BETWEEN ? AND ? AND v.sent_at IS NOT NULL
		AND v.seq = (SELECT MAX(seq) FROM versions w WHERE w.unit = v.unit AND w.period = v.period AND w.sent_at IS NOT NULL)`, from, to)
}

func (s *store) queryVersions(q string, args ...any) ([]*version, error) {
	rows, err := s.db.Query(q, args...)
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	defer rows.Close()
	var out []*version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, storeErr(s.dir, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr(s.dir, err)
	}
	return out, nil
}

// send marks a version sent; a version already sent keeps its time.
func (s *store) send(id int64) error {
	_, err := s.db.Exec(`UPDATE versions SET sent_at = ? WHERE id = ? AND sent_at IS NULL`, s.now().Unix(), id)
	if err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// addReview records the office's decision on a version.
func (s *store) addReview(id int64, decision, reason string, by int64) error {
	_, err := s.db.Exec(`INSERT INTO reviews (version, decision, reason, account, at) VALUES (?, ?, ?, ?, ?)`,
		id, decision, reason, by, s.now().Unix())
	if err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}
