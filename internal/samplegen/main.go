// Command gen writes the sample submissions: one Excel sheet per reporting
// unit per month for January–October 2018, in the layouts units really send,
// whose figures add up exactly to the published January–October totals; the
// full figure table (testdata/samples/figures.csv), a manifest of files and
// layouts (testdata/samples/manifest.csv) and a list of the layouts
// (testdata/samples/README.md); and the test files that must be rejected,
// conflict or duplicate (testdata/reject, testdata/conflict,
// testdata/duplicate).
//
// Run from the repository root:
//
//	go run ./internal/samplegen [-out samples] [-reject testdata/reject] [-seed 20181105]
//
// The output depends only on the seed and the default configuration: two
// runs give byte-identical files.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

// defaultSeed gives the committed samples.
const defaultSeed = 20181105

func main() {
	out := flag.String("out", "samples", "directory for the monthly samples")
	reject := flag.String("reject", "testdata/reject", "directory for the files that must be rejected; conflict/, duplicate/ and samples/ (figures.csv, manifest.csv) go next to it")
	seed := flag.Uint64("seed", defaultSeed, "random seed")
	flag.Parse()
	if err := run(*out, *reject, *seed, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, reject string, seed uint64, logw io.Writer) error {
	cfg := templates.Default()
	t, err := generate(cfg, seed)
	if err != nil {
		return err
	}
	ps := plans(cfg, seed)
	for m := 0; m < nMonths; m++ {
		dir := filepath.Join(out, fmt.Sprintf("%d-%02d", year, m+1))
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	for _, p := range ps {
		b, err := render(cfg, t, p)
		if err != nil {
			return fmt.Errorf("%s %s: %w", p.Unit, p.Period(), err)
		}
		if err := os.WriteFile(filepath.Join(out, p.Period(), p.File), b, 0o644); err != nil {
			return err
		}
	}
	base := filepath.Dir(reject)
	tables := filepath.Join(base, "samples")
	if err := os.MkdirAll(tables, 0o755); err != nil {
		return err
	}
	if err := writeSamplesReadme(filepath.Join(tables, "README.md"), ps); err != nil {
		return err
	}
	if err := writeFigures(filepath.Join(tables, "figures.csv"), t); err != nil {
		return err
	}
	if err := writeManifest(filepath.Join(tables, "manifest.csv"), ps); err != nil {
		return err
	}
	if err := writeRejects(cfg, t, ps, reject); err != nil {
		return err
	}
	if err := writeConflicts(cfg, t, ps, filepath.Join(base, "conflict"), filepath.Join(base, "duplicate")); err != nil {
		return err
	}
	g := t.Grand()
	fmt.Fprintf(logw, "wrote %d files to %s; totals:", len(ps), out)
	for k, id := range metricIDs {
		fmt.Fprintf(logw, " %s=%d", id, g[k])
	}
	fmt.Fprintln(logw)
	return nil
}

func writeCSV(path string, rows [][]string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeFigures writes every figure: unit, period, area, then the metrics.
func writeFigures(path string, t *Table) error {
	rows := [][]string{append([]string{"unit", "period", "area"}, t.Metrics...)}
	for u, unit := range t.Units {
		for m := 0; m < nMonths; m++ {
			for a, area := range t.Areas {
				row := []string{unit, fmt.Sprintf("%d-%02d", year, m+1), area}
				for k := 0; k < nMetrics; k++ {
					row = append(row, strconv.FormatInt(t.V[u][m][a][k], 10))
				}
				rows = append(rows, row)
			}
		}
	}
	return writeCSV(path, rows)
}

// writeManifest lists each sample file with its unit, period, layout and the
// spelling of the unit inside the sheet.
func writeManifest(path string, ps []plan) error {
	sorted := append([]plan(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].M != sorted[j].M {
			return sorted[i].M < sorted[j].M
		}
		return sorted[i].U < sorted[j].U
	})
	rows := [][]string{{"file", "unit", "period", "layout", "unit_in_sheet"}}
	for _, p := range sorted {
		rows = append(rows, []string{p.Period() + "/" + p.File, p.Unit, p.Period(), p.Layout, p.Disp})
	}
	return writeCSV(path, rows)
}

func find(ps []plan, unit string, month int) plan {
	for _, p := range ps {
		if p.Unit == unit && p.Month() == month {
			return p
		}
	}
	panic("no plan for " + unit)
}

// rejectFile is one file in testdata/reject and the code it must give.
type rejectFile struct {
	Name, Code, Why string
	Bytes           []byte
}

func writeRejects(cfg *templates.Config, t *Table, ps []plan, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Clear earlier output (only the .xlsx files; other files are left alone).
	old, err := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	p := find(ps, "青秀区", 10)
	p.Disp = "青秀区"
	const creator = "青秀区“两重两问”办"
	std := func(o stdOpts, edit func(s *sheet), post ...func(*excelize.File) error) []byte {
		s := standardSheet(cfg, t, p, o)
		if edit != nil {
			edit(s)
		}
		b, err := book([]*sheet{s}, 0, creator, post...)
		if err != nil {
			panic(err)
		}
		return b
	}
	// rows[4] is sheet row 5 (the first area); column C is index 2.
	set := func(row, col int, v any) func(s *sheet) {
		return func(s *sheet) { s.rows[row-1][col-1] = v }
	}
	valid := std(stdOpts{}, nil)
	tot := t.Month(p.U, p.M)
	var files []rejectFile
	files = append(files,
		rejectFile{"01-not-whole-number-青秀区-2018-10.xlsx", "NOT_WHOLE_NUMBER",
			"C7 (派出监督检查人员, 扬尘污染治理) holds the number 12.5; no 合计 row, so nothing else is wrong",
			std(stdOpts{Total: totalNone}, set(7, 3, 12.5))},
		rejectFile{"02-negative-number-青秀区-2018-10.xlsx", "NOT_WHOLE_NUMBER",
			"F6 (发出督办函, 美丽南宁乡村建设) holds the number -3; no 合计 row",
			std(stdOpts{Total: totalNone}, set(6, 6, int64(-3)))},
		rejectFile{"03-word-in-cell-青秀区-2018-10.xlsx", "NOT_WHOLE_NUMBER",
			"H8 (约谈责任人, 重大项目建设) holds the text 若干; no 合计 row",
			std(stdOpts{Total: totalNone}, set(8, 8, "若干"))},
		rejectFile{"04-total-mismatch-青秀区-2018-10.xlsx", "TOTAL_MISMATCH",
			fmt.Sprintf("合计 row written as plain numbers; D13 (督查发现问题) is %d, the rows D5:D12 add up to %d", tot[kFound]+10, tot[kFound]),
			std(stdOpts{Total: totalPlain}, set(13, 4, tot[kFound]+10))},
		rejectFile{"05-missing-metric-青秀区-2018-10.xlsx", "MISSING_METRIC",
			"the 发出督办（挂牌督办）函 column (F) was deleted; the other seven metrics are in C..I, 合计 as plain numbers",
			std(stdOpts{Total: totalPlain}, nil, func(f *excelize.File) error { return f.RemoveCol("统计表", "F") })},
	)
	pu := p
	pu.Disp = "某某区"
	s := standardSheet(cfg, t, pu, stdOpts{})
	b, err := book([]*sheet{s}, 0, "某某区“两重两问”办")
	if err != nil {
		return err
	}
	files = append(files, rejectFile{"06-unknown-unit-某某区-2018-10.xlsx", "UNKNOWN_UNIT",
		"the standard layout with 某某区 in the title, in 填报单位 and in the file name; figures of 青秀区 2018-10", b})
	files = append(files, rejectFile{"07-unknown-period-青秀区.xlsx", "UNKNOWN_PERIOD",
		"the standard layout with no month in the title, an empty 统计时段： cell and no month in the file name",
		std(stdOpts{NoPeriod: true}, nil)})
	text := "青秀区2018年10月“两重两问”督查工作统计表\n工作类别\t派出监督检查人员\t督查发现问题\n脱贫攻坚\t120\t95\n（这是一个改了扩展名的文本文件，不是Excel文件。）\n"
	files = append(files, rejectFile{"08-not-a-spreadsheet-青秀区-2018-10.xlsx", "UNREADABLE_FILE",
		"plain UTF-8 text renamed to .xlsx", []byte(text)})
	files = append(files, rejectFile{"09-truncated-zip-青秀区-2018-10.xlsx", "UNREADABLE_FILE",
		fmt.Sprintf("the first %d of the %d bytes of a valid standard-layout file (青秀区 2018-10)", len(valid)/2, len(valid)),
		valid[:len(valid)/2]})
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Bytes, 0o644); err != nil {
			return err
		}
	}
	return writeRejectReadme(filepath.Join(dir, "README.md"), files)
}

