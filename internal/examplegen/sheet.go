package main

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

// fixedTime is written into every workbook so that the bytes never vary.
const fixedTime = "2024-07-05T09:00:00Z"

// listUnits send the month-headed list (metrics down, months across,
// totals only); the others the table by industry.
var listUnits = map[string]bool{"高新区": true, "港口区": true}

// render writes unit u's workbook for month m and returns its file name.
func render(cfg *templates.Config, f *figures, u, m int) (string, []byte, error) {
	unit := cfg.Units[u].Name
	name := fmt.Sprintf("%s-%d年%d月安全生产统计表.xlsx", unit, year, m)
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime,
		Creator: unit, LastModifiedBy: unit, Language: "zh-CN"}); err != nil {
		return "", nil, err
	}
	w := &writer{f: x}
	if listUnits[unit] {
		w.sheet = "月度指标"
		w.list(cfg, f, u, m)
	} else {
		w.sheet = "统计表"
		w.table(cfg, f, u, m)
	}
	data, err := w.finish()
	return name, data, err
}

// finish names the sheet and returns the workbook's bytes, or the first
// error met while writing it.
func (w *writer) finish() ([]byte, error) {
	if w.err == nil {
		w.err = w.f.SetSheetName("Sheet1", w.sheet)
	}
	if w.err != nil {
		return nil, w.err
	}
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writer writes cells into one sheet and keeps the first error.
type writer struct {
	f     *excelize.File
	sheet string
	err   error
}

func ref(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return s
}

func (w *writer) str(col, row int, s string) {
	if w.err == nil {
		w.err = w.f.SetCellStr("Sheet1", ref(col, row), s)
	}
}

func (w *writer) int(col, row int, v int64) {
	if w.err == nil {
		w.err = w.f.SetCellInt("Sheet1", ref(col, row), v)
	}
}

// figure writes a metric's figure: a count as a whole number, an amount as
// a number with its decimals (the XML holds exactly "123.45").
func (w *writer) figure(col, row int, m templates.Metric, v int64) {
	if !m.Amount() {
		w.int(col, row, v)
		return
	}
	x, err := strconv.ParseFloat(m.Text(v), 64)
	if err == nil {
		err = w.f.SetCellFloat("Sheet1", ref(col, row), x, m.Places(), 64)
	}
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) merge(c1, r1, c2, r2 int) {
	if w.err == nil {
		w.err = w.f.MergeCell("Sheet1", ref(c1, r1), ref(c2, r2))
	}
}

func (w *writer) width(col int, v float64) {
	if w.err == nil {
		name, _ := excelize.ColumnNumberToName(col)
		w.err = w.f.SetColWidth("Sheet1", name, name, v)
	}
}

// head is a metric's column header: its name and measure.
func head(m templates.Metric) string {
	if m.Measure == "" {
		return m.Name
	}
	return m.Name + "（" + m.Measure + "）"
}

// info writes the title and the 填报单位 and 统计时段 cells.
func (w *writer) info(title, unit string, m, width int) {
	w.str(1, 1, title)
	w.merge(1, 1, width, 1)
	w.str(1, 2, "填报单位："+unit)
	w.str(width-1, 2, fmt.Sprintf("统计时段：%d年%d月", year, m))
}

// table is the table by industry:
//
//	A1 title; A2 填报单位 … 统计时段
//	row 3 序号 | 行业领域 | the metrics
//	one row per industry; 合计; a note
func (w *writer) table(cfg *templates.Config, f *figures, u, m int) {
	unit := cfg.Units[u].Name
	width := 2 + len(cfg.Metrics)
	w.info(fmt.Sprintf("%s%d年%d月安全生产监督检查情况统计表", unit, year, m), unit, m, width)
	w.str(1, 3, "序号")
	w.str(2, 3, "行业领域")
	for k, met := range cfg.Metrics {
		w.str(3+k, 3, head(met))
		w.width(3+k, 14)
	}
	w.width(2, 16)
	row := 4
	for a, area := range cfg.Areas {
		w.int(1, row, int64(a+1))
		w.str(2, row, area.Name)
		for k, met := range cfg.Metrics {
			w.figure(3+k, row, met, f.v[u][m-1][a][k])
		}
		row++
	}
	w.str(2, row, "合计")
	for k, v := range f.month(u, m) {
		w.figure(3+k, row, cfg.Metrics[k], v)
	}
	w.str(1, row+1, "填表人：          联系电话：")
}

// list is the month-headed list, totals only:
//
//	A1 title; A2 填报单位 … 统计时段
//	row 3 序号 | 指标 | 2024年1月 | … | 2024年M月
//	one row per metric
func (w *writer) list(cfg *templates.Config, f *figures, u, m int) {
	unit := cfg.Units[u].Name
	width := max(2+m, 4)
	w.info(fmt.Sprintf("%s安全生产主要指标月度表", unit), unit, m, width)
	w.str(1, 3, "序号")
	w.str(2, 3, "指标")
	w.width(2, 26)
	for i := 1; i <= m; i++ {
		w.str(2+i, 3, fmt.Sprintf("%d年%d月", year, i))
		w.width(2+i, 12)
	}
	for k, met := range cfg.Metrics {
		w.int(1, 4+k, int64(k+1))
		w.str(2, 4+k, head(met))
		for i := 1; i <= m; i++ {
			w.figure(2+i, 4+k, met, f.month(u, i)[k])
		}
	}
	w.str(1, 5+len(cfg.Metrics), "说明：各月数字为当月数，在册生产经营单位为月末数。")
}
