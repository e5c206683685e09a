package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/ingest/sheets"
)

// A spreadsheet inside a zip archive is named by the archive's path, "!"
// and its path inside the archive: 2018-10/江南区.zip!江南区.xlsx. Only one
// level is opened: an archive inside an archive is listed, not opened.
const memberSep = "!"

// Limits of a zip archive as a whole; each file inside it is also held to
// the reader's Limits, as a file of its own.
const (
	maxArchiveEntries  = 1000      // entries, folders included
	maxArchiveUnzipped = 200 << 20 // bytes of all its files once unpacked
)

// zipEntry is a file inside a zip archive, under its name decoded.
type zipEntry struct {
	name   string // slash-separated, as decoded
	unsafe bool   // the name leads out of the archive (.., /, C:)
	file   *zip.File
}

// openZip lists the files of the zip archive in ra (size bytes): the ones
// to read or list, and how many were skipped as lock, hidden or system
// files. Its error is one of the archive problems.
func openZip(ra io.ReaderAt, size int64) (entries []zipEntry, skip int, err error) {
	if n, ok := sheets.ZipEntries(ra, size); ok && n > maxArchiveEntries {
		return nil, 0, fmt.Errorf("%w（共%d个文件，上限%d个）", ErrArchiveTooLarge, n, maxArchiveEntries)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, 0, &quiet{ErrArchiveDamaged, err}
	}
	if len(zr.File) > maxArchiveEntries {
		return nil, 0, fmt.Errorf("%w（共%d个文件，上限%d个）", ErrArchiveTooLarge, len(zr.File), maxArchiveEntries)
	}
	var total uint64
	seen := map[string]bool{}
	for _, f := range zr.File {
		name := entryName(f)
		if strings.HasSuffix(name, "/") || seen[name] {
			continue // a folder, or a name given twice (the first is read)
		}
		seen[name] = true
		if skippedPath(name) {
			skip++
			continue
		}
		total += f.UncompressedSize64
		entries = append(entries, zipEntry{name: name, unsafe: unsafeName(name), file: f})
	}
	if total > maxArchiveUnzipped {
		return nil, 0, fmt.Errorf("%w（解压后共%d字节，上限%d字节）", ErrArchiveTooLarge, total, maxArchiveUnzipped)
	}
	return entries, skip, nil
}

