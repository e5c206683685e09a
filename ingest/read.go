package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"jianbao/templates"
)

// Reader reads submissions and checks them against the configuration.
type Reader struct {
	cfg      *templates.Config
	headers  *HeaderMatcher
	units    *UnitMatcher
	values   *ValueParser
	notes    []string
	ids      []string // metric ids in configuration order
	cells    CellMaps
	Limits   Limits
	Password string // for password-protected workbooks
	// Period, when set, is the month the submissions must be for; a sheet
	// that names no month is taken to be for it.
	Period Period
	// Lean drops what only --explain needs (the layout and the sheet list)
	// as soon as a file is read, so that large runs hold less.
	Lean bool
	// Progress, when set, is called as each file ReadEach (or ReadFiles)
	// reads is handed on, with the number so far and the total; calls never
	// overlap.
	Progress func(done, total int)
}

// NewReader builds a reader for a configuration.
func NewReader(cfg *templates.Config) *Reader {
	r := &Reader{
		cfg:     cfg,
		ids:     cfg.MetricIDs(),
		headers: NewHeaderMatcher(cfg),
		units:   NewUnitMatcher(cfg.Units),
		values:  NewValueParser(cfg.Labels.Zero, cfg.Labels.Measures),
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
// a file that cannot be read is a submission with an error finding.
func (r *Reader) ReadFile(p, name string) *Submission {
	st, err := os.Stat(p)
	if err == nil && st.Size() > r.Limits.FileBytes {
		sub := &Submission{File: name}
		sub.fail(&CellError{File: name, Err: fmt.Errorf("%w：文件大小%d字节，上限%d字节", ErrTooLarge, st.Size(), r.Limits.FileBytes)})
		return sub
	}
	data, err := os.ReadFile(p)
	if err != nil {
		sub := &Submission{File: name}
		sub.fail(&CellError{File: name, Err: fmt.Errorf("%w：%v", ErrUnreadable, err)})
		return sub
	}
	return r.Read(name, data)
}

// Read reads a submission from the bytes of a file called name.
func (r *Reader) Read(name string, data []byte) (sub *Submission) {
	defer func() {
		// A reader bug on a strange file must not stop the other files.
		if v := recover(); v != nil {
			sum := sha256.Sum256(data)
			sub = &Submission{File: name, SHA256: hex.EncodeToString(sum[:])}
			sub.fail(&CellError{File: name, Err: fmt.Errorf("%w（%v）", ErrReaderFailed, v)})
		}
	}()
	return r.read(name, data)
}

// read is Read without the safety net, so that fuzzing sees panics.
func (r *Reader) read(name string, data []byte) *Submission {
	sum := sha256.Sum256(data)
	sub := &Submission{File: name, SHA256: hex.EncodeToString(sum[:])}
	if int64(len(data)) > r.Limits.FileBytes {
		sub.fail(&CellError{File: name, Err: fmt.Errorf("%w：文件大小%d字节", ErrTooLarge, len(data))})
		return sub
	}
	wb, err := r.open(name, data)
	if err != nil {
		sub.fail(&CellError{File: name, Err: err})
		r.identify(sub, nil, 0, found[Period]{})
		return sub
	}
	r.readWorkbook(sub, wb)
	if r.Lean {
		sub.Table, sub.Sheets = nil, nil
	}
	return sub
}

func (s *Submission) fail(e *CellError) { s.Findings = append(s.Findings, Finding{Error, e}) }

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptedOOXML is "EncryptionInfo" in UTF-16LE, the stream name an
	// encrypted .xlsx carries inside its OLE container.
	encryptedOOXML = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// open picks the format reader by the file's content, not its name.
func (r *Reader) open(name string, data []byte) (*Workbook, error) {
	x := XLSXReader{Limits: r.Limits, Password: r.Password}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		if kind := otherZipFormat(data); kind != "" {
			return nil, fmt.Errorf("%w：这是%s文件", ErrUnsupported, kind)
		}
		return x.Read(data)
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptedOOXML):
		if r.Password == "" {
			return nil, ErrEncrypted
		}
		return x.Read(data)
	case bytes.HasPrefix(data, oleMagic):
		return XLSReader{Limits: r.Limits}.Read(data)
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return CSVReader{Limits: r.Limits}.Read(data)
	}
	return nil, ErrUnreadable
}

// otherZipFormat names zip-based spreadsheet formats other than .xlsx that
// clerks' programs save, so that the message says what the file is.
func otherZipFormat(data []byte) string {
	head := data[:min(len(data), 256)]
	switch {
	case bytes.Contains(head, []byte("application/vnd.oasis.opendocument")):
		return "OpenDocument 表格（.ods）"
	case bytes.Contains(data, []byte("xl/workbook.bin")):
		return "Excel 二进制工作簿（.xlsb）"
	case bytes.Contains(data, []byte("Index/Document.iwa")):
		return "Apple Numbers"
	}
	return ""
}
