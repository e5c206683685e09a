package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

// The second example, templates/examples/jingfei: the monthly 专项经费支出
// (earmarked expenditure) of four departments of the same invented city,
// January–April 2024. One metric, an amount in 万元 with two decimals; each
// department lists its own projects (the configuration lists none:
// area_labels: open); every sheet has a 本期 and a 累计 column, of which
// only 本期 is counted and 累计 is checked against the months.

// jfMetric is the only metric of the expenditure example.
const jfMetric = "spending"

// jfMonths is the number of months the expenditure samples cover.
const jfMonths = 4

// jfProject is one project of a department: its name and the first month
// it spends in (a project may start in the middle of the year).
type jfProject struct {
	name  string
	start int
}

// jfProjects are each department's projects, in the configuration's order
// of units. They are the data of the samples, not configuration.
var jfProjects = [][]jfProject{
	{{"校舍维修改造", 1}, {"学生资助", 1}, {"教师培训", 1}, {"中小学信息化建设", 1}},
	{{"基层医疗机构设备购置", 1}, {"基本公共卫生服务", 1}, {"疾病预防控制", 1}},
	{{"农村公路养护", 1}, {"公交场站建设", 1}, {"道路客运补贴", 1}},
	{{"高标准农田建设", 1}, {"动物疫病防控", 1}, {"农业技术推广", 1}, {"农村人居环境整治", 3}},
}

// jfHeads are the headers of the 本期 and 累计 columns, in turn by unit:
// the metric's name (or an alias) joined to the column's word.
var jfHeads = [][2]string{
	{"本期支出", "累计支出"},
	{"本期经费支出", "本年累计经费支出"},
	{"当期专项经费支出", "累计专项经费支出"},
}

// jfFigures holds the true figures: v[u][m][p] is unit u's spending on its
// project p in month m+1, in hundredths of 万元 (0 before the project
// starts or in a month without spending).
type jfFigures struct {
	v [][][]int64
}

func (f *jfFigures) month(u, m int) int64 {
	var s int64
	for _, x := range f.v[u][m-1] {
		s += x
	}
	return s
}

// project is unit u's spending on project p, month m and January..m.
func (f *jfFigures) project(u, p, m int) (month, ytd int64) {
	for i := 1; i <= m; i++ {
		ytd += f.v[u][i-1][p]
	}
	return f.v[u][m-1][p], ytd
}

func (f *jfFigures) yearToDate(u, m int) int64 {
	var s int64
	for i := 1; i <= m; i++ {
		s += f.month(u, i)
	}
	return s
}

// checkJingfei refuses a configuration the expenditure generator cannot
// draw for: one metric, spending, an amount with two decimals, a flow.
func checkJingfei(cfg *templates.Config) error {
	if len(cfg.Metrics) != 1 || cfg.Metrics[0].ID != jfMetric {
		return fmt.Errorf("the configuration must have the one metric %s", jfMetric)
	}
	if m := cfg.Metrics[0]; !m.Amount() || m.Places() != 2 || m.Stock() {
		return fmt.Errorf("%s must be a flow amount with 2 decimals", jfMetric)
	}
	if len(cfg.Units) != len(jfProjects) {
		return fmt.Errorf("the configuration has %d units, the generator has projects for %d", len(cfg.Units), len(jfProjects))
	}
	if !cfg.OpenAreas() {
		return fmt.Errorf("the configuration must have area_labels: open")
	}
	return nil
}

// newJfFigures draws the spending: each department a size, each project a
// base, each month between half and one and a half times the base, and
// now and then a month without spending.
func newJfFigures(seed uint64) *jfFigures {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	f := &jfFigures{v: make([][][]int64, len(jfProjects))}
	for u, ps := range jfProjects {
		size := 0.5 + r.Float64()
		base := make([]float64, len(ps))
		for p := range ps {
			base[p] = (800 + 6000*r.Float64()) * size
		}
		f.v[u] = make([][]int64, jfMonths)
		for m := range jfMonths {
			f.v[u][m] = make([]int64, len(ps))
			for p, pr := range ps {
				if m+1 < pr.start || r.IntN(9) == 0 {
					continue
				}
				f.v[u][m][p] = int64(base[p] * (0.5 + r.Float64()))
			}
		}
	}
	return f
}

