package ingest

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// testSheet describes a worksheet for tests: rows of cell texts starting at
// A1 (a leading "=" writes a formula without a cached value; a float64 or int
// writes a number), merged ranges, and whether it is hidden.
type testSheet struct {
	name   string
	rows   [][]any
	merges [][2]string
	hidden bool
	// hiddenCols are column letters to hide; indent maps cells to an
	// indent level of their alignment.
	hiddenCols []string
	hiddenRows []int // 1-based
	indent     map[string]int
}

func buildXLSX(t testing.TB, sheets ...testSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch x := v.(type) {
				case nil:
					continue
				case string:
					if len(x) > 1 && x[0] == '=' {
						err = f.SetCellFormula(s.name, ref, x[1:])
					} else {
						err = f.SetCellStr(s.name, ref, x)
					}
				default:
					err = f.SetCellValue(s.name, ref, x)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for _, col := range s.hiddenCols {
			if err := f.SetColVisible(s.name, col, false); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range s.hiddenRows {
			if err := f.SetRowVisible(s.name, r, false); err != nil {
				t.Fatal(err)
			}
		}
		for cell, n := range s.indent {
			style, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Indent: n}})
			if err == nil {
				err = f.SetCellStyle(s.name, cell, cell, style)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// standardRows is the standard template for 青秀区 2018-10 with the given
// area figures (8 rows × 8 metrics) and a 合计 row given by total.
func standardRows(areas [8][8]any, total []any) [][]any {
	rows := [][]any{
		{"青秀区2018年10月“两重两问”督查工作统计表"},
		{"填报单位：青秀区", nil, nil, nil, nil, nil, nil, "统计时段：2018年10月"},
		{"序号", "工作类别", "派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题（个）", "发出督办（挂牌督办）函（份）", "约谈", nil, "问责"},
		{nil, nil, nil, nil, nil, nil, "责任单位（个）", "责任人（人）", "责任单位（个）", "责任人（人）"},
	}
	names := []string{"脱贫攻坚", "“美丽南宁”乡村建设", "扬尘污染治理", "重大项目建设", "为民办实事", "服务东博会峰会", "舆情回访和电视问政", "其他"}
	for i, n := range names {
		rows = append(rows, append([]any{i + 1, n}, areas[i][:]...))
	}
	rows = append(rows, append([]any{nil, "合计"}, total...))
	rows = append(rows, []any{"填表人：张三  联系电话：0771-1234567"})
	return rows
}

var standardMerges = [][2]string{{"A1", "J1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "D4"}, {"E3", "E4"}, {"F3", "F4"}, {"G3", "H3"}, {"I3", "J3"}, {"A14", "J14"}}

func sumFormulas() []any {
	var out []any
	for _, c := range "CDEFGHIJ" {
		out = append(out, "=SUM("+string(c)+"5:"+string(c)+"12)")
	}
	return out
}

// simpleAreas fills area i, metric j with (i+1)*(j+1).
func simpleAreas() [8][8]any {
	var a [8][8]any
	for i := range a {
		for j := range a[i] {
			a[i][j] = (i + 1) * (j + 1)
		}
	}
	return a
}
