// Package ingest finds the monthly submissions of reporting units and reads
// them: .xlsx and .xlsm through excelize, legacy .xls through its own BIFF8
// record reader, and .csv in UTF-8 or GB18030. Every format becomes the same
// grid of cells (Workbook, Sheet, Cell), from which a HeaderMatcher finds the
// data sheet and its layout (a table of work areas by metrics, or a list of
// metrics), a ValueParser reads each count exactly, and a UnitMatcher and the
// period patterns tell whose sheet it is and for which month.
//
// Nothing is guessed: a value that is not a whole number ≥ 0, a 合计 that
// differs from its rows, a missing metric or an unknown unit is a Finding
// that names the file, sheet and cell, with a stable code and a message in
// Chinese. Findings are collected per file and the run goes on; a Ledger
// then looks at the files together (corrections sent later, conflicts,
// duplicates, swings, 累计), either as ReadEach delivers them one at a
// time, keeping of each only a row of a Records table, or all at once
// through Reconcile.
// The package never prints; WriteText, WriteJSON and WriteExplain format
// findings for the command line.
package ingest
