package desk

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"jianbao/ingest"
)

// readName is the name the reader is given for a sheet of unit's month
// (YYYY-MM) of kind ext: the unit, the month and the kind, never what the
// clerk's file was called. The desk checks an upload under this name, and
// an export holds it under this name, so that the rollup reads the same
// name and bytes the desk checked.
func readName(unit, period, ext string) string {
	return fileSafe(unit) + period + ext
}

// fileSafe is s with what a file name cannot hold on Windows or Unix (a
// folder separator, a reserved character, a control character) replaced,
// and without leading or trailing dots and spaces. A configured unit's
// name has none of them, and comes out as it was.
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, ". ")
	if s == "" {
		return "_"
	}
	return s
}

// exportPath is where a version sits in an export, slash-separated: the
// month's folder, then the name it is read by (2018-10/青秀区2018-10.xlsx).
// The month is as the store keeps it (YYYY-MM, made by the desk).
func exportPath(v *version) string {
	m := monthOf(v)
	return path.Join(m, readName(v.Unit, m, uploadExt(v.FileName)))
}

// monthOf is v's month as YYYY-MM, read again from what the store keeps.
func monthOf(v *version) string {
	p, _ := ingest.ParsePeriod(v.Period)
	return fileSafe(p.String())
}

// writeExport writes the versions into the new folder dir in the layout
// rollup reads: one folder per month, each version under exportPath.
func (s *store) writeExport(dir string, vs []*version) error {
	for _, v := range vs {
		data, err := s.blob(v.SHA256)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(exportPath(v)))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return storeErr(s.dir, err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return storeErr(s.dir, err)
		}
	}
	return nil
}

// zipFile is one entry of a zip being written: its name inside the zip,
// the original it holds and its time.
type zipFile struct {
	Name     string
	SHA256   string
	Modified time.Time
}

// exportEntries are the entries of an export's zip: the same layout as
// writeExport's folder.
func exportEntries(vs []*version) []zipFile {
	var out []zipFile
	for _, v := range vs {
		out = append(out, zipFile{Name: exportPath(v), SHA256: v.SHA256, Modified: v.UploadedAt})
	}
	return out
}

// originalEntries are the entries of the archive of a month's accepted
// originals: <unit>/<unit><month>-第N版<ext>, all names made here. The
// clerks' own file names are listed in manifestName, as text.
func originalEntries(vs []*version) []zipFile {
	var out []zipFile
	for _, v := range vs {
		unit := fileSafe(v.Unit)
		name := fmt.Sprintf("%s/%s%s-第%d版%s", unit, unit, monthOf(v), v.Seq, uploadExt(v.FileName))
		out = append(out, zipFile{Name: name, SHA256: v.SHA256, Modified: v.UploadedAt})
	}
	return out
}

// manifestName is the list of an archive's originals inside it.
const manifestName = "清单.csv"

// writeManifest writes the list of the originals in an archive: for each
// version, the entry it is in and what the desk knows of it.
func writeManifest(w io.Writer, vs []*version, entries []zipFile) error {
	cw := csv.NewWriter(w)
	_, _ = io.WriteString(w, "\ufeff") // a byte-order mark, so that Excel reads the text as UTF-8
	rows := [][]string{{"单位", "月份", "版本", "压缩包中的文件", "上传时的文件名", "字节数", "校验值", "上传时间", "报送时间", "确认时间"}}
	for i, v := range vs {
		accepted := ""
		if v.Review != nil {
			accepted = v.Review.At.Local().Format(time.DateTime)
		}
		// The month in words: 2018-10 would be read as a date.
		month := v.Period
		if p, ok := ingest.ParsePeriod(v.Period); ok {
			month = p.Chinese()
		}
		rows = append(rows, []string{v.Unit, month, fmt.Sprintf("第%d版", v.Seq), entries[i].Name,
			v.FileName, fmt.Sprint(v.Size), v.SHA256, v.UploadedAt.Local().Format(time.DateTime),
			v.SentAt.Local().Format(time.DateTime), accepted})
	}
	for _, r := range rows {
		for i, c := range r {
			r[i] = noFormula(c)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// noFormula keeps a cell's text from being taken for a formula by a
// spreadsheet.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeZip writes a zip of the entries' originals, then the extra files
// (name → bytes), into w. Every original is read and checked before its
// entry is begun.
func (s *store) writeZip(w io.Writer, entries []zipFile, extra ...zipExtra) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		data, err := s.blob(e.SHA256)
		if err != nil {
			return err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: e.Modified})
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	for _, x := range extra {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: x.Name, Method: zip.Deflate, Modified: x.Modified})
		if err != nil {
			return err
		}
		if err := x.Write(f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// zipExtra is a file of a zip made here rather than kept.
type zipExtra struct {
	Name     string
	Modified time.Time
	Write    func(io.Writer) error
}
