// Command gen writes a benchmark folder: N synthetic reporting units × M
// months of statistics sheets in the mixed layouts units send (the standard
// two-row-header template, the template filled with numbers as text, a
// retyped one-row-header table behind an instructions sheet, the two-column
// list 指标 | 数值 and the 指标 | 本月 | 累计 list), plus a config.yaml naming
// the units. The output depends only on the flags: the same seed gives the
// same bytes.
//
//	go run ./bench/gen -units 2800 -months 12 -out /tmp/bench-33600
//	jianbao rollup --config /tmp/bench-33600/config.yaml /tmp/bench-33600
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

const (
	nAreas   = 8
	nMetrics = 8
)

// Metric positions, in the order of the standard form.
const (
	kPers = iota
	kFound
	kRect
	kLet
	kUI
	kPI
	kUA
	kPA
)

var (
	areas = [nAreas]string{"脱贫攻坚", "“美丽南宁”乡村建设", "扬尘污染治理", "重大项目建设", "为民办实事",
		"服务东博会峰会", "舆情回访和电视问政", "其他"}
	stdHeads = [nMetrics]string{"派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题（个）", "发出督办（挂牌督办）函（份）",
		"责任单位（个）", "责任人（人）", "责任单位（个）", "责任人（人）"}
	retypedHeads = [nMetrics]string{"派出督查人员（人次）", "发现问题数", "已整改问题", "督办函（份）", "约谈单位", "约谈人员", "问责单位", "问责人员"}
	retypedOrder = []int{kFound, kRect, kPers, kLet, kUI, kPI, kUA, kPA}
	listNames    = [nMetrics]string{"派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题", "发出督办函",
		"约谈责任单位", "约谈责任人（人）", "问责单位", "问责人员"}
	measures = [nMetrics]string{"人次", "个", "个", "份", "个", "人", "个", "人"}
	// Place-name characters for synthetic unit names; none of them occurs in
	// the words of the forms, so a two-character alias never matches by chance.
	nameChars = []rune("安平远丰泰和德昌隆华永定阳山河江城林川西北新康乐福寿兰桂梧柳钦玉贺崇来凤岭溪桥云洪波湖海岩石金银沙田龙虎鹤松竹梅春秋")
	suffixes  = []string{"县", "区", "市"}
)

// Layouts, in the order they come round for a unit over the months.
const (
	layStd     = "standard" // two-row header, merged 约谈/问责, =SUM 合计 with cached values
	layText    = "text"     // the standard form with numbers typed as text (４２, 12个, —, 1,234)
	layRetyped = "retyped"  // instructions sheet first; own header words, one header row, 序号 and 备注
	layList    = "list"     // 指标 | 数值
	layCum     = "cumul"    // 指标 | 本月 | 累计
)

var cycle = []string{layStd, layRetyped, layStd, layText, layList, layStd, layCum, layRetyped, layStd, layStd}

type unit struct {
	Name, Short, Long string
}

func unitNames(n int) []unit {
	k := len(nameChars)
	if n > k*(k-1) {
		log.Fatalf("at most %d units", k*(k-1))
	}
	out := make([]unit, 0, n)
	for i := 0; len(out) < n; i++ {
		a, b := nameChars[i%k], nameChars[(i/k+1+i%k)%k]
		if a == b {
			continue
		}
		short := string([]rune{a, b})
		name := short + suffixes[len(out)%len(suffixes)]
		out = append(out, unit{Name: name, Short: short, Long: "桂省" + name})
	}
	return out
}

// figures are one unit's counts: [month][area][metric].
type figures [][nAreas][nMetrics]int64

func unitFigures(seed uint64, u, months int) figures {
	r := rand.New(rand.NewPCG(seed, uint64(u)))
	scale := int64(1 + r.IntN(4))
	f := make(figures, months)
	for m := range f {
		for a := 0; a < nAreas; a++ {
			v := &f[m][a]
			v[kFound] = scale * int64(r.IntN(12))
			v[kRect] = v[kFound]
			if v[kFound] > 0 && r.IntN(8) == 0 {
				v[kRect] -= int64(r.IntN(int(v[kFound]) + 1))
			}
			v[kPers] = v[kFound] + scale*int64(r.IntN(15))
			v[kLet] = int64(r.IntN(3))
			if r.IntN(4) == 0 {
				v[kUI] = int64(r.IntN(2))
				v[kPI] = v[kUI] + int64(r.IntN(2))
			}
			if r.IntN(6) == 0 {
				v[kUA] = int64(r.IntN(2))
				v[kPA] = v[kUA] + int64(r.IntN(3))
			}
		}
	}
	return f
}

