package ingest

import (
	"io"
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
	if s.Table == nil {
		ew.printf("  未找到统计表（工作表：%s）\n\n", sheetList(s.Sheets))
		return
	}
	ew.printf("  数据表：第%d张表「%s」（全部工作表：%s）\n", s.SheetIndex, s.Sheet, sheetList(s.Sheets))
	explainTable(ew, cfg, s, s.Table)
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

func explainTable(ew *errWriter, cfg *templates.Config, s *Submission, t *Table) {
	v := &view{across: t.Across}
	rows := make([]string, len(t.Header))
	for i, r := range t.Header {
		rows[i] = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(v.rowName(r), "行"), "列"), "第")
	}
	dir, headerAt := "指标为列，工作类别为行", "表头在第"+strings.Join(rows, "、")+"行"
	if t.Across {
		dir, headerAt = "指标为行（横向读取）", "表头在"+strings.Join(rows, "、")+"列"
	}
	ew.printf("  版式：%s，%s\n", dir, headerAt)
	names := map[string]string{}
	for _, m := range cfg.Metrics {
		names[m.ID] = m.Name
	}
	ew.printf("  各列：\n")
	for _, c := range t.Columns {
		line := "    " + v.colName(c.Col)
		if c.Text != "" {
			line += "“" + c.Text + "”"
		}
		line += "：" + c.Role.Chinese()
		if c.Metric != "" {
			line += " ← " + names[c.Metric]
		}
		if c.Hidden {
			line += "（隐藏列）"
		}
		ew.printf("%s\n", line)
	}
	ew.printf("  各行：\n")
	for _, r := range t.Rows {
		if r.Role == RowBlank {
			continue
		}
		line := "    " + v.rowName(r.Row)
		if r.Label != "" {
			line += "“" + r.Label + "”"
		}
		line += "：" + r.Role.Chinese()
		if r.Role == RowData && r.Area != "" && r.Area != r.Label {
			line += " ← " + r.Area
		}
		if r.Role == RowPart && r.Parent >= 0 {
			line += "，属于" + v.rowName(r.Parent)
		}
		ew.printf("%s\n", line)
	}
	for _, a := range t.Aside {
		ew.printf("  未读取：%s\n", a)
	}
}

func colName(c int) string {
	ref := Ref(0, c)
	return strings.TrimRight(ref, "0123456789")
}
