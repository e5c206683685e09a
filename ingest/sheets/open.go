package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The errors of the readers. Each may come wrapped with a detail after it
// (test with errors.Is); the message then starts with the error's own text.
var (
	// ErrDamaged: the file cannot be read: it is damaged, cut short, or not
	// a spreadsheet at all.
	ErrDamaged = errors.New("文件无法读取，可能已损坏或不是表格文件")
	// ErrEncrypted: the file is protected by a password that was not given
	// or that the reader cannot use.
	ErrEncrypted = errors.New("文件设置了打开密码")
	// ErrTooLarge: the file, once unpacked, or one of its sheets passes a
	// limit.
	ErrTooLarge = errors.New("文件或工作表过大")
	// ErrUnsupported: a spreadsheet of a format these readers do not read
	// (.ods, .xlsb, Apple Numbers, Excel 5.0/95).
	ErrUnsupported = errors.New("不支持的文件格式")
	// ErrWPSFormat: a WPS .et or .ett workbook in WPS's own format, not in
	// Excel's as most are.
	ErrWPSFormat = errors.New("这是WPS表格自有格式的文件，无法读取")
)

// because is err, one of the errors above (perhaps with a Chinese detail),
// caused by cause, an error of a library: cause stays in the chain, for
// errors.Is and errors.As, but its text, often English, is not part of
// the message a clerk reads.
func because(err, cause error) error { return &caused{err, cause} }

type caused struct{ err, cause error }

func (c *caused) Error() string   { return c.err.Error() }
func (c *caused) Unwrap() []error { return []error{c.err, c.cause} }

// Options are what Open passes on to the reader it picks.
type Options struct {
	Limits   Limits
	Password string // for password-protected .xlsx workbooks
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptedOOXML is "EncryptionInfo" in UTF-16LE, the stream name an
	// encrypted .xlsx carries inside its OLE container.
	encryptedOOXML = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// Open reads the workbook in data, picking the reader by the file's first
// bytes: a zip package is read as .xlsx (unless it is another zip-based
// format), an OLE container as an encrypted .xlsx or as a .xls (a WPS .et
// is one of these, as a rule), and anything else as text when name ends in
// .csv, .tsv or .txt. The error is one of ErrDamaged, ErrEncrypted,
// ErrTooLarge, ErrUnsupported and ErrWPSFormat, perhaps wrapped.
func Open(name string, data []byte, opt Options) (*Workbook, error) {
	if l := opt.Limits.FileBytes; l > 0 && int64(len(data)) > l {
		return nil, fmt.Errorf("%w：文件大小%d字节", ErrTooLarge, len(data))
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		if kind := otherZipFormat(data); kind != "" {
			return nil, fmt.Errorf("%w：这是%s文件", ErrUnsupported, kind)
		}
		return XLSXReader{Limits: opt.Limits, Password: opt.Password}.Read(data)
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptedOOXML):
		if opt.Password == "" {
			return nil, ErrEncrypted
		}
		return XLSXReader{Limits: opt.Limits, Password: opt.Password}.Read(data)
	case bytes.HasPrefix(data, oleMagic):
		return XLSReader{Limits: opt.Limits}.Read(data)
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return CSVReader{Limits: opt.Limits}.Read(data)
	case ".et", ".ett":
		return nil, ErrWPSFormat
	}
	return nil, ErrDamaged
}

// otherZipFormat names zip-based spreadsheet formats other than .xlsx that
// clerks' programs save, so that the message says what the file is.
func otherZipFormat(data []byte) string {
	head := data[:min(len(data), 256)]
	switch {
	case bytes.Contains(head, []byte("application/vnd.oasis.opendocument")):
		return "开放文档格式的表格（.ods）"
	case bytes.Contains(data, []byte("xl/workbook.bin")):
		return "Excel 二进制工作簿（.xlsb）"
	case bytes.Contains(data, []byte("Index/Document.iwa")):
		return "苹果电脑的表格（.numbers）"
	}
	return ""
}

// Editable returns the workbook in data as an excelize file to change and
// save: an .xlsx as it is, any other format that Open reads as a new .xlsx
// holding the values of its grid (merged ranges are not kept).
func Editable(name string, data []byte, opt Options) (*excelize.File, error) {
	if bytes.HasPrefix(data, zipMagic) {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{Password: opt.Password,
			UnzipSizeLimit: opt.Limits.UnzippedBytes, UnzipXMLSizeLimit: min(opt.Limits.UnzippedBytes, excelizeXMLPart)})
		if err != nil {
			return nil, classifyOpenError(err)
		}
		return f, nil
	}
	wb, err := Open(name, data, opt)
	if err != nil {
		return nil, err
	}
	return wb.toXLSX()
}

// xlsxSheetName is a name .xlsx allows for the i-th sheet named name (an
// .xls sheet's name may be longer or hold characters it forbids), unique
// among used, which it joins.
func xlsxSheetName(name string, i int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(":\\/?*[]", r) {
			return '_'
		}
		return r
	}, name)
	for len(utf16.Encode([]rune(name))) > 31 {
		_, n := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-n]
	}
	name = strings.Trim(name, "'")
	if name == "" || used[strings.ToLower(name)] {
		name = fmt.Sprintf("Sheet%d", i+1)
		for used[strings.ToLower(name)] {
			name += "_"
		}
	}
	used[strings.ToLower(name)] = true
	return name
}

// toXLSX writes the values of the grid into a new workbook, sheet by sheet.
func (wb *Workbook) toXLSX() (*excelize.File, error) {
	f := excelize.NewFile()
	used := map[string]bool{}
	for i, s := range wb.Sheets {
		name := xlsxSheetName(s.Name, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		for ri, row := range s.Rows {
			for ci, c := range row {
				if c.Text != "" && !c.Covered {
					if err := f.SetCellStr(name, Ref(ri, ci), c.Text); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return f, nil
}