func (f figures) month(m int) (t [nMetrics]int64) {
	for a := 0; a < nAreas; a++ {
		for k := 0; k < nMetrics; k++ {
			t[k] += f[m][a][k]
		}
	}
	return t
}

func (f figures) ytd(m int) (t [nMetrics]int64) {
	for i := 0; i <= m; i++ {
		mt := f.month(i)
		for k := range t {
			t[k] += mt[k]
		}
	}
	return t
}

// job is one file to write.
type job struct {
	u, m   int
	unit   unit
	year   int
	fig    figures
	layout string
	r      *rand.Rand
}

func (j job) chinese() string { return fmt.Sprintf("%d年%d月", j.year, j.m+1) }

// fileName varies how units name their files; the month folder names the
// period in every case.
func (j job) fileName() (name, disp string) {
	switch j.r.IntN(10) {
	case 0:
		return fmt.Sprintf("%s%d年%d月两重两问统计表.xlsx", j.unit.Long, j.year, j.m+1), j.unit.Long
	case 1:
		return fmt.Sprintf("%s（%d.%02d）.xlsx", j.unit.Name, j.year, j.m+1), j.unit.Name
	case 2:
		return j.unit.Name + ".xlsx", j.unit.Short
	}
	return j.unit.Name + ".xlsx", j.unit.Name
}

// book is a workbook being written with excelize.
type book struct {
	f      *excelize.File
	header int
	cell   int
}

func newBook(creator string) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetDocProps(&excelize.DocProperties{Created: "2018-11-05T09:00:00Z", Modified: "2018-11-05T09:00:00Z",
		Creator: creator, LastModifiedBy: creator, Language: "zh-CN"}); err != nil {
		return nil, err
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	h, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10, Family: "黑体"}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return nil, err
	}
	c, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 11, Family: "宋体"}, Border: border})
	if err != nil {
		return nil, err
	}
	return &book{f: f, header: h, cell: c}, nil
}

