package sheets

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fastCorpusDirs hold the workbooks the fast reader is checked on: the
// samples, the test data and the wild corpus.
var fastCorpusDirs = []string{"../../samples", "../../testdata", "testdata", wildDir()}

// fastCorpus lists the .xlsx and .xlsm files under dir.
func fastCorpus(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if !d.IsDir() && (ext == ".xlsx" || ext == ".xlsm") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastMatchesExcelize reads every workbook of the corpus with both
// readers and requires the same sheets and cells wherever the fast reader
// takes the file.
func TestFastMatchesExcelize(t *testing.T) {
	x := XLSXReader{Limits: testLimits}
	for _, dir := range fastCorpusDirs {
		handled, declined := compareFast(t, x, fastCorpus(t, dir))
		t.Logf("%s: fast reader handled %d, declined %d", dir, handled, declined)
	}
}

// compareFast reads files with both readers and reports differences; it
// returns how many files the fast reader handled and declined.
func compareFast(t *testing.T, x XLSXReader, files []string) (handled, declined int) {
	t.Helper()
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fast, err := x.readFast(data)
		if errors.Is(err, errNotFast) {
			declined++
			continue
		}
		if err != nil {
			t.Errorf("%s: fast reader: %v", p, err)
			continue
		}
		handled++
		slow, err := x.readExcelize(data)
		if err != nil {
			t.Errorf("%s: excelize fails (%v) where the fast reader reads", p, err)
			continue
		}
		if d := workbookDiff(fast, slow); d != "" {
			t.Errorf("%s: %s", p, d)
		}
	}
	return handled, declined
}

// workbookDiff describes the first difference between two workbooks.
func workbookDiff(a, b *Workbook) string {
	if len(a.Sheets) != len(b.Sheets) {
		return fmt.Sprintf("sheet count %d vs %d", len(a.Sheets), len(b.Sheets))
	}
	for i, sa := range a.Sheets {
		sb := b.Sheets[i]
		if sa.Name != sb.Name || sa.Index != sb.Index || sa.Hidden != sb.Hidden {
			return fmt.Sprintf("sheet %d: %q hidden=%v vs %q hidden=%v", i+1, sa.Name, sa.Hidden, sb.Name, sb.Hidden)
		}
		if !reflect.DeepEqual(sa.HiddenRows, sb.HiddenRows) || !reflect.DeepEqual(sa.HiddenCols, sb.HiddenCols) {
			return fmt.Sprintf("%s: hidden rows %v columns %v vs rows %v columns %v", sa.Name, sa.HiddenRows, sa.HiddenCols, sb.HiddenRows, sb.HiddenCols)
		}
		if len(sa.Rows) != len(sb.Rows) {
			return fmt.Sprintf("%s: row count %d vs %d", sa.Name, len(sa.Rows), len(sb.Rows))
		}
		for r := range sa.Rows {
			if len(sa.Rows[r]) != len(sb.Rows[r]) {
				return fmt.Sprintf("%s: width of row %d: %d vs %d", sa.Name, r+1, len(sa.Rows[r]), len(sb.Rows[r]))
			}
			for c := range sa.Rows[r] {
				ca, cb := sa.Rows[r][c], sb.Rows[r][c]
				if ca != cb {
					return fmt.Sprintf("%s!%s: %+v vs %+v", sa.Name, Ref(r, c), ca, cb)
				}
			}
		}
	}
	return ""
}

// TestPackageParts checks the readers of relationships and of the sheet
// list against xml.Unmarshal, which they stand in for.
func TestPackageParts(t *testing.T) {
	const r = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	cases := []struct {
		name string
		xml  string
	}{
		{"plain", `<workbook ` + r + `><sheets><sheet name="统计表" sheetId="1" r:id="rId1"/><sheet name="旧表" state="hidden" r:id="rId2"/></sheets></workbook>`},
		{"prefix declared on the sheet", `<workbook><sheets><sheet name="a" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships" q:id="rId3"/><sheet name="b" q:id="rId4"/></sheets></workbook>`},
		{"prefix declared again", `<workbook ` + r + `><sheets xmlns:r="urn:other"><sheet name="a" r:id="rId1"/></sheets><sheets><sheet name="b" r:id="rId2"/></sheets></workbook>`},
		{"id without the namespace", `<workbook><sheets><sheet name="a" id="rId1"/></sheets></workbook>`},
		{"prefixed elements", `<x:workbook xmlns:x="urn:x" ` + r + `><x:sheets><x:sheet x:name="a" r:id="rId1"/></x:sheets></x:workbook>`},
		{"deeper and elsewhere", `<workbook ` + r + `><sheet name="top" r:id="rId0"/><sheets><sheet name="a" r:id="rId1"><sheet name="inner" r:id="rId9"/></sheet></sheets></workbook>`},
		{"attribute twice", `<workbook ` + r + `><sheets><sheet name="a" x:name="b" xmlns:x="urn:x" r:id="rId1"/></sheets></workbook>`},
		{"relationships", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/a.xml" Type="u"><Relationship Id="inner"/></Relationship></Relationships>`},
		{"entities", `<Relationships><Relationship Id="a&amp;b" Target="x&#x2F;y"/></Relationships>`},
		{"end tag of another element", `<workbook><sheets><sheet name="a"></sheets></sheet></workbook>`},
		{"end tag in another namespace", `<x:workbook xmlns:x="urn:x" xmlns:y="urn:y"></y:workbook>`},
		{"cut short", `<workbook><sheets><sheet name="a"/>`},
		{"empty", ``},
		{"after the root", `<Relationships><Relationship Id="a"/></Relationships><Relationship Id="b"/>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var book struct {
				Sheets []struct {
					Name  string `xml:"name,attr"`
					State string `xml:"state,attr"`
					RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
				} `xml:"sheets>sheet"`
			}
			errWant := xml.Unmarshal([]byte(c.xml), &book)
			var want []bookSheet
			for _, s := range book.Sheets {
				want = append(want, bookSheet{s.Name, s.State, s.RID})
			}
			got, err := parseBookSheets([]byte(c.xml))
			if (err != nil) != (errWant != nil) || err == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("sheets %+v, %v; xml.Unmarshal %+v, %v", got, err, want, errWant)
			}
			var rels struct {
				Rels []fastRel `xml:"Relationship"`
			}
			errWant = xml.Unmarshal([]byte(c.xml), &rels)
			gotRels, err := parseRels([]byte(c.xml))
			if (err != nil) != (errWant != nil) || err == nil && !reflect.DeepEqual(gotRels, rels.Rels) {
				t.Errorf("relationships %+v, %v; xml.Unmarshal %+v, %v", gotRels, err, rels.Rels, errWant)
			}
		})
	}
}
