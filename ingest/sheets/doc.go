// Package sheets reads spreadsheet files into a grid of cells. It knows
// file formats only: what the cells mean (headers, metrics, units, months)
// is for its callers.
//
// # What it reads
//
//   - .xlsx and .xlsm (Office Open XML), also with an open password, by
//     XLSXReader: plain workbooks with its own token-level reader, any other
//     through excelize.
//   - .xls of Excel 97-2003 (BIFF8), by XLSReader, with its own record
//     reader on the OLE container. Excel 5.0/95 files and password-protected
//     .xls are refused.
//   - .csv, .tsv and .txt: comma- or tab-separated text in UTF-8 (with or
//     without a byte-order mark) or GB18030/GBK, by CSVReader, as one sheet.
//
// Open picks the reader by the file's first bytes, not its name: a zip
// package is an .xlsx unless it is an OpenDocument, .xlsb or Apple Numbers
// file; an OLE container is an encrypted .xlsx or a .xls; only what is
// neither is taken as text, and only when its name says so. Limits bound
// every reader, so that a damaged or hostile file is refused in bounded
// time and memory.
//
// # The grid
//
// A Workbook is its worksheets in file order. A Sheet is rows of Cells,
// row 0 being the sheet's first row and column 0 its column A; a row is as
// wide as its last value, and no wider than MaxColumns. A Cell holds the
// value as stored, not as displayed: numbers as written (12.5, not 12.50 or
// a date), text as is, and for a formula its cached result, with the
// formula kept when there is none. Merged ranges are resolved: each cell a
// range covers holds the range's value and is marked Covered.
//
// A sheet also says whether it is hidden, and for .xlsx and .xls which of
// its rows and columns within the grid are hidden (HiddenRows, HiddenCols)
// and how far each cell that holds something is indented (Cell.Indent, the
// indent level of the alignment of the cell's format; covered cells have
// none). Text files have none of these.
//
// # Errors
//
// The readers fail with one of four errors, often wrapped with a detail
// after it (in Chinese, quoting the message of the library below where
// there is one), so that the message always starts with the error's own
// text and errors.Is tells the kind:
//
//   - ErrDamaged: damaged, cut short, or not a spreadsheet;
//   - ErrEncrypted: protected by a password that was not given or cannot
//     be used;
//   - ErrTooLarge: past a limit;
//   - ErrUnsupported: a spreadsheet format these readers do not read.
package sheets
