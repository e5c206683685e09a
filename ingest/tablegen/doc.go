// Package tablegen generates statistics sheets of many layouts together
// with their true figures, to hold a reader to them: every generated sheet
// must be read with its true figures or refused, never accepted with other
// figures.
//
// It is an oracle independent of the reader: it does not import package
// ingest, only the configured names of units, metrics and work areas from
// package templates.
//
// Generate(seed) returns a Case: the Truth (unit, month, the counts of each
// work-area row for every month of the year so far, the December before and
// the year before, and 其中 parts of rows), the Transforms it applied, whether
// a careful person could read it without doubt (Readable), and the Workbook
// as a format-neutral grid of sheets, cells (text, numbers, formulas with or
// without a cached value, number formats, indents), merges and hidden rows,
// columns and sheets. WriteXLSX writes the grid through excelize; WriteJSON
// writes the whole case for writers in other languages.
//
// The transformations, by the family of the table's anatomy they vary:
//
//  1. header names: aliases, line breaks, （人次） or (个), a trailing 数
//  2. header depth 1–3 rows, groups (约谈 over 责任单位 / 责任人) merged,
//     typed once or repeated
//  3. a row of measure words under the header
//  4. a 栏次 row (甲 乙 1 2 3 …)
//  5. label columns: 类别 only, 序号 only (numbered names), both;
//     numbering 1. （一） 一、 ①
//  6. 合计 first or last, in the 序号 or the 类别 column or merged over
//     both, spelled 合计 总计 全市合计 合  计; no 合计; =SUM formulas with
//     or without cached values
//  7. group heading rows (一、重点工作) and 小计 rows
//  8. 其中 / 含 / # / indented part rows under a parent, never summed
//  9. 本月 | 累计 sub-columns; 上月 / 去年同期 / 同比 beside
//  10. metrics down the side, work areas across the top
//  11. lists without areas: 指标 | 数值 and 指标 | 本月 | 累计
//  12. value columns headed by months, the month not always first or last
//  13. a sheet per month, earlier months' figures on earlier sheets, and
//     blank sheets for the months to come
//  14. blank rows and a repeated header inside the table
//  15. title rows above, note rows below, a note row inside
//  16. 编制人 / 审核 / 批准 after the total
//  17. counts as text, full-width digits, 12.00, 1,234, 12个, zero marks
//  18. columns shuffled; 备注 / 联系人 / 联系电话 columns; hidden columns;
//     整改率 and 未整改问题 beside the counts
//  19. labels merged over two columns, group names merged down a column
//  20. a second table in the sheet (上月, 累计, or another topic)
//  21. the header far down after a long preamble
//  22. two rows with the same work area
//  23. hidden rows, extra sheets (填报说明, a hidden old copy), a subset of
//     the areas or another order
//
// Readable is decided by construction: every transformation above keeps
// the month's figures unambiguous to a careful person who opens the file
// knowing its folder and name (a second table is titled as another month or
// topic, hidden rows, columns and sheets hold nothing of the month, a 其中
// row is marked or indented and fits inside its parent, a sum formula
// computes what it caches), so a case is Readable exactly when none of the
// broken transformations was applied.
//
// About one case in ten is deliberately broken — a 合计 that differs from
// its rows, figures in a row with no label, 若干 or 12.5 or a negative
// number in a figure cell, an unknown row label with figures, a 其中 larger
// than its parent — and is not Readable: refusing it is the only right
// answer.
//
// Judge compares what a reader made of a case (a Reading: accepted or not,
// unit, month, total, area rows, year to date) with the truth: Right,
// Refused, or Wrong — accepted with any other figure, or a broken case
// accepted. Tally adds outcomes up overall, among Readable cases and per
// transformation, and writes them as a table.
package tablegen
