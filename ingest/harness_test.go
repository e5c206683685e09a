package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"jianbao/ingest"
	"jianbao/ingest/tablegen"
	"jianbao/templates"
)

// The layout harness: sheets of generated layouts, each with its true
// figures, written through excelize and read. Every sheet must be read with
// its true figures or refused; none may be accepted with other figures.
//
// JIANBAO_LAYOUT_SEEDS sets how many seeds to run (default 400);
// JIANBAO_LAYOUT_OUT where the workbooks of failing cases are written (a new
// temporary folder by default).

const (
	layoutSeeds = 400
	layoutGroup = 50
	// minRightShare is the share of Readable cases that must be read right.
	minRightShare = 0.99
)

// layoutResult is one case as read.
type layoutResult struct {
	c       tablegen.Case
	sub     *ingest.Submission
	outcome tablegen.Outcome
	why     string
	data    []byte
	ext     string // of the file written, .xlsx unless said
	err     error  // the case could not be written
}

// readCase writes the case, reads the file under the case's name (with the
// file's extension ext) and judges it.
func readCase(r *ingest.Reader, cfg *templates.Config, write func(tablegen.Case) ([]byte, error), c tablegen.Case, ext string) layoutResult {
	res := layoutResult{c: c, ext: ext}
	res.data, res.err = write(c)
	if res.err != nil {
		return res
	}
	res.sub = r.Read(nameWith(&res.c, ext), res.data)
	res.outcome, res.why = judgeSubmission(&res.c, res.sub, cfg)
	return res
}

// judgeSubmission compares a submission with the case's truth.
func judgeSubmission(c *tablegen.Case, sub *ingest.Submission, cfg *templates.Config) (tablegen.Outcome, string) {
	rd := tablegen.Reading{
		OK: sub.OK(), Unit: sub.Unit, Year: sub.Period.Year, Month: sub.Period.Month,
		Total: sub.Total, Cumulative: sub.Cumulative,
	}
	for _, a := range sub.Areas {
		rd.Areas = append(rd.Areas, tablegen.AreaCounts{Area: a.Area, Counts: a.Counts})
	}
	areas := make([]string, len(cfg.Areas))
	for i, a := range cfg.Areas {
		areas[i] = a.Name
	}
	return c.Judge(rd, areas)
}

// refusalNamesCell reports whether an error finding of sub names a cell.
func refusalNamesCell(sub *ingest.Submission) bool {
	for _, f := range sub.Errors() {
		if f.Cell != "" {
			return true
		}
	}
	return false
}

func findings(sub *ingest.Submission) string {
	var b strings.Builder
	for _, f := range sub.Findings {
		fmt.Fprintf(&b, "\n    %s %s %s", f.Severity, f.Code(), f.Error())
	}
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// failDir is where workbooks of failing cases go, made on first use.
type failDir struct {
	once sync.Once
	path string
	err  error
}

func (d *failDir) save(res *layoutResult, suffix string) string {
	d.once.Do(func() {
		if p := os.Getenv("JIANBAO_LAYOUT_OUT"); p != "" {
			d.path, d.err = p, os.MkdirAll(p, 0o755)
			return
		}
		d.path, d.err = os.MkdirTemp("", "jianbao-layouts-")
	})
	if d.err != nil {
		return "(not saved: " + d.err.Error() + ")"
	}
	base := filepath.Join(d.path, fmt.Sprintf("seed-%d%s", res.c.Seed, suffix))
	ext := res.ext
	if ext == "" {
		ext = ".xlsx"
	}
	if err := os.WriteFile(base+ext, res.data, 0o644); err != nil {
		return "(not saved: " + err.Error() + ")"
	}
	_ = os.WriteFile(base+".txt", []byte(describe(res)+"\n\n"+res.c.Book.Dump()), 0o644)
	return base + ext
}

func describe(res *layoutResult) string {
	c := &res.c
	return fmt.Sprintf("seed %d (%s, readable %v): %s\n  transformations: %v\n  findings:%s",
		c.Seed, c.Name(), c.Readable, res.why, c.Transforms, findings(res.sub))
}

// TestLayouts reads a few hundred generated sheets. No sheet may be read
// with other figures than its own; at least 99% of the readable ones must
// be read right; every refusal is an error finding.
func TestLayouts(t *testing.T) {
	n := envInt("JIANBAO_LAYOUT_SEEDS", layoutSeeds)
	cfg := templates.Default()
	rd := ingest.NewReader(cfg)
	results := make([]layoutResult, n)
	var dir failDir
	t.Run("read", func(t *testing.T) {
		for from := 1; from <= n; from += layoutGroup {
			to := min(from+layoutGroup-1, n)
			t.Run(fmt.Sprintf("seeds %d-%d", from, to), func(t *testing.T) {
				t.Parallel()
				for seed := from; seed <= to; seed++ {
					res := readCase(rd, cfg, tablegen.WriteXLSX, tablegen.Generate(uint64(seed)), ".xlsx")
					results[seed-1] = res
					checkCase(t, &res, &dir, "")
				}
			})
		}
	})
	summarize(t, results, &dir)
}

// checkCase reports a case that could not be written, was read with other
// figures than its own, or was refused without an error finding.
func checkCase(t *testing.T, res *layoutResult, dir *failDir, suffix string) {
	t.Helper()
	switch {
	case res.err != nil:
		t.Errorf("seed %d: the case could not be written: %v", res.c.Seed, res.err)
	case res.outcome == tablegen.Wrong:
		t.Errorf("WRONG %s\n  workbook: %s", describe(res), dir.save(res, suffix))
	case res.outcome == tablegen.Refused && len(res.sub.Errors()) == 0:
		t.Errorf("seed %d: refused without an error finding", res.c.Seed)
	}
}

// summarize tallies the outcomes, logs them per transformation, and holds
// them to the harness: nothing wrong, 99% of the readable cases right.
func summarize(t *testing.T, results []layoutResult, dir *failDir) {
	t.Helper()
	var tally tablegen.Tally
	var refusedReadable []*layoutResult
	for i := range results {
		res := &results[i]
		if res.sub == nil {
			continue
		}
		tally.Add(&res.c, res.outcome)
		if res.outcome == tablegen.Refused {
			if !refusalNamesCell(res.sub) {
				tally.NoCell++
			}
			if res.c.Readable {
				refusedReadable = append(refusedReadable, res)
			}
		}
	}
	var b strings.Builder
	_ = tally.Write(&b)
	t.Logf("outcomes of %d cases:\n%s", tally.All.N(), b.String())
	if tally.All.Wrong > 0 {
		t.Errorf("%d cases read with other figures than their own: seeds %v", tally.All.Wrong, tally.WrongSeeds)
	}
	if share := tally.RightShare(); share < minRightShare {
		var lines []string
		for i, res := range refusedReadable {
			if i == 20 {
				lines = append(lines, fmt.Sprintf("… and %d more", len(refusedReadable)-i))
				break
			}
			first := res.sub.Errors()[0]
			lines = append(lines, fmt.Sprintf("seed %d %v: %s %s\n    workbook: %s",
				res.c.Seed, res.c.Transforms, first.Code(), first.Error(), dir.save(res, "-refused")))
		}
		t.Errorf("%d of %d readable cases read right (%.1f%%), want at least %.0f%%; refused:\n%s",
			tally.Readable.Right, tally.Readable.N(), 100*share, 100*minRightShare, strings.Join(lines, "\n"))
	}
}
