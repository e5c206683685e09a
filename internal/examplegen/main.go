// Command examplegen writes the samples of the example report shipped in
// templates/examples/anquan: the monthly 安全生产 (work safety) report of the
// districts and counties of an invented city, 清河市, for January–June
// 2024. The figures are invented. Besides the sheets it writes oracle.csv,
// the true figures of every unit and of the whole city, month and year to
// date, which the end-to-end test compares with the rollup.
//
// The samples show what the configuration of a report other than the
// built-in one declares: a stock (在册生产经营单位, whose year to date is the
// latest month's value), an amount with two decimals (罚款金额, 万元), and a
// list with the months across the top, of which the month's column is the
// one counted.
//
// Run from the repository root:
//
//	go run ./internal/examplegen [-dir templates/examples/anquan]
//	go run ./internal/examplegen -example jingfei
//
// The second, templates/examples/jingfei, is a single-metric expenditure
// report (see jingfei.go).
//
// The output depends only on the seed and the example's configuration: two
// runs give byte-identical files.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"jianbao/templates"
)

// defaultSeed gives the committed samples.
const defaultSeed = 20240705

// The period the samples cover.
const (
	year    = 2024
	nMonths = 6
)

func main() {
	example := flag.String("example", "anquan", "which example: anquan (work safety) or jingfei (expenditure)")
	dir := flag.String("dir", "", "the example's folder: config.yaml is read from it, samples/ and oracle.csv written into it (default templates/examples/<example>)")
	seed := flag.Uint64("seed", defaultSeed, "random seed")
	flag.Parse()
	gen, ok := generators[*example]
	if !ok {
		fmt.Fprintln(os.Stderr, "examplegen: no example", *example)
		os.Exit(2)
	}
	if *dir == "" {
		*dir = filepath.Join("templates", "examples", *example)
	}
	if err := gen(*dir, *dir, *seed, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "examplegen:", err)
		os.Exit(1)
	}
}

// generators are the examples' generators by folder name.
var generators = map[string]func(from, out string, seed uint64, logw io.Writer) error{
	"anquan":  run,
	"jingfei": runJingfei,
}

// run reads the configuration in from and writes samples/ and oracle.csv
// into out.
func run(from, out string, seed uint64, logw io.Writer) error {
	cfg, err := templates.Load(filepath.Join(from, templates.DefaultConfigName))
	if err != nil {
		return err
	}
	f, err := newFigures(cfg, seed)
	if err != nil {
		return err
	}
	samples := filepath.Join(out, "samples")
	if err := os.RemoveAll(samples); err != nil {
		return err
	}
	n := 0
	for m := 1; m <= nMonths; m++ {
		dir := filepath.Join(samples, fmt.Sprintf("%d-%02d", year, m))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for u := range cfg.Units {
			name, b, err := render(cfg, f, u, m)
			if err != nil {
				return fmt.Errorf("%s %d-%02d: %w", cfg.Units[u].Name, year, m, err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				return err
			}
			n++
		}
	}
	if err := os.WriteFile(filepath.Join(out, "oracle.csv"), oracle(cfg, f), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(logw, "%d个样表已写入%s，真实数字写入%s\n", n, samples, filepath.Join(out, "oracle.csv"))
	return nil
}