// entryName is the name of a file in a zip archive as its writer meant it:
// names without the archive's UTF-8 flag that are not valid UTF-8 are in
// the Windows code page, GBK on a Chinese Windows; Windows folder
// separators become slashes.
func entryName(f *zip.File) string {
	name := f.Name
	if f.Flags&0x800 == 0 && !utf8.ValidString(name) {
		if s, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			name = s
		}
	}
	name = strings.ToValidUTF8(name, "\uFFFD")
	return strings.ReplaceAll(name, `\`, "/")
}

// unsafeName reports whether an entry's name leads out of the archive when
// unpacked: from the root, from a drive, or up a folder.
func unsafeName(name string) bool {
	if strings.HasPrefix(name, "/") || len(name) >= 2 && name[1] == ':' {
		return true
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// skippedPath reports whether a file inside an archive is skipped: it, or
// a folder it is in, is a lock, hidden or system file.
func skippedPath(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if seg != "" && seg != "." && seg != ".." && skipped(seg) {
			return true
		}
	}
	return false
}

// splitMember splits p at the first "!" after a name ending in .zip: the
// archive's path and the path inside it. ok is false when p names no file
// inside an archive.
func splitMember(p string) (archive, inner string, ok bool) {
	for i := 0; i < len(p); i++ {
		if p[i] == memberSep[0] && i >= 4 && strings.EqualFold(p[i-4:i], ".zip") && i+1 < len(p) {
			return p[:i], p[i+1:], true
		}
	}
	return "", "", false
}

// memberName is the name of the file inner of the archive called name.
func memberName(name, inner string) string { return name + memberSep + inner }

// ExpandFile lists what the file at p holds to be read: for a zip archive
// that opens, each file inside it (p!inner) and the number skipped as lock,
// hidden or system files; for anything else, p itself.
func ExpandFile(p string) (names []string, skip int) {
	if kindOf(p) != kindZip {
		return []string{p}, 0
	}
	f, st, err := openRegular(p)
	if err != nil {
		return []string{p}, 0
	}
	defer f.Close()
	entries, skip, err := openZip(f, st.Size())
	if err != nil || len(entries) == 0 {
		return []string{p}, skip
	}
	for _, e := range entries {
		names = append(names, memberName(p, e.name))
	}
	return names, skip
}

// scanZip lists the zip archive at p in fsys as ExpandFile does.
func scanZip(fsys fs.FS, p string) (names []string, skip int) {
	if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
		return []string{p}, 0 // never opened: a named pipe would wait; reading it says what it is
	}
	f, err := fsys.Open(p)
	if err != nil {
		return []string{p}, 0
	}
	defer f.Close()
	st, err := f.Stat()
	ra, ok := f.(io.ReaderAt)
	if err != nil || !ok || !st.Mode().IsRegular() {
		return []string{p}, 0
	}
	entries, skip, err := openZip(ra, st.Size())
	if err != nil || len(entries) == 0 {
		return []string{p}, skip
	}
	for _, e := range entries {
		names = append(names, memberName(p, e.name))
	}
	return names, skip
}

// readZip is the submission of a zip archive read as one file, which
// happens when it could not be opened or holds nothing to read (a folder
// scan then lists the archive itself): the reason why.
func (r *Reader) readZip(p, name string) *Submission {
	f, st, err := openRegular(p)
	if err != nil {
		return r.unreadable(name, err)
	}
	defer f.Close()
	entries, _, err := openZip(f, st.Size())
	switch {
	case err != nil:
		return r.unreadable(name, err)
	case len(entries) == 0:
		return r.unreadable(name, ErrArchiveEmpty)
	}
	return r.unreadable(name, fmt.Errorf("%w（其中有%d个文件，须逐个读取）", ErrArchiveNested, len(entries)))
}

// readMember reads the file inner of the zip archive at archive, shown as
// name. It is held to the reader's limits as a file of its own.
func (r *Reader) readMember(archive, inner, name string, mode readMode) *Submission {
	data, err := r.memberBytes(archive, inner)
	if err != nil {
		return r.unreadable(name, err)
	}
	return r.readSafely(name, data, mode)
}

// memberBytes unpacks the file inner of the zip archive at archive, or
// says why it is not read.
func (r *Reader) memberBytes(archive, inner string) ([]byte, error) {
	f, st, err := openRegular(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, _, err := openZip(f, st.Size())
	if err != nil {
		return nil, err
	}
	inner = filepath.ToSlash(inner)
	var e *zipEntry
	for i := range entries {
		if entries[i].name == inner {
			e = &entries[i]
			break
		}
	}
	if e == nil {
		return nil, fmt.Errorf("%w（压缩包中没有这个文件）", ErrFileNotFound)
	}
	return r.entryBytes(e)
}

// entryBytes unpacks the file e of a zip archive, or says why it is not
// read: its name leads out of the archive, it is not a spreadsheet, it is
// encrypted, or it is larger than the reader's limit once unpacked.
func (r *Reader) entryBytes(e *zipEntry) ([]byte, error) {
	if e.unsafe {
		return nil, ErrArchiveUnsafeName
	}
	switch kindOf(e.name) {
	case kindZip:
		return nil, ErrArchiveNested
	case kindArchive:
		return nil, ErrArchiveUnsupported
	case kindOther:
		return nil, ErrNotASheet
	}
	if e.file.Flags&0x1 != 0 {
		return nil, ErrArchiveEncrypted
	}
	if size := e.file.UncompressedSize64; size > uint64(r.Limits.FileBytes) {
		return nil, fmt.Errorf("%w：解压后%d字节，上限%d字节", ErrTooLarge, size, r.Limits.FileBytes)
	}
	rc, err := e.file.Open()
	if err != nil {
		return nil, memberDamaged(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, r.Limits.FileBytes+1))
	if err != nil {
		return nil, memberDamaged(err)
	}
	return data, nil
}

// sourceBytes are the bytes of the file at p, which may name a file inside
// a zip archive (archive.zip!inner).
func (r *Reader) sourceBytes(p string) ([]byte, error) {
	if archive, inner, ok := splitMember(p); ok && !exists(p) {
		return r.memberBytes(archive, inner)
	}
	return os.ReadFile(p)
}

// ErrMemberDamaged marks a spreadsheet inside a zip archive that cannot be
// unpacked.
var ErrMemberDamaged = &Problem{Code: "ARCHIVE_MEMBER_DAMAGED", Text: "压缩包中的这个文件无法解压",
	Fix: "请重新压缩后再报送，或解压后直接报送表格文件"}

func memberDamaged(err error) error {
	detail := "（文件已损坏或不完整）"
	if errors.Is(err, zip.ErrAlgorithm) {
		detail = "（压缩方式不受支持，请用电脑系统自带的压缩功能重新压缩）"
	}
	return &quiet{fmt.Errorf("%w%s", ErrMemberDamaged, detail), err}
}
