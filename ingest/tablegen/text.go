package tablegen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNum writes 1..99 in Chinese numerals: 一, 十, 十二, 二十三.
func chineseNum(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + cnDigits[n-10]
	case n%10 == 0:
		return cnDigits[n/10] + "十"
	}
	return cnDigits[n/10] + "十" + cnDigits[n%10]
}

// circled writes ① .. ⑳.
func circled(n int) string { return string(rune(0x2460 + n - 1)) }

// Numbering styles put in front of a label.
const (
	numDot     = iota // 1.
	numComma          // 1、
	numParenCN        // （一）
	numCN             // 一、
	numCircled        // ①
	numParen          // (1)
	numStyles
)

func numbered(style, n int) string {
	switch style {
	case numDot:
		return strconv.Itoa(n) + "."
	case numComma:
		return strconv.Itoa(n) + "、"
	case numParenCN:
		return "（" + chineseNum(n) + "）"
	case numCN:
		return chineseNum(n) + "、"
	case numCircled:
		return circled(n)
	}
	return "(" + strconv.Itoa(n) + ")"
}

// Styles of a 序号 cell.
const (
	seqNumber  = iota // the number 1
	seqText           // "1"
	seqDot            // "1."
	seqCN             // "一"
	seqParenCN        // "（一）"
	seqCircled        // "①"
	seqStyles
)

// fullWidth writes ASCII digits and signs in their full-width forms.
func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '!' && r <= '~' {
			b.WriteRune(r + 0xFEE0)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// thousands writes 1234567 as 1,234,567.
func thousands(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wrap breaks a header over two lines at a rune boundary inside it.
func wrap(s string, at int) string {
	n := utf8.RuneCountInString(s)
	if n < 4 {
		return s
	}
	at = 2 + at%(n-3)
	i := 0
	for k := range s {
		if i == at {
			return s[:k] + "\n" + s[k:]
		}
		i++
	}
	return s
}

// monthLabel writes month mo of year y (mo 0 is the December before) in one
// of the forms clerks head columns with.
func monthLabel(form, y, mo int) string {
	if mo <= 0 {
		y, mo = y-1, 12+mo
	}
	switch form {
	case 0:
		return fmt.Sprintf("%d年%02d月", y, mo)
	case 1:
		return fmt.Sprintf("%d年%d月", y, mo)
	case 2:
		return fmt.Sprintf("%d月", mo)
	case 3:
		return fmt.Sprintf("%d月份", mo)
	}
	return fmt.Sprintf("%d.%02d", y, mo)
}

const monthForms = 5

// periodText writes the reporting month as titles and 统计时段 cells do.
func periodText(form, y, mo int) string {
	switch form {
	case 0:
		return fmt.Sprintf("%d年%d月", y, mo)
	case 1:
		return fmt.Sprintf("%d年%d月份", y, mo)
	case 2:
		return fmt.Sprintf("%d.%02d", y, mo)
	case 3:
		return fmt.Sprintf("%d年%02d月", y, mo)
	}
	return fmt.Sprintf("%d年%d月1日至%d月%d日", y, mo, mo, daysIn(y, mo))
}

const periodForms = 5

func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// nextMonth is the month after y-mo, when sheets are filled in.
func nextMonth(y, mo int) (int, int) {
	if mo == 12 {
		return y + 1, 1
	}
	return y, mo + 1
}

// Work-area headers, group headings and other words of a table.
var (
	areaHeaders    = []string{"工作类别", "类别", "工作类型", "督查事项", "项目类别", "项目", ""}
	listHeaders    = []string{"指标", "项目", "统计指标", "指标名称"}
	valueHeaders   = []string{"数值", "数量", "本月", "本月数", "数据", "当月"}
	monthHeads     = []string{"本月", "当月", "本月数"}
	cumHeads       = []string{"累计", "1-{m}月累计", "1—{m}月累计", "本年累计", "年度累计", "截至{m}月累计", "1-{m}月"}
	lastHeads      = []string{"上月", "上月数"}
	priorHeads     = []string{"去年同期", "上年同期"}
	yoyHeads       = []string{"同比", "同比增减（%）", "同比增长"}
	totalLabels    = []string{"合计", "总计", "全市合计", "合  计", "合\u3000计", "总  计"}
	subtotalLabels = []string{"小计", "小  计", "小\u3000计"}
	groupNames     = []string{"重点工作", "民生工作", "专项工作", "日常督查"}
	superNames     = [2][]string{{"督查检查情况", "督查情况", "监督检查"}, {"问责问效情况", "约谈问责情况", "问责问效"}}
	people         = []string{"张伟", "李娜", "王芳", "刘洋", "陈静", "黄勇", "韦丽", "覃明", "梁军", "蒙秀英"}
	remarks        = []string{"含上月遗留问题2个", "已全部整改", "按时报送", "其中3人次为联合督查", "数据已核对", "见附件"}
)

// partNames are 其中 items under each configured work area; other areas
// get generic ones.
var partNames = map[string][]string{
	"脱贫攻坚":         {"易地扶贫搬迁", "产业扶贫", "危房改造"},
	"\"美丽南宁\"乡村建设": {"村庄规划", "农村人居环境整治"},
	"扬尘污染治理":       {"建筑工地", "道路扬尘"},
	"重大项目建设":       {"市级重大项目", "自治区统筹推进项目"},
	"为民办实事":        {"城市基础设施项目", "教育卫生项目"},
	"服务东博会峰会":      {"环境卫生保障", "交通保障"},
	"舆情回访和电视问政":    {"电视问政曝光问题", "网络舆情交办件"},
	"其他":           {"信访件督办", "领导批示件"},
}

var genericParts = []string{"市级交办事项", "专项督查事项"}

// Unknown row labels of broken sheets: not areas, not totals, not parts.
var unknownLabels = []string{"专项整治行动", "作风建设", "安全生产检查", "创城督查"}

// Words of broken figure cells.
var brokenWords = []string{"若干", "十二", "待统计", "约20"}

// instructions are the lines of a long preamble or of a 填报说明 sheet.
var instructions = []string{
	"填报说明",
	"1. 本表由各县（区）、开发区“两重两问”办每月汇总填报，于次月5日前报市“两重两问”办。",
	"2. 各项数字请填写阿拉伯数字，没有发生的填0。",
	"3. “派出监督检查人员”按人次统计，同一人多次参加按多人次计。",
	"4. “督查发现问题”指本月督查中发现并交办的问题。",
	"5. “完成整改问题”指本月完成整改并经核实的问题，含以前月份交办的问题。",
	"6. “约谈”“问责”分别按责任单位和责任人统计。",
	"7. 请勿增删指标列，如有说明请写在备注栏。",
	"8. 报送时请同时报送电子版和盖章扫描件。",
}

// moreInstructions lengthen a preamble.
var moreInstructions = []string{
	"9. 数据如有更正，请在文件名中注明“更正”并重新报送。",
	"10. 逾期未报送的，视为本月无数据并在简报中通报。",
	"11. 同一问题多次督查的，只计一次“发现问题”。",
	"12. 跨月完成整改的问题，计入完成整改当月。",
	"13. 联合督查的，由牵头单位统计，配合单位不重复统计。",
	"14. 本表数字须与督查台账一致，台账备查。",
}
