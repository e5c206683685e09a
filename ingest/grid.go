package ingest

import "jianbao/ingest/sheets"

// The grid of cells that the format readers of package sheets produce.
type (
	Cell     = sheets.Cell
	Sheet    = sheets.Sheet
	Workbook = sheets.Workbook
	Limits   = sheets.Limits
)

// Ref names the cell at 0-based row and column, as D7.
func Ref(row, col int) string { return sheets.Ref(row, col) }
