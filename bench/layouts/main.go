// Command layouts generates statistics sheets of many layouts (package
// ingest/tablegen), writes each through excelize, reads it with the ingest
// reader and compares the result with the sheet's true figures:
//
//	go run ./bench/layouts -n 20000 [-seed S] [-workers N] [-out DIR]
//
// It prints the counts of cases read right, refused and read wrong, overall,
// among the readable cases and per transformation, the seeds of the wrong
// ones and the time taken. With -out, the workbooks of the wrong cases are
// written there with a text description beside each. The exit status is 1
// when any case was read wrong.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"jianbao/ingest"
	"jianbao/ingest/tablegen"
	"jianbao/templates"
)

func main() {
	n := flag.Int("n", 20000, "number of cases")
	seed := flag.Uint64("seed", 1, "first seed")
	workers := flag.Int("workers", runtime.NumCPU(), "cases read at once")
	out := flag.String("out", "", "folder for the workbooks of wrong cases")
	flag.Parse()
	if *n < 1 || *workers < 1 {
		fmt.Fprintln(os.Stderr, "layouts: -n and -workers must be at least 1")
		os.Exit(2)
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "layouts:", err)
			os.Exit(2)
		}
	}
	cfg := templates.Default()
	rd := ingest.NewReader(cfg)
	rd.Lean = true
	areas := make([]string, len(cfg.Areas))
	for i, a := range cfg.Areas {
		areas[i] = a.Name
	}

	start := time.Now()
	seeds := make(chan uint64)
	tallies := make([]tablegen.Tally, *workers)
	var failures []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tally := &tallies[w]
			for s := range seeds {
				c := tablegen.Generate(s)
				data, err := tablegen.WriteXLSX(c)
				if err != nil {
					fmt.Fprintf(os.Stderr, "layouts: seed %d: %v\n", s, err)
					os.Exit(2)
				}
				sub := rd.Read(c.Name(), data)
				o, why := c.Judge(reading(sub), areas)
				tally.Add(&c, o)
				if o == tablegen.Refused && !namesCell(sub) {
					tally.NoCell++
				}
				if o == tablegen.Wrong {
					msg := fmt.Sprintf("seed %d %s %v: %s", s, c.Name(), c.Transforms, why)
					if *out != "" {
						msg += "\n  " + save(*out, &c, data, msg)
					}
					mu.Lock()
					failures = append(failures, msg)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range uint64(*n) {
		seeds <- *seed + i
	}
	close(seeds)
	wg.Wait()
	elapsed := time.Since(start)

	var total tablegen.Tally
	for i := range tallies {
		total.Merge(&tallies[i])
	}
	fmt.Printf("%d cases, seeds %d..%d, %d workers, %v (%.0f cases/s)\n\n",
		*n, *seed, *seed+uint64(*n)-1, *workers, elapsed.Round(time.Millisecond), float64(*n)/elapsed.Seconds())
	if err := total.Write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "layouts:", err)
		os.Exit(2)
	}
	if len(total.WrongSeeds) == 0 {
		return
	}
	fmt.Printf("\nwrong seeds (%d):\n", len(total.WrongSeeds))
	for i := 0; i < len(total.WrongSeeds); i += 20 {
		var line []string
		for _, s := range total.WrongSeeds[i:min(i+20, len(total.WrongSeeds))] {
			line = append(line, fmt.Sprint(s))
		}
		fmt.Println(strings.Join(line, " "))
	}
	if *out != "" {
		fmt.Printf("\nworkbooks of the wrong cases are in %s\n", *out)
	}
	os.Exit(1)
}

// reading puts a submission in the oracle's terms.
func reading(sub *ingest.Submission) tablegen.Reading {
	r := tablegen.Reading{
		OK: sub.OK(), Unit: sub.Unit, Year: sub.Period.Year, Month: sub.Period.Month,
		Total: sub.Total, Cumulative: sub.Cumulative,
	}
	for _, a := range sub.Areas {
		r.Areas = append(r.Areas, tablegen.AreaCounts{Area: a.Area, Counts: a.Counts})
	}
	return r
}

func namesCell(sub *ingest.Submission) bool {
	for _, f := range sub.Errors() {
		if f.Cell != "" {
			return true
		}
	}
	return false
}

// save writes a wrong case's workbook and its description, and says where.
func save(dir string, c *tablegen.Case, data []byte, msg string) string {
	base := filepath.Join(dir, fmt.Sprintf("seed-%d", c.Seed))
	if err := os.WriteFile(base+".xlsx", data, 0o644); err != nil {
		return "not saved: " + err.Error()
	}
	_ = os.WriteFile(base+".txt", []byte(msg+"\n\n"+c.Book.Dump()), 0o644)
	return base + ".xlsx"
}
