package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Verdicts shown to the clerk, one per file.
const (
	VerdictOK  = "可以报送"
	VerdictFix = "需修改后报送"
	// VerdictNotRead is the outcome of a file that is not a spreadsheet
	// (or an archive not opened): nothing in it was checked.
	VerdictNotRead = "未读取"
)

// Verdict is the one-line outcome of a file.
func (s *Submission) Verdict() string {
	if s.Unread() {
		return VerdictNotRead
	}
	if s.OK() {
		return VerdictOK
	}
	return VerdictFix
}

// WriteText writes the findings of each file for a clerk: grouped by file,
// errors first, each with its cell, the value seen and how to fix it, then
// a one-line verdict per file and a last line for all of them. Every word
// is Chinese but for what the clerk's own files hold (file and sheet
// names, cells, values); the stable codes are left to the JSON output.
func WriteText(w io.Writer, subs []*Submission) error { return TextReport{}.Write(w, subs) }

// TextReport is how WriteText writes; Codes adds each finding's stable code
// at the end of its line, for whoever looks a problem up.
type TextReport struct {
	Codes bool
}

// Write writes the findings of subs as WriteText does.
func (o TextReport) Write(w io.Writer, subs []*Submission) error {
	ew := &errWriter{w: w}
	bad, unread := 0, 0
	for _, s := range subs {
		o.writeFile(ew, s)
		switch {
		case s.Unread():
			unread++
		case !s.OK():
			bad++
		}
	}
	ew.printf("共%d个文件：%d个可以报送，%d个需修改后报送", len(subs), len(subs)-bad-unread, bad)
	if unread > 0 {
		ew.printf("，%d个不是表格或未能打开，没有读取", unread)
	}
	ew.printf("。\n")
	return ew.err
}

func (o TextReport) writeFile(ew *errWriter, s *Submission) {
	head := s.File
	if s.Unit != "" || !s.Period.IsZero() {
		head += fmt.Sprintf("（%s %s）", orDash(s.Unit), orDash(s.Period.Chinese()))
	}
	ew.printf("%s\n", head)
	fs := append([]Finding(nil), s.Findings...)
	SortFindings(fs)
	for _, f := range fs {
		where := f.Where()
		if f.File != "" {
			where = strings.TrimSpace(strings.TrimPrefix(where, f.File))
		}
		if where != "" {
			where += " "
		}
		ew.printf("  [%s] %s%s", f.Severity.Chinese(), where, f.Message())
		if fix := f.Fix(); fix != "" {
			ew.printf("。%s", fix)
		}
		if o.Codes {
			ew.printf("（%s）", f.Code())
		}
		ew.printf("\n")
	}
	ew.printf("  结论：%s\n\n", s.Verdict())
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// JSONFinding is one finding in the JSON output of validate.
type JSONFinding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Value    string `json:"value,omitempty"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
}

// JSONFile is one file in the JSON output of validate.
type JSONFile struct {
	File     string        `json:"file"`
	Unit     string        `json:"unit"`
	Period   string        `json:"period"`
	Sheet    string        `json:"sheet"`
	OK       bool          `json:"ok"`
	Verdict  string        `json:"verdict"`
	Findings []JSONFinding `json:"findings"`
}

// WriteJSON writes the findings as JSON: {"files": [...]}.
func WriteJSON(w io.Writer, subs []*Submission) error {
	out := struct {
		Files []JSONFile `json:"files"`
	}{Files: []JSONFile{}}
	for _, s := range subs {
		jf := JSONFile{File: s.File, Unit: s.Unit, Period: s.Period.String(), Sheet: s.Sheet, OK: s.OK(),
			Verdict: s.Verdict(), Findings: []JSONFinding{}}
		fs := append([]Finding(nil), s.Findings...)
		SortFindings(fs)
		for _, f := range fs {
			jf.Findings = append(jf.Findings, JSONFinding{Code: f.Code(), Severity: f.Severity.String(), Sheet: f.Sheet,
				Cell: f.Cell, Value: f.Value, Message: f.Err.Error(), Fix: f.Fix()})
		}
		out.Files = append(out.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// errWriter keeps the first write error, so that formatting code stays flat.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
