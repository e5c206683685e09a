package desk

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"jianbao/ingest"
	"jianbao/render"
)

// Content types of the workbooks the desk gives out.
const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	xlsmType = "application/vnd.ms-excel.sheet.macroEnabled.12"
)

// annotated gives the annotated copy of a version, as `jianbao validate
// --annotate` writes it: every cell a finding names filled red or yellow
// with a comment, and a first sheet listing the findings.
func (s *server) annotated(w http.ResponseWriter, r *http.Request, a *account) {
	v, data, c := s.checkedVersion(w, r, a)
	if v == nil {
		return
	}
	ext := uploadExt(v.FileName)
	if !c.sub.Opened() {
		s.fail(w, http.StatusConflict, "这一版的文件无法作为表格打开，没有标注副本；问题见这一版的检查结果。")
		return
	}
	sub := *c.sub
	sub.File = v.FileName // the copy's list of findings names the clerk's file
	out, err := ingest.NewReader(s.cfg).AnnotateBytes(v.Unit+v.Period+ext, data, &sub)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "标注副本没有做成："+problemText(err))
		return
	}
	name, kind := annotatedName(v), xlsxType
	if strings.EqualFold(path.Ext(name), ".xlsm") {
		kind = xlsmType
	}
	sendFile(w, name, kind, out)
}

// annotatedName is the name of a version's annotated copy: the clerk's
// file name marked （标注）, as .xlsx (or .xlsm, which keeps its macros).
func annotatedName(v *version) string {
	base := v.FileName
	if i := strings.LastIndex(base, "!"); i >= 0 {
		base = base[i+1:] // a file inside a .zip file
	}
	base = path.Base(base)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if stem == "" {
		stem = v.Unit + v.Period
	}
	if !strings.EqualFold(ext, ".xlsm") {
		ext = ".xlsx"
	}
	return fmt.Sprintf("%s（第%d版标注）%s", stem, v.Seq, strings.ToLower(ext))
}

// template gives the standard blank sheet of the unit for the month of
// the address, as `jianbao template --unit U --period P` writes it.
func (s *server) template(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	var b bytes.Buffer
	if err := render.WriteTemplate(&b, s.cfg, a.Unit, m.Year, m.Month); err != nil {
		s.fail(w, http.StatusInternalServerError, "空白报表没有做成："+problemText(err))
		return
	}
	sendFile(w, a.Unit+"-"+m.String()+".xlsx", xlsxType, b.Bytes())
}

// sendFile answers with a file to be saved under name.
func sendFile(w http.ResponseWriter, name, kind string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", kind)
	h.Set("Content-Disposition", attachment(name))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// attachment is the Content-Disposition of a file to be saved under name:
// the name in UTF-8 as RFC 5987 writes it (filename*), which browsers use,
// and a name in plain ASCII for any that do not. Characters that a file
// name may not hold, or that would end the header's value, are replaced.
func attachment(name string) string {
	name = safeFileName(name)
	var ascii, enc strings.Builder
	for _, r := range name {
		if r < 0x80 && isAttrChar(byte(r)) {
			ascii.WriteRune(r)
		} else {
			ascii.WriteByte('_')
		}
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; isAttrChar(c) {
			enc.WriteByte(c)
		} else {
			fmt.Fprintf(&enc, "%%%02X", c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii.String(), enc.String())
}

// isAttrChar reports whether c stands for itself in an RFC 5987 value
// (attr-char), and so also in the quoted ASCII name.
func isAttrChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}

// safeFileName replaces what a file name on Windows may not hold (folder
// separators, < > : " | ? *, control characters) with ＿.
func safeFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\<>:"|?*`, r) {
			return '＿'
		}
		return r
	}, name)
	if strings.Trim(name, ". ") == "" {
		return "报表.xlsx"
	}
	return name
}
