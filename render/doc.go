// Package render writes the outputs of a rollup: the PDF briefing, the Excel
// workbook and summary.json.
package render
