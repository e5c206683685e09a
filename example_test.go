package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// exampleDir is the example report shipped with the program.
var exampleDir = filepath.Join("templates", "examples", "anquan")

// exampleSummary is what TestExampleRollsUp reads of summary.json: every
// figure kept as written, so that an amount is compared to the hundredth.
type exampleSummary struct {
	Period string `json:"period"`
	Month  struct {
		Totals map[string]json.Number `json:"totals"`
	} `json:"month"`
	YearToDate struct {
		From   string                 `json:"from"`
		To     string                 `json:"to"`
		Totals map[string]json.Number `json:"totals"`
	} `json:"year_to_date"`
	Units []struct {
		Name       string                 `json:"name"`
		Month      map[string]json.Number `json:"month"`
		YearToDate map[string]json.Number `json:"year_to_date"`
	} `json:"units"`
	Missing  []string `json:"missing"`
	Excluded []struct {
		File string `json:"file"`
	} `json:"excluded"`
	Findings []struct {
		File    string `json:"file"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"findings"`
}

// TestExampleRollsUp rolls the example's samples up with its own
// configuration and briefing template, month by month, and checks every
// figure of summary.json, the city's and each unit's, month and year to
// date, against the generator's oracle.csv: a flow summed over the months,
// the stock (在册生产经营单位) the latest month's, the fines exact to the
// hundredth of 万元.
func TestExampleRollsUp(t *testing.T) {
	oracle := readOracle(t, filepath.Join(exampleDir, "oracle.csv"))
	periods := []string{"2024-01", "2024-03", "2024-06"}
	for _, period := range periods {
		t.Run(period, func(t *testing.T) {
			s, _ := rollupExample(t, exampleDir, period, "2024-07-05T09:00:00+08:00")
			if s.Period != period || s.YearToDate.From != "2024-01" || s.YearToDate.To != period {
				t.Errorf("period %s, from %s, to %s", s.Period, s.YearToDate.From, s.YearToDate.To)
			}
			matchOracle(t, s, oracle, period, 8, 9*6)
		})
	}
}

// matchOracle checks a rollup's summary of period against the oracle:
// every unit of it (units of them) reported and none refused, no finding,
// and each of the oracle's figures of the period (figures of them), the
// city's and each unit's, month and year to date, the same.
func matchOracle(t *testing.T, s exampleSummary, oracle map[oracleKey][2]string, period string, units, figures int) {
	t.Helper()
	if len(s.Missing) != 0 || len(s.Excluded) != 0 || len(s.Units) != units {
		t.Errorf("missing %v, excluded %v, %d units", s.Missing, s.Excluded, len(s.Units))
	}
	for _, f := range s.Findings {
		t.Errorf("finding %s %s: %s", f.File, f.Code, f.Message)
	}
	byUnit := map[string][2]map[string]json.Number{"全市": {s.Month.Totals, s.YearToDate.Totals}}
	for _, u := range s.Units {
		byUnit[u.Name] = [2]map[string]json.Number{u.Month, u.YearToDate}
	}
	n := 0
	for key, want := range oracle {
		if key.period != period {
			continue
		}
		n++
		got, ok := byUnit[key.unit]
		if !ok {
			t.Errorf("%s: not in summary.json", key.unit)
			continue
		}
		if g := got[0][key.metric].String(); g != want[0] {
			t.Errorf("%s %s month = %q, want %q", key.unit, key.metric, g, want[0])
		}
		if g := got[1][key.metric].String(); g != want[1] {
			t.Errorf("%s %s year to date = %q, want %q", key.unit, key.metric, g, want[1])
		}
	}
	if n != figures {
		t.Errorf("%d figures of the oracle compared, want %d", n, figures)
	}
}

type oracleKey struct{ period, unit, metric string }

// readOracle reads oracle.csv: period, unit, metric → month, year to date.
func readOracle(t *testing.T, path string) map[oracleKey][2]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || fmt.Sprint(rows[0]) != "[period unit metric month year_to_date]" {
		t.Fatalf("oracle.csv: header %v", rows[:min(1, len(rows))])
	}
	out := map[oracleKey][2]string{}
	for _, r := range rows[1:] {
		out[oracleKey{r[0], r[1], r[2]}] = [2]string{r[3], r[4]}
	}
	return out
}

// TestExpenditureExampleRollsUp rolls up the second example, a report of
// one metric (专项经费支出, 万元 with two decimals) whose rows are each
// department's own projects (area_labels: open), with 本期 and 累计
// columns and no derived figure, and compares the month's and the year to
// date's figures, each department's and the total, with its oracle.csv to
// the hundredth of 万元: 本期 counted, 累计 only checked (no finding).
func TestExpenditureExampleRollsUp(t *testing.T) {
	dir := filepath.Join("templates", "examples", "jingfei")
	oracle := readOracle(t, filepath.Join(dir, "oracle.csv"))
	for _, period := range []string{"2024-01", "2024-02", "2024-04"} {
		t.Run(period, func(t *testing.T) {
			s, b := rollupExample(t, dir, period, "2024-05-06T09:00:00+08:00")
			matchOracle(t, s, oracle, period, 4, 5)
			if bytes.Contains(b, []byte(`rate"`)) {
				t.Error("summary.json names a rate, the configuration derives none")
			}
		})
	}
}

// rollupExample rolls up the samples of the example report in dir for
// period with its own templates, and reads the summary.json written: as
// decoded, and its bytes.
func rollupExample(t *testing.T, dir, period, at string) (exampleSummary, []byte) {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := run(t, "rollup", "--templates", dir, "--period", period, "--out", out,
		"--generated-at", at, filepath.Join(dir, "samples"))
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s exampleSummary
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s, b
}