// writeSamplesReadme lists the layouts of the samples and how many files use
// each.
func writeSamplesReadme(path string, ps []plan) error {
	n := map[string]int{}
	for _, p := range ps {
		n[p.Layout]++
	}
	var b bytes.Buffer
	b.WriteString(`# Sample submissions

Written by ` + "`go run ./internal/samplegen`" + ` (do not edit by hand; rerun the generator).
One Excel file per reporting unit per month, January–October 2018, in the
layouts units send. The figures of every file are those of
testdata/samples/figures.csv (per unit, month and work area); over all files
they add up to the published January–October totals. Which file has which
layout is in testdata/samples/manifest.csv; internal/samplegen/layouts.go and
internal/samplegen/anatomy.go draw them.

| layout | what the sheet shows | files |
|---|---|---|
`)
	for _, l := range Layouts {
		fmt.Fprintf(&b, "| %s | %s | %d |\n", l, strings.ReplaceAll(layoutDocs[l], "|", `\|`), n[l])
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeRejectReadme(path string, files []rejectFile) error {
	var b bytes.Buffer
	b.WriteString(`# Files that must be rejected

Written by ` + "`go run ./internal/samplegen`" + ` (do not edit by hand; rerun the generator).
Each file is rejected for exactly one reason. Unless said otherwise the file is
the standard layout (see internal/samplegen/layouts.go, standardSheet) for 青秀区
2018-10 with the figures in testdata/samples/figures.csv.

| file | expected code | what is wrong |
|---|---|---|
`)
	for _, f := range files {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Name, f.Code, f.Why)
	}
	b.WriteString(`
Related test files next to this directory:

- ` + "`testdata/conflict/2018-10/兴宁区.xlsx`" + ` and ` + "`testdata/conflict/2018-10/兴宁区 - 副本.xlsx`" + `:
  the same unit (兴宁区) and month (2018-10) with different figures, and nothing
  saying which is the correction → CONFLICT.
  兴宁区.xlsx holds the figures of testdata/samples/figures.csv; in 兴宁区 - 副本.xlsx
  row 5 (脱贫攻坚) has 督查发现问题 +4, 完成整改问题 +4 and 派出监督检查人员 +10,
  and the 合计 formulas' cached values follow.
- ` + "`testdata/duplicate/2018-10/江南区.xlsx`" + ` and ` + "`testdata/duplicate/2018-10/江南区（重发）.xlsx`" + `:
  byte-identical files (same SHA-256) for 江南区 2018-10 → DUPLICATE, counted once.
`)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeConflicts(cfg *templates.Config, t *Table, ps []plan, conflictDir, dupDir string) error {
	for _, d := range []string{conflictDir, dupDir} {
		if err := os.MkdirAll(filepath.Join(d, "2018-10"), 0o755); err != nil {
			return err
		}
	}
	p := find(ps, "兴宁区", 10)
	p.Disp = "兴宁区"
	a, err := book([]*sheet{standardSheet(cfg, t, p, stdOpts{})}, 0, "兴宁区“两重两问”办")
	if err != nil {
		return err
	}
	// A changed copy of the table for the second file.
	t2 := *t
	t2.V = append([][nMonths][nAreas][nMetrics]int64(nil), t.V...)
	t2.V[p.U][p.M][0][kFound] += 4
	t2.V[p.U][p.M][0][kRect] += 4
	t2.V[p.U][p.M][0][kPers] += 10
	b, err := book([]*sheet{standardSheet(cfg, &t2, p, stdOpts{})}, 0, "兴宁区“两重两问”办")
	if err != nil {
		return err
	}
	if bytes.Equal(a, b) || t.V[p.U][p.M][0][kFound] == t2.V[p.U][p.M][0][kFound] {
		return fmt.Errorf("conflict files are not different")
	}
	if err := os.WriteFile(filepath.Join(conflictDir, "2018-10", "兴宁区.xlsx"), a, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(conflictDir, "2018-10", "兴宁区 - 副本.xlsx"), b, 0o644); err != nil {
		return err
	}
	q := find(ps, "江南区", 10)
	q.Disp = "江南区"
	d, err := book([]*sheet{standardSheet(cfg, t, q, stdOpts{})}, 0, "江南区“两重两问”办")
	if err != nil {
		return err
	}
	for _, name := range []string{"江南区.xlsx", "江南区（重发）.xlsx"} {
		if err := os.WriteFile(filepath.Join(dupDir, "2018-10", name), d, 0o644); err != nil {
			return err
		}
	}
	return nil
}
