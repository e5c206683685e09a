package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// resendSummary is the part of summary.json about corrected sheets.
type resendSummary struct {
	Units []struct {
		Name   string           `json:"name"`
		Status string           `json:"status"`
		Month  map[string]int64 `json:"month"`
	} `json:"units"`
	Month struct {
		Totals map[string]int64 `json:"totals"`
	} `json:"month"`
	Missing    []string `json:"missing"`
	Superseded []struct {
		File         string `json:"file"`
		Unit         string `json:"unit"`
		Period       string `json:"period"`
		SupersededBy string `json:"superseded_by"`
		Reason       string `json:"reason"`
		Changes      []struct {
			Metric  string `json:"metric"`
			Area    string `json:"area"`
			Cell    string `json:"cell"`
			OldCell string `json:"old_cell"`
			Old     int64  `json:"old"`
			New     int64  `json:"new"`
		} `json:"changes"`
		Totals []struct {
			Metric   string
			Old, New int64
		} `json:"totals"`
	} `json:"superseded"`
	Sources []struct {
		File string `json:"file"`
	} `json:"sources"`
}

// changeFigure copies a sample sheet with one figure of the standard
// layout raised by four, and its 合计 with it, as a clerk correcting a
// sheet does.
func changeFigure(t *testing.T, from, to, cell, total string) (int64, int64) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	read := func(ref string) int64 {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s %s: %v", from, ref, err)
		}
		return n
	}
	was, sum := read(cell), read(total)
	if err := f.SetCellInt(sheet, cell, was+4); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt(sheet, total, sum+4); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
	return was, sum
}

// A unit that sends its sheet and then a corrected copy, 兴宁区（修改）.xlsx
// with one figure changed, is counted with the corrected figures; the
// first sheet is listed as corrected, with the cell changed and the
// unit's figures before and after, in the terminal, summary.json and the
// workbook. Without the word 修改 the two sheets conflict, and the unit has
// no figures.
func TestRollupCorrectedResend(t *testing.T) {
	cases := []struct {
		name      string
		copyName  string
		corrected bool
	}{
		{"named as a correction", "兴宁区（修改）.xlsx", true},
		{"nothing says which is later", "兴宁区 - 副本.xlsx", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			month := filepath.Join(dir, "2018-10")
			copyTree(t, "samples/2018-10", month)
			was, sum := changeFigure(t, filepath.Join(month, "兴宁区.xlsx"), filepath.Join(month, c.copyName), "D5", "D13")

			out := filepath.Join(t.TempDir(), "o")
			code, stdout, stderr := run(t, "rollup", "--quiet", "--out", out, dir)
			if code != exitOK {
				t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
			}
			b, err := os.ReadFile(filepath.Join(out, "summary.json"))
			if err != nil {
				t.Fatal(err)
			}
			var s resendSummary
			if err := json.Unmarshal(b, &s); err != nil {
				t.Fatal(err)
			}
			var unit map[string]int64
			var status string
			for _, u := range s.Units {
				if u.Name == "兴宁区" {
					unit, status = u.Month, u.Status
				}
			}
			var sources []string
			for _, src := range s.Sources {
				sources = append(sources, src.File)
			}
			if !c.corrected {
				if status != "conflict" || len(s.Superseded) != 0 || !strings.Contains(stdout, "未计入：2018-10/兴宁区.xlsx") || !strings.Contains(stdout, "兴宁区（报送了两份数字不同的报表，待核实）") {
					t.Errorf("status %s, superseded %+v\n%s", status, s.Superseded, stdout)
				}
				return
			}

			if status != "accepted" || unit["problems_found"] != sum+4 || strings.Contains(strings.Join(s.Missing, ","), "兴宁区") {
				t.Errorf("兴宁区: %s %v, want accepted with problems_found %d; missing %v", status, unit, sum+4, s.Missing)
			}
			if !strings.Contains(strings.Join(sources, ","), "2018-10/兴宁区（修改）.xlsx") || strings.Contains(strings.Join(sources, ","), "2018-10/兴宁区.xlsx") {
				t.Errorf("sources %v", sources)
			}
			if len(s.Superseded) != 1 {
				t.Fatalf("superseded %+v", s.Superseded)
			}
			x := s.Superseded[0]
			if x.File != "2018-10/兴宁区.xlsx" || x.SupersededBy != "2018-10/兴宁区（修改）.xlsx" || x.Unit != "兴宁区" || x.Period != "2018-10" ||
				x.Reason != "文件名中的“修改”表明是更正后的版本" {
				t.Errorf("superseded %+v", x)
			}
			if len(x.Changes) != 1 || x.Changes[0].Metric != "problems_found" || x.Changes[0].Area != "脱贫攻坚" ||
				x.Changes[0].Cell != "D5" || x.Changes[0].OldCell != "D5" || x.Changes[0].Old != was || x.Changes[0].New != was+4 {
				t.Errorf("changes %+v", x.Changes)
			}
			if len(x.Totals) != 1 || x.Totals[0].Metric != "problems_found" || x.Totals[0].Old != sum || x.Totals[0].New != sum+4 {
				t.Errorf("totals %+v", x.Totals)
			}

			// The terminal says it, line by line.
			for _, want := range []string{
				"已被更正，未计入：2018-10/兴宁区.xlsx（兴宁区 2018-10），以“2018-10/兴宁区（修改）.xlsx”为准（文件名中的“修改”表明是更正后的版本）",
				"  改动：脱贫攻坚·督查发现问题 D5 " + formatInt(was) + "→" + formatInt(was+4),
				"  兴宁区2018年10月的数字：督查发现问题由" + formatInt(sum) + "改为" + formatInt(sum+4),
			} {
				if !strings.Contains(stdout, want+"\n") {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}

			// The workbook lists it in 数据来源.
			f, err := excelize.OpenFile(filepath.Join(out, "briefing.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("数据来源")
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, row := range rows {
				if len(row) > 4 && row[2] == "2018-10/兴宁区.xlsx" && row[3] == "2018-10/兴宁区（修改）.xlsx" &&
					strings.Contains(row[4], "改动：脱贫攻坚·督查发现问题 D5 "+formatInt(was)+"→"+formatInt(was+4)) {
					found = true
				}
			}
			if !found {
				t.Errorf("数据来源 lists no corrected sheet: %q", rows)
			}
		})
	}
}
