package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"

	"jianbao/problem"
)

// Extensions are the spreadsheet files the readers read: Excel's, WPS's
// .et and .ett (Excel 97-2003 files under another name, as most are), and
// text tables.
var Extensions = []string{".xlsx", ".xlsm", ".xls", ".et", ".ett", ".csv", ".tsv"}

// otherSpreadsheets are spreadsheet formats the readers do not read; such
// a file is read all the same, so that its refusal says what it is (an
// .xltx, an .xlsx under another name, is read).
var otherSpreadsheets = []string{".ods", ".fods", ".xlsb", ".numbers", ".slk", ".gnumeric",
	".xlt", ".xltx", ".xltm", ".dbf", ".wk1", ".wks", ".123", ".sxc"}

// otherArchives are archives other than .zip: listed, never opened.
var otherArchives = []string{".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".arj", ".lzh", ".zipx", ".iso"}

// systemFiles are files that Windows and macOS put into folders by
// themselves; like lock files and hidden files, they are skipped.
var systemFiles = []string{"thumbs.db", "desktop.ini", "ehthumbs.db", "__macosx", "$recycle.bin"}

// fileKind is what a folder scan makes of a file, by its name.
type fileKind int

const (
	kindSheet   fileKind = iota // a spreadsheet: read
	kindZip                     // a zip archive: the files inside are read
	kindArchive                 // another archive: listed as not read
	kindOther                   // anything else (documents, pictures): listed as not read
)

func kindOf(name string) fileKind {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case slices.Contains(Extensions, ext) || slices.Contains(otherSpreadsheets, ext):
		return kindSheet
	case ext == ".zip":
		return kindZip
	case slices.Contains(otherArchives, ext):
		return kindArchive
	}
	return kindOther
}

// MaybeSheet reports whether a file called name is read as a spreadsheet,
// or may hold spreadsheets (a zip archive, or a folder the scan could not
// list), rather than listed as not read by its name alone.
func MaybeSheet(name string) bool {
	k := kindOf(name)
	return k == kindSheet || k == kindZip || strings.HasSuffix(name, "/")
}

// skipped reports whether a file or folder called name is passed over
// without a word of its own (it is only counted): an Office lock file
// (~$青秀区.xlsx), a hidden file (.DS_Store, .git), or one the system
// keeps (Thumbs.db, desktop.ini, __MACOSX).
func skipped(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") ||
		slices.Contains(systemFiles, strings.ToLower(name))
}

// Problems of files that are not read as spreadsheets. A file with one of
// them is not a unit's refused sheet: the outputs list it apart, as a file
// not read (see Submission.Unread).
var (
	ErrNotASheet = &Problem{Code: "NOT_A_SHEET", Text: "不是表格文件，没有读取",
		Fix: "只读取Excel和WPS表格（.xlsx、.xls、.et）及.csv文件；如这是报表，请在Excel或WPS中另存为.xlsx后报送，否则无需处理"}
	ErrArchiveUnsupported = &Problem{Code: "ARCHIVE_UNSUPPORTED", Text: "这是压缩包，只能打开.zip格式的压缩包，没有读取",
		Fix: "请解压后直接报送其中的表格文件，或改用.zip格式压缩"}
	ErrArchiveNested = &Problem{Code: "ARCHIVE_NESTED", Text: "这是压缩包中的压缩包，没有打开",
		Fix: "请解压后直接报送其中的表格文件"}
	ErrArchiveDamaged = &Problem{Code: "ARCHIVE_DAMAGED", Text: "压缩包已损坏或不完整，无法打开",
		Fix: "请重新压缩或重新下载后再报送，也可以解压后直接报送表格文件"}
	ErrArchiveTooLarge = &Problem{Code: "ARCHIVE_TOO_LARGE", Text: "压缩包中的文件过多或过大，没有打开",
		Fix: "请解压后只报送本单位的表格文件"}
	ErrArchiveEmpty = &Problem{Code: "ARCHIVE_EMPTY", Text: "压缩包中没有可读取的文件",
		Fix: "请确认压缩包中放入了报表，或直接报送表格文件"}
)

// Problems of a spreadsheet inside a zip archive, which is read and refused.
var (
	ErrArchiveEncrypted = &Problem{Code: "ARCHIVE_ENCRYPTED", Text: "压缩包设置了密码，其中的文件无法读取",
		Fix: "请解压后直接报送表格文件，不要给压缩包设密码"}
	ErrArchiveUnsafeName = &Problem{Code: "ARCHIVE_UNSAFE_NAME", Text: "压缩包中这个文件的名称指向压缩包以外（含“..”或从根目录开始），为安全起见没有读取",
		Fix: "请解压后直接报送表格文件"}
)

