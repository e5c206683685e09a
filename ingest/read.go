package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"jianbao/ingest/sheets"
	"jianbao/problem"
	"jianbao/templates"
)

// Reader reads submissions and checks them against the configuration.
type Reader struct {
	cfg      *templates.Config
	headers  *HeaderMatcher
	units    *UnitMatcher
	values   *ValueParser
	notes    []string
	corr     *corrections
	ids      []string // metric ids in configuration order
	cells    CellMaps
	Limits   Limits
	Password string // for password-protected workbooks
	// Period, when set, is the month the submissions must be for; a sheet
	// that names no month is taken to be for it.
	Period Period
	// Memory is the budget, in bytes, that the reads running at the same
	// time share (see ReadEach); 0 means DefaultMemory.
	Memory int64
	// Lean drops what only --explain needs (the layout and the sheet list)
	// as soon as a file is read, so that large runs hold less.
	Lean bool
	// Progress, when set, is called as each file ReadEach (or ReadFiles)
	// reads is handed on, with the number so far and the total; calls never
	// overlap.
	Progress func(done, total int)
	// readFile, when set, reads a file in place of ReadFile (for tests of
	// files that never finish reading).
	readFile func(p, name string, stop <-chan struct{}) *Submission
}

// NewReader builds a reader for a configuration.
func NewReader(cfg *templates.Config) *Reader {
	r := &Reader{
		cfg:     cfg,
		ids:     cfg.MetricIDs(),
		headers: NewHeaderMatcher(cfg),
		units:   NewUnitMatcher(cfg.Units),
		values:  NewValueParser(cfg.Labels.Zero, cfg.Labels.Measures).ForMetrics(cfg.Metrics),
		corr:    newCorrections(cfg.Corrections),
		Limits: Limits{
			FileBytes:     orDefault(cfg.Checks.MaxFileBytes, 20<<20),
			UnzippedBytes: 200 << 20,
			Rows:          int(orDefault(int64(cfg.Checks.MaxRows), 5000)),
			Cells:         int(orDefault(int64(cfg.Checks.MaxCells), 200000)),
			Time:          time.Duration(orDefault(int64(cfg.Checks.MaxSeconds), 60)) * time.Second,
		},
	}
	for _, n := range cfg.Labels.Notes {
		r.notes = append(r.notes, fold(n))
	}
	return r
}

func orDefault(v, d int64) int64 {
	if v > 0 {
		return v
	}
	return d
}

// ReadFile reads the file at p; name is how it is shown in findings (usually
// the path relative to the folder being rolled up). It never returns nil:
// a file that cannot be read is a submission with an error finding. A p of
// the form archive.zip!inner (as ScanFolder lists) reads the file inner of
// the zip archive; a file that is not a spreadsheet (a document, a picture,
// a .rar) is not read, and its submission says so (see Submission.Unread).
func (r *Reader) ReadFile(p, name string) *Submission {
	return r.readFileAs(p, name, readMode{lean: r.Lean})
}

// ReadFileLaidOut reads as ReadFile does, but keeps the layout of the sheet
// (Submission.Table) whatever Lean says, to name its cells.
func (r *Reader) ReadFileLaidOut(p, name string) *Submission {
	return r.readFileAs(p, name, readMode{})
}

// readFileUntil is ReadFile that gives up soon once stop is closed.
func (r *Reader) readFileUntil(p, name string, stop <-chan struct{}) *Submission {
	return r.readFileAs(p, name, readMode{lean: r.Lean, stop: stop})
}

// readMode is how one file is read: lean drops the layout once read (see
// Reader.Lean), and a closed stop makes the read give up soon.
type readMode struct {
	lean bool
	stop <-chan struct{}
}

func (r *Reader) readFileAs(p, name string, mode readMode) *Submission {
	if strings.HasSuffix(name, "/") {
		return r.unlistedFolder(p, name)
	}
	if archive, inner, ok := splitMember(p); ok && !exists(p) {
		return r.readMember(archive, inner, name, mode)
	}
	switch kind := kindOf(name); kind {
	case kindZip:
		return r.readZip(p, name)
	case kindArchive, kindOther:
		return r.otherFile(p, name, kind)
	}
	data, err := r.readRegular(p)
	if err != nil {
		return r.unreadable(name, err)
	}
	return r.readSafely(name, data, mode)
}