// runJingfei reads the expenditure example's configuration in from and
// writes samples/ and oracle.csv into out.
func runJingfei(from, out string, seed uint64, logw io.Writer) error {
	cfg, err := templates.Load(filepath.Join(from, templates.DefaultConfigName))
	if err != nil {
		return err
	}
	if err := checkJingfei(cfg); err != nil {
		return err
	}
	f := newJfFigures(seed)
	samples := filepath.Join(out, "samples")
	if err := os.RemoveAll(samples); err != nil {
		return err
	}
	n := 0
	for m := 1; m <= jfMonths; m++ {
		dir := filepath.Join(samples, fmt.Sprintf("%d-%02d", year, m))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for u := range cfg.Units {
			name, b, err := renderJingfei(cfg, f, u, m)
			if err != nil {
				return fmt.Errorf("%s %d-%02d: %w", cfg.Units[u].Name, year, m, err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				return err
			}
			n++
		}
	}
	if err := os.WriteFile(filepath.Join(out, "oracle.csv"), jfOracle(cfg, f), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(logw, "%d个样表已写入%s，真实数字写入%s\n", n, samples, filepath.Join(out, "oracle.csv"))
	return nil
}

// jfOracle writes the true figures in the layout of oracle(): period,
// unit (or 全市), metric id, month, year to date.
func jfOracle(cfg *templates.Config, f *jfFigures) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	met := cfg.Metrics[0]
	_ = w.Write([]string{"period", "unit", "metric", "month", "year_to_date"})
	for m := 1; m <= jfMonths; m++ {
		period := fmt.Sprintf("%d-%02d", year, m)
		var city, cityYTD int64
		for u, unit := range cfg.Units {
			mo, ytd := f.month(u, m), f.yearToDate(u, m)
			city += mo
			cityYTD += ytd
			_ = w.Write([]string{period, unit.Name, met.ID, met.Text(mo), met.Text(ytd)})
		}
		_ = w.Write([]string{period, cityUnit, met.ID, met.Text(city), met.Text(cityYTD)})
	}
	w.Flush()
	return b.Bytes()
}

// renderJingfei writes unit u's workbook for month m:
//
//	A1 title; A2 填报单位 … 统计时段
//	row 3 序号 | 项目名称 | 本期支出（万元） | 累计支出（万元）
//	one row per project that has started; 合计; a note
func renderJingfei(cfg *templates.Config, f *jfFigures, u, m int) (string, []byte, error) {
	unit := cfg.Units[u].Name
	met := cfg.Metrics[0]
	name := fmt.Sprintf("%s-%d年%d月专项经费支出情况表.xlsx", unit, year, m)
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime,
		Creator: unit, LastModifiedBy: unit, Language: "zh-CN"}); err != nil {
		return "", nil, err
	}
	w := &writer{f: x, sheet: "经费支出"}
	w.info(fmt.Sprintf("%s%d年%d月专项经费支出情况表", unit, year, m), unit, m, 4)
	w.width(1, 6)
	w.width(2, 24)
	w.width(3, 14)
	w.width(4, 14)
	w.str(1, 3, "序号")
	w.str(2, 3, "项目名称")
	heads := jfHeads[u%len(jfHeads)]
	w.str(3, 3, heads[0]+"（"+met.Measure+"）")
	w.str(4, 3, heads[1]+"（"+met.Measure+"）")
	row := 4
	amount := func(col, row int, v int64) { w.figure(col, row, met, v) }
	n := 0
	for p, pr := range jfProjects[u] {
		if m < pr.start {
			continue
		}
		n++
		mo, ytd := f.project(u, p, m)
		w.int(1, row, int64(n))
		w.str(2, row, pr.name)
		amount(3, row, mo)
		amount(4, row, ytd)
		row++
	}
	w.str(2, row, "合计")
	amount(3, row, f.month(u, m))
	amount(4, row, f.yearToDate(u, m))
	w.str(1, row+1, "填表人：          联系电话：")
	data, err := w.finish()
	return name, data, err
}