// ErrWPSFormat marks a WPS .et workbook in WPS's own format rather than
// Excel's, which the readers do not read.
var ErrWPSFormat = &Problem{Code: "WPS_FORMAT", Text: "这是WPS表格自有格式的文件，无法读取",
	Fix: "请在WPS表格中打开，选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”后报送"}

// Problems of the operating system met when reading a file, each said
// with what a clerk can do about it.
var (
	ErrFileNotFound = &Problem{Code: "FILE_NOT_FOUND", Text: "找不到这个文件",
		Fix: "请检查文件名和所在文件夹是否写对，文件是否已被移动、改名或删除"}
	ErrNoPermission = &Problem{Code: "NO_PERMISSION", Text: "没有权限读取这个文件",
		Fix: "请把文件复制到自己的文件夹中再试，或请管理员开放读取权限"}
	ErrFileInUse = &Problem{Code: "FILE_IN_USE", Text: "文件正被其他程序占用，无法读取",
		Fix: "请关闭正在打开这个文件的Excel或WPS后再试"}
	ErrNameTooLong = &Problem{Code: "NAME_TOO_LONG", Text: "文件名或文件夹路径太长，无法读取",
		Fix: "请缩短文件名，或把文件移到层次较浅的文件夹中"}
)

// unreadProblems are the problems that make a file one not read.
var unreadProblems = []*Problem{ErrNotASheet, ErrArchiveUnsupported, ErrArchiveNested, ErrArchiveDamaged,
	ErrArchiveTooLarge, ErrArchiveEmpty}

// NotRead reports whether findings say that their file was not read as a
// spreadsheet at all (it is not one, or an archive that was not opened),
// rather than read and refused.
func NotRead(findings []Finding) bool {
	for _, f := range findings {
		if f.Severity != Error {
			continue
		}
		for _, p := range unreadProblems {
			if errors.Is(f.Err, p) {
				return true
			}
		}
	}
	return false
}

// Unread reports whether the submission's file was not read as a
// spreadsheet (see NotRead).
func (s *Submission) Unread() bool { return NotRead(s.Findings) }

// Unread reports whether record i stands for a file not read as a
// spreadsheet (see NotRead).
func (t *Records) Unread(i int) bool {
	n := t.notes[i]
	return n != nil && NotRead(n.findings)
}

// Unread reports whether the record stands for a file not read as a
// spreadsheet (see NotRead).
func (r Record) Unread() bool { return NotRead(r.Findings) }

// fileError says why the operating system would not give a file: the
// problem a clerk can act on (a missing file, a denied permission, a file
// another program holds), its cause kept in the chain; anything else is
// ErrUnreadable.
func fileError(err error) error {
	var p *Problem
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		p = ErrFileNotFound
	case errors.Is(err, fs.ErrPermission):
		p = ErrNoPermission
	case inUse(err):
		p = ErrFileInUse
	case errors.Is(err, syscall.ENAMETOOLONG):
		p = ErrNameTooLong
	case errors.Is(err, syscall.EISDIR):
		return notRegular(fs.ModeDir)
	default:
		return problem.Wrap(ErrUnreadable, err)
	}
	return &quiet{p, err}
}

// quiet is err (a problem, perhaps with a detail in Chinese) caused by
// cause, an error of the system or a library that stays in the chain but
// whose own words, often English, are not shown: err says all of it.
type quiet struct {
	err   error
	cause error
}

func (q *quiet) Error() string   { return q.err.Error() }
func (q *quiet) Unwrap() []error { return []error{q.err, q.cause} }

// notRead is the submission of a file that is not read as a spreadsheet:
// its problem, and the unit and month its path names, so that the lists
// can say whose it may be. A file that is not there, or cannot be looked
// at, is said as such instead.
func (r *Reader) notRead(p, name string, err error) *Submission {
	if p != "" {
		if st, serr := os.Stat(p); serr != nil {
			return r.unreadable(name, fileError(serr))
		} else if !st.Mode().IsRegular() {
			return r.unreadable(name, notRegular(st.Mode()))
		}
	}
	return r.unreadable(name, err)
}

// otherFile is the submission of a file of kind archive or other.
func (r *Reader) otherFile(p, name string, kind fileKind) *Submission {
	if kind == kindArchive {
		return r.notRead(p, name, ErrArchiveUnsupported)
	}
	return r.notRead(p, name, ErrNotASheet)
}
