package sheets

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// csvText joins rows of fields with sep, one line each, as Excel saves them.
func csvText(sep string, rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, sep))
		b.WriteString("\r\n")
	}
	return b.String()
}

// texts is a sheet's cells as texts, row by row.
func texts(s *Sheet) [][]string {
	out := make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = []string{}
		for _, c := range r {
			out[i] = append(out[i], c.Text)
		}
	}
	return out
}

func TestReadCSV(t *testing.T) {
	rows := [][]string{
		{"青秀区2018年10月统计表"},
		{"工作类别", "发现问题（个）", "约谈", ""},
		{"脱贫攻坚", "3", "1", "2"},
		{"合计", "3", "1", "2"},
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(csvText(",", rows...))
	if err != nil {
		t.Fatal(err)
	}
	quoted := [][]string{{"备注", "1,234"}, {"说明", "第一行\n第二行"}}
	cases := []struct {
		name string
		data string
		want [][]string
	}{
		{"utf-8", csvText(",", rows...), rows},
		{"utf-8 with BOM", "\ufeff" + csvText(",", rows...), rows},
		{"gb18030", gbk, rows},
		{"tab-separated", csvText("\t", rows...), rows},
		{"quoted fields", "备注,\"1,234\"\n说明,\"第一行\n第二行\"\n", quoted},
		{"bare quote", "a,b\"c\n", [][]string{{"a", "b\"c"}}},
		{"empty", "", [][]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := CSVReader{Limits: testLimits, Sheet: "表"}.Read([]byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(wb.Sheets) != 1 {
				t.Fatalf("%d sheets", len(wb.Sheets))
			}
			s := wb.Sheets[0]
			if s.Name != "表" || s.Index != 1 || s.Hidden || s.HiddenRows != nil || s.HiddenCols != nil {
				t.Errorf("sheet %+v", s)
			}
			if got := texts(s); !reflect.DeepEqual(got, c.want) {
				t.Errorf("cells %q, want %q", got, c.want)
			}
		})
	}
}

func TestReadCSVRefused(t *testing.T) {
	wide := strings.Repeat(",", MaxColumns) + "x\n"
	cases := []struct {
		name   string
		data   string
		limits Limits
		want   error
	}{
		{"too many rows", strings.Repeat("1,2\n", 11), Limits{Rows: 10, Cells: 100}, ErrTooLarge},
		{"too many cells", strings.Repeat("1,2,3\n", 5), Limits{Rows: 10, Cells: 12}, ErrTooLarge},
		{"too wide", wide, testLimits, ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := CSVReader{Limits: c.limits}.Read([]byte(c.data))
			if wb != nil || !errors.Is(err, c.want) {
				t.Fatalf("got %v, %v; want %v", wb, err, c.want)
			}
		})
	}
	// Empty cells past the last column are dropped, not refused.
	wb, err := CSVReader{Limits: testLimits}.Read([]byte("a" + strings.Repeat(",", MaxColumns+5) + "\n"))
	if err != nil || wb.Sheets[0].Width() != MaxColumns {
		t.Fatalf("got %v, %v", wb, err)
	}
}

// Quotes as Excel and Python's csv module read them; a quote left open and
// a line pushed one field right are never a silent cut.
func TestCSVQuotes(t *testing.T) {
	t.Run("text after a closing quote belongs to the field", func(t *testing.T) {
		wb, err := CSVReader{Limits: testLimits}.Read([]byte("类别,派出\n\"美丽南宁\"乡村建设,3\n合计,3\n"))
		if err != nil {
			t.Fatal(err)
		}
		s := wb.Sheets[0]
		if len(s.Rows) != 3 || s.At(1, 0).Text != "美丽南宁乡村建设" || s.At(2, 0).Text != "合计" {
			t.Fatalf("rows %v", s.Rows)
		}
	})
	t.Run("quoted fields keep commas, line breaks and doubled quotes", func(t *testing.T) {
		wb, err := CSVReader{Limits: testLimits}.Read([]byte("\"a,b\",\"x\ny\",\"say \"\"hi\"\"\"\r\n1,2,3\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		s := wb.Sheets[0]
		if got := s.At(0, 0).Text + "|" + s.At(0, 1).Text + "|" + s.At(0, 2).Text; got != "a,b|x\ny|say \"hi\"" || s.At(1, 2).Text != "3" {
			t.Fatalf("rows %v", s.Rows)
		}
	})
	t.Run("a quote left open is an error naming its line", func(t *testing.T) {
		_, err := CSVReader{Limits: testLimits}.Read([]byte("类别,派出\n脱贫攻坚,3\n\"其他,4\n合计,7\n"))
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "第3行") {
			t.Fatalf("error %v, want ErrDamaged naming 第3行", err)
		}
	})
	t.Run("a line with a field too many is marked", func(t *testing.T) {
		wb, err := CSVReader{Limits: testLimits}.Read([]byte("类别,派出,发现\n脱贫攻坚,1,234,5\n其他,3,4\n合计,1237,9\n"))
		if err != nil {
			t.Fatal(err)
		}
		if r := wb.Sheets[0].Ragged; len(r) != 1 || !r[1] {
			t.Fatalf("ragged rows %v, want row 1 only", r)
		}
	})
}