// rows writes rows of cells (nil = empty) with the cell API, which stores
// text in the shared-strings table as Excel does.
func (b *book) rows(sheet string, rows [][]any, styles []int, merges ...string) error {
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			switch v := v.(type) {
			case string:
				err = b.f.SetCellStr(sheet, ref, v)
			case int64:
				err = b.f.SetCellInt(sheet, ref, v)
			case float64:
				err = b.f.SetCellFloat(sheet, ref, v, 1, 64)
			}
			if err != nil {
				return err
			}
		}
		if styles != nil && styles[i] != 0 && len(row) > 0 {
			end, _ := excelize.CoordinatesToCellName(len(row), i+1)
			if err := b.f.SetCellStyle(sheet, "A"+strconv.Itoa(i+1), end, styles[i]); err != nil {
				return err
			}
		}
	}
	for i := 0; i+1 < len(merges); i += 2 {
		if err := b.f.MergeCell(sheet, merges[i], merges[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) bytes() ([]byte, error) {
	defer b.f.Close()
	var buf bytes.Buffer
	if err := b.f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// textValue writes a count the way clerks type it.
func textValue(r *rand.Rand, v int64, k int) any {
	if v == 0 {
		return []any{nil, "—", "无", "-", "0", int64(0)}[r.IntN(6)]
	}
	s := strconv.FormatInt(v, 10)
	switch x := r.IntN(10); {
	case x < 4:
		return s
	case x < 5:
		return strings.Map(func(c rune) rune { return c - '0' + '０' }, s)
	case x < 7:
		return s + measures[k]
	case x < 8:
		return float64(v)
	}
	return v
}

// standard writes the office's template; with text, numbers as typed text
// and a plain 合计 row, otherwise a =SUM 合计 row with cached values
// (streamed, as programs that compute formulas write it).
func standard(j job, disp string, text bool) ([]byte, error) {
	b, err := newBook(disp + "“两重两问”办")
	if err != nil {
		return nil, err
	}
	const sh = "Sheet1"
	name := "统计表"
	if err := b.f.SetSheetName(sh, name); err != nil {
		return nil, err
	}
	rows := [][]any{
		{fmt.Sprintf("%s%s“两重两问”督查工作统计表", disp, j.chinese())},
		{"填报单位：" + disp, nil, nil, nil, nil, nil, nil, "统计时段：" + j.chinese()},
		{"序号", "工作类别", stdHeads[0], stdHeads[1], stdHeads[2], stdHeads[3], "约谈", nil, "问责", nil},
		{nil, nil, nil, nil, nil, nil, stdHeads[4], stdHeads[5], stdHeads[6], stdHeads[7]},
	}
	for a := 0; a < nAreas; a++ {
		row := []any{int64(a + 1), areas[a]}
		for k := 0; k < nMetrics; k++ {
			if text {
				row = append(row, textValue(j.r, j.fig[j.m][a][k], k))
			} else {
				row = append(row, j.fig[j.m][a][k])
			}
		}
		rows = append(rows, row)
	}
	tot := j.fig.month(j.m)
	total := []any{nil, "合计"}
	for k := 0; k < nMetrics; k++ {
		if text {
			total = append(total, textValue(j.r, tot[k], k))
		} else {
			col, _ := excelize.ColumnNumberToName(3 + k)
			total = append(total, excelize.Cell{Formula: fmt.Sprintf("SUM(%s5:%s12)", col, col), Value: tot[k]})
		}
	}
	rows = append(rows, total, []any{"填表人：张三  联系电话：0771-1234567  说明：本表数据截至月末。"})
	merges := []string{"A1", "J1", "A2", "E2", "H2", "J2", "A3", "A4", "B3", "B4", "C3", "C4", "D3", "D4",
		"E3", "E4", "F3", "F4", "G3", "H3", "I3", "J3", "A14", "J14"}
	if text {
		styles := []int{0, 0, b.header, b.header, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, 0}
		if err := b.rows(name, rows, styles, merges...); err != nil {
			return nil, err
		}
		return b.bytes()
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, row := range rows {
		st := 0
		switch {
		case i == 2 || i == 3:
			st = b.header
		case i >= 4 && i < 13:
			st = b.cell
		}
		vals := make([]any, len(row))
		for c, v := range row {
			switch v := v.(type) {
			case nil:
				if st != 0 {
					vals[c] = excelize.Cell{StyleID: st}
				}
			case excelize.Cell:
				v.StyleID = st
				vals[c] = v
			default:
				vals[c] = excelize.Cell{StyleID: st, Value: v}
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), vals); err != nil {
			return nil, err
		}
	}
	for i := 0; i+1 < len(merges); i += 2 {
		if err := sw.MergeCell(merges[i], merges[i+1]); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	return b.bytes()
}

const instructions = `填报说明
1. 本表由各县（区）、开发区“两重两问”办每月汇总填报。
2. 各项数字请填写阿拉伯数字，没有发生的填0，不要空着。
3. “派出监督检查人员”按人次统计；“约谈”“问责”分别按责任单位和责任人统计。`

// retyped writes an instructions sheet and then a table with the unit's own
// header words in one row, columns reordered, 序号 and 备注 columns.
func retyped(j job, disp string) ([]byte, error) {
	b, err := newBook(disp)
	if err != nil {
		return nil, err
	}
	if err := b.f.SetSheetName("Sheet1", "填报说明"); err != nil {
		return nil, err
	}
	var note [][]any
	for _, l := range strings.Split(instructions, "\n") {
		note = append(note, []any{l})
	}
	if err := b.rows("填报说明", note, nil); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("%d月报表", j.m+1)
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	rows := [][]any{
		{fmt.Sprintf("%s“两重两问”督查工作情况统计表（%s份）", disp, j.chinese())},
		{"报送单位：" + disp, nil, nil, nil, nil, nil, nil, "统计期间：" + j.chinese()},
	}
	head := []any{"序号", "督查事项"}
	for _, k := range retypedOrder {
		head = append(head, retypedHeads[k])
	}
	rows = append(rows, append(head, "备注"))
	for a := 0; a < nAreas; a++ {
		row := []any{int64(a + 1), areas[a]}
		for _, k := range retypedOrder {
			row = append(row, j.fig[j.m][a][k])
		}
		rows = append(rows, append(row, []any{nil, nil, "含上月遗留问题"}[j.r.IntN(3)]))
	}
	tot := j.fig.month(j.m)
	total := []any{nil, "总计"}
	for _, k := range retypedOrder {
		total = append(total, tot[k])
	}
	rows = append(rows, total, []any{"审核人：李四    填报人：王五    联系电话：0771-5550123"})
	styles := []int{0, 0, b.header, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, b.cell, 0}
	if err := b.rows(name, rows, styles, "A1", "K1", "A2", "D2", "H2", "K2", "A13", "K13"); err != nil {
		return nil, err
	}
	b.f.SetActiveSheet(1)
	return b.bytes()
}

// list writes 指标 | 数值, or with cum 指标 | 本月 | 累计.
func list(j job, disp string, cum bool) ([]byte, error) {
	b, err := newBook(disp)
	if err != nil {
		return nil, err
	}
	name := "汇总"
	if cum {
		name = "本月及累计"
	}
	if err := b.f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	rows := [][]any{
		{fmt.Sprintf("%s%s“两重两问”督查工作数据", disp, j.chinese())},
		{"填报单位：" + disp + "    统计时段：" + j.chinese()},
	}
	if cum {
		rows = append(rows, []any{"指标", "本月", "累计"})
	} else {
		rows = append(rows, []any{"指标", "数值"})
	}
	tot, ytd := j.fig.month(j.m), j.fig.ytd(j.m)
	numbered := j.r.IntN(2) == 0
	for k := 0; k < nMetrics; k++ {
		label := listNames[k]
		if numbered {
			label = fmt.Sprintf("%d.%s", k+1, label)
		}
		row := []any{label, tot[k]}
		if cum {
			row = append(row, ytd[k])
		}
		rows = append(rows, row)
	}
	last := "B"
	if cum {
		last = "C"
	}
	if err := b.rows(name, rows, nil, "A1", last+"1", "A2", last+"2"); err != nil {
		return nil, err
	}
	return b.bytes()
}

func (j job) write(dir string) error {
	file, disp := j.fileName()
	var data []byte
	var err error
	switch j.layout {
	case layStd:
		data, err = standard(j, disp, false)
	case layText:
		data, err = standard(j, disp, true)
	case layRetyped:
		data, err = retyped(j, disp)
	case layList:
		data, err = list(j, disp, false)
	case layCum:
		data, err = list(j, disp, true)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d-%02d", j.year, j.m+1), file), data, 0o644)
}

// writeConfig writes the default configuration with the synthetic units in
// place of the sixteen configured ones.
func writeConfig(path string, units []unit) error {
	def, err := templates.DefaultFile("config.yaml")
	if err != nil {
		return err
	}
	s := string(def)
	from := strings.Index(s, "\nunits:\n")
	to := strings.Index(s, "\n# 统计指标")
	if from < 0 || to < from {
		return fmt.Errorf("config.yaml: units section not found")
	}
	var b strings.Builder
	b.WriteString(s[:from])
	b.WriteString("\nunits:\n")
	for _, u := range units {
		fmt.Fprintf(&b, "  - {name: %s, kind: 县, aliases: [%s, %s]}\n", u.Name, u.Short, u.Long)
	}
	b.WriteString(s[to:])
	if _, err := templates.Parse([]byte(b.String())); err != nil {
		return fmt.Errorf("generated config does not load: %w", err)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func main() {
	out := flag.String("out", "/tmp/jianbao-bench", "output folder (must not exist or be empty)")
	nUnits := flag.Int("units", 100, "number of reporting units")
	months := flag.Int("months", 10, "months from January")
	year := flag.Int("year", 2018, "year")
	seed := flag.Uint64("seed", 1, "random seed")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "parallel writers")
	flag.Parse()
	if *months < 1 || *months > 12 || *nUnits < 1 {
		log.Fatal("need -units ≥ 1 and 1 ≤ -months ≤ 12")
	}
	start := time.Now()
	units := unitNames(*nUnits)
	for m := 0; m < *months; m++ {
		if err := os.MkdirAll(filepath.Join(*out, fmt.Sprintf("%d-%02d", *year, m+1)), 0o755); err != nil {
			log.Fatal(err)
		}
	}
	if err := writeConfig(filepath.Join(*out, "config.yaml"), units); err != nil {
		log.Fatal(err)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Bool
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range next {
				fig := unitFigures(*seed, u, *months)
				for m := 0; m < *months; m++ {
					j := job{u: u, m: m, unit: units[u], year: *year, fig: fig,
						layout: cycle[(m+3*u)%len(cycle)],
						r:      rand.New(rand.NewPCG(*seed, uint64(u)<<8|uint64(m)))}
					if err := j.write(*out); err != nil {
						log.Print(err)
						failed.Store(true)
					}
				}
			}
		}()
	}
	for u := range units {
		next <- u
	}
	close(next)
	wg.Wait()
	if failed.Load() {
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote %d files (%d units × %d months) and config.yaml to %s in %.1fs\n",
		*nUnits**months, *nUnits, *months, *out, time.Since(start).Seconds())
}
