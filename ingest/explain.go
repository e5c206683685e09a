package ingest

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"jianbao/templates"
)

// WriteExplain shows, per file, how it was read: which sheet, which rows
// were headers, which column became which metric and which were not used,
// the rows read, and where the unit and the month were found.
func WriteExplain(w io.Writer, cfg *templates.Config, subs []*Submission) error {
	ew := &errWriter{w: w}
	for _, s := range subs {
		explainOne(ew, cfg, s)
	}
	return ew.err
}

func explainOne(ew *errWriter, cfg *templates.Config, s *Submission) {
	ew.printf("%s\n", s.File)
	if s.Layout == nil {
		ew.printf("  未找到统计表（工作表：%s）\n\n", sheetList(s.Sheets))
		return
	}
	ew.printf("  数据表：第%d张表「%s」（全部工作表：%s）\n", s.SheetIndex, s.Sheet, sheetList(s.Sheets))
	l := s.Layout
	if l.Kind == ListLayout {
		explainList(ew, cfg, l)
	} else {
		explainTable(ew, cfg, s, l)
	}
	ew.printf("  单位：%s（来自%s）\n", orDash(s.Unit), orDash(s.UnitFrom))
	ew.printf("  月份：%s（来自%s）\n\n", orDash(s.Period.Chinese()), orDash(s.PeriodFrom))
}

func sheetList(ss []SheetInfo) string {
	var names []string
	for _, s := range ss {
		n := "「" + s.Name + "」"
		if s.Hidden {
			n += "（隐藏）"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return "无"
	}
	return strings.Join(names, "、")
}

func explainTable(ew *errWriter, cfg *templates.Config, s *Submission, l *Layout) {
	rows := make([]string, len(l.HeaderRows))
	for i, r := range l.HeaderRows {
		rows[i] = fmt.Sprint(r + 1)
	}
	ew.printf("  版式：表格（指标为列），表头在第%s行\n", strings.Join(rows, "、"))
	for _, m := range cfg.Metrics {
		c, ok := l.Columns[m.ID]
		if !ok {
			ew.printf("    %s ← 未找到\n", m.Name)
			continue
		}
		ew.printf("    %s ← %s列“%s”\n", m.Name, colName(c), l.Headers[m.ID])
	}
	for _, id := range sortedKeys(l.CumColumns) {
		ew.printf("    （累计列 %s列，不计入本月）\n", colName(l.CumColumns[id]))
	}
	var ignored []string
	for _, c := range l.Ignored {
		if c.Col == l.LabelCol {
			continue
		}
		ignored = append(ignored, fmt.Sprintf("%s列“%s”", colName(c.Col), c.Text))
	}
	if len(ignored) > 0 {
		ew.printf("  未使用的列：%s\n", strings.Join(ignored, "、"))
	}
	if l.LabelCol >= 0 {
		ew.printf("  工作类别列：%s列\n", colName(l.LabelCol))
	}
	ew.printf("  工作类别行：%d行", len(s.Areas))
	if n := len(s.Areas); n > 0 {
		ew.printf("（第%d—%d行）", s.Areas[0].Row, s.Areas[n-1].Row)
	}
	if l.TotalRow >= 0 {
		ew.printf("；合计行：第%d行（与各行之和核对，不重复计入）", l.TotalRow+1)
	}
	ew.printf("\n")
}

func explainList(ew *errWriter, cfg *templates.Config, l *Layout) {
	ew.printf("  版式：指标清单（指标为行），数值在%s列", colName(l.ValueCol))
	if l.CumCol >= 0 {
		ew.printf("，累计在%s列（仅用于核对）", colName(l.CumCol))
	}
	ew.printf("\n")
	for _, m := range cfg.Metrics {
		if r, ok := l.Rows[m.ID]; ok {
			ew.printf("    %s ← 第%d行\n", m.Name, r+1)
		} else {
			ew.printf("    %s ← 未找到\n", m.Name)
		}
	}
}

func colName(c int) string {
	ref := Ref(0, c)
	return strings.TrimRight(ref, "0123456789")
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