// unlistedFolder is the submission standing for a folder that Scan could
// not list: an error saying why, as far as can be told now.
func (r *Reader) unlistedFolder(p, name string) *Submission {
	_, err := os.ReadDir(p)
	return r.unreadable(name, problem.Wrap(ErrUnreadableFolder, err))
}

// unreadable is the submission of a file that could not be read, for err:
// its unit and month are those its path names, so that the lists that
// show it can say whose it is.
func (r *Reader) unreadable(name string, err error) *Submission {
	sub := &Submission{File: name}
	sub.fail(&CellError{File: name, Err: err})
	r.identify(sub, nil, 0, found[Period]{})
	return sub
}

// Read reads a submission from the bytes of a file called name.
func (r *Reader) Read(name string, data []byte) *Submission {
	return r.readSafely(name, data, readMode{lean: r.Lean})
}

func (r *Reader) readSafely(name string, data []byte, mode readMode) (sub *Submission) {
	defer func() {
		// A reader bug on a strange file must not stop the other files.
		if v := recover(); v != nil {
			sum := sha256.Sum256(data)
			sub = r.unreadable(name, &quiet{ErrReaderFailed, fmt.Errorf("%v", v)})
			sub.SHA256 = hex.EncodeToString(sum[:])
		}
	}()
	return r.read(name, data, mode)
}

// read is Read without the safety net, so that fuzzing sees panics.
func (r *Reader) read(name string, data []byte, mode readMode) *Submission {
	sum := sha256.Sum256(data)
	sub := &Submission{File: name, SHA256: hex.EncodeToString(sum[:])}
	if int64(len(data)) > r.Limits.FileBytes {
		sub.fail(&CellError{File: name, Err: fmt.Errorf("%w：文件大小%d字节", ErrTooLarge, len(data))})
		r.identify(sub, nil, 0, found[Period]{})
		return sub
	}
	opt := r.sheetOptions()
	opt.Limits.Stop = mode.stop
	wb, err := sheets.Open(name, data, opt)
	if err != nil {
		sub.fail(&CellError{File: name, Err: sheetProblem(err)})
		r.identify(sub, nil, 0, found[Period]{})
		return sub
	}
	sub.opened = true
	r.readWorkbook(sub, wb)
	if mode.lean {
		sub.Table, sub.Sheets = nil, nil
	}
	return sub
}

func (s *Submission) fail(e *CellError) { s.Findings = append(s.Findings, Finding{Error, e}) }

// sheetProblems are the problems the errors of the format readers stand for.
var sheetProblems = []struct {
	err     error
	problem *Problem
}{
	{sheets.ErrDamaged, ErrUnreadable},
	{sheets.ErrEncrypted, ErrEncrypted},
	{sheets.ErrTooLarge, ErrTooLarge},
	{sheets.ErrUnsupported, ErrUnsupported},
	{sheets.ErrStopped, ErrTimeout},
	{sheets.ErrWPSFormat, ErrWPSFormat},
}

// sheetOptions are the reader's settings as the format readers take them.
func (r *Reader) sheetOptions() sheets.Options {
	return sheets.Options{Limits: r.Limits, Password: r.Password}
}

// sheetProblem turns an error of the format readers into the problem it
// stands for, keeping the reader's detail: the clerk reads the problem's
// text followed by the detail. Other errors are returned as they are.
func sheetProblem(err error) error {
	for _, m := range sheetProblems {
		if !errors.Is(err, m.err) {
			continue
		}
		detail, ok := strings.CutPrefix(err.Error(), m.err.Error())
		if !ok {
			detail = "（" + err.Error() + "）"
		}
		if detail == "" {
			return m.problem
		}
		return fmt.Errorf("%w%s", m.problem, detail)
	}
	return err
}
