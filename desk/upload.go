package desk

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"jianbao/ingest"
	"jianbao/problem"
)

// maxUploadFiles is the most sheets one upload may carry, the files inside
// its .zip files counted.
const maxUploadFiles = 50

// maxUploadTotal is the most bytes of files one upload may carry: five
// files at the per-file limit (100 MB with the default limit of 20 MB).
func (s *server) maxUploadTotal() int64 { return 5 * s.maxBytes }

// received is a file as an upload carried it.
type received struct {
	name     string // as the clerk's browser called it
	data     []byte
	tooLarge bool // larger than the per-file limit: its bytes are dropped
}

// uploadForm is what an upload carried: the month chosen (zero when none)
// and the files, in order.
type uploadForm struct {
	period ingest.Period
	files  []received
}

// refusal is an upload refused as a whole, nothing of it kept.
type refusal struct {
	status int
	msg    string
}

// readUpload reads an upload's form, holding each file to the per-file
// limit and the whole to the limits of an upload.
func (s *server) readUpload(w http.ResponseWriter, r *http.Request) (*uploadForm, *refusal) {
	// The form's other fields and the multipart framing are small: a
	// little room beyond the files' limit is kept for them, and the files
	// themselves are measured below.
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUploadTotal()+uploadFraming)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &refusal{http.StatusBadRequest, "没有收到文件，请重新选择文件后上传。"}
	}
	f := &uploadForm{}
	var total int64
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, s.brokenUpload(err, f)
		}
		switch part.FormName() {
		case "month":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			p, ok := ingest.ParsePeriod(string(b))
			if !ok {
				return nil, &refusal{http.StatusBadRequest, "月份写得不对，请重新选择月份。"}
			}
			f.period = p
		case "file":
			if part.FileName() == "" {
				break // a file field left empty
			}
			if len(f.files) == maxUploadFiles {
				return nil, tooManyFiles
			}
			data, err := io.ReadAll(io.LimitReader(part, s.maxBytes+1))
			if err != nil {
				return nil, s.brokenUpload(err, f)
			}
			total += int64(len(data))
			rc := received{name: part.FileName(), data: data}
			if int64(len(data)) > s.maxBytes {
				rc.data, rc.tooLarge = nil, true
			}
			f.files = append(f.files, rc)
			if total > s.maxUploadTotal() {
				return nil, s.uploadTooLarge()
			}
		}
		_ = part.Close()
	}
	if len(f.files) == 0 {
		return nil, &refusal{http.StatusBadRequest, "没有收到文件，请重新选择文件后上传。"}
	}
	return f, nil
}

// brokenUpload says why reading an upload failed: it was larger than an
// upload may be (a single file, larger than a file may be), or it did not
// arrive whole.
func (s *server) brokenUpload(err error, f *uploadForm) *refusal {
	var mbe *http.MaxBytesError
	switch {
	case !errors.As(err, &mbe):
		return &refusal{http.StatusBadRequest, "文件没有传完整，请重新上传。"}
	case len(f.files) == 1 && f.files[0].tooLarge:
		return &refusal{http.StatusRequestEntityTooLarge, s.fileTooLarge()}
	}
	return s.uploadTooLarge()
}

func (s *server) fileTooLarge() string {
	return fmt.Sprintf("文件太大，未收下：每个文件不能超过 %s。", sizeText(s.maxBytes))
}

func (s *server) uploadTooLarge() *refusal {
	return &refusal{http.StatusRequestEntityTooLarge, fmt.Sprintf(
		"一次上传的文件合计太大，都未收下：合计不能超过 %s（每个文件不超过 %s）。请分几次上传。",
		sizeText(s.maxUploadTotal()), sizeText(s.maxBytes))}
}

// sizeText says a number of bytes in 兆字节 (MiB), or in 千字节 (KiB) when
// less than one.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d 兆字节", n>>20)
	}
	return fmt.Sprintf("%d 千字节", n>>10)
}

// tooManyFiles refuses an upload of more sheets than one may carry.
var tooManyFiles = &refusal{http.StatusRequestEntityTooLarge, fmt.Sprintf(
	"一次最多上传 %d 个文件（压缩包中的文件也算在内），这次超过了，都未收下。请分几次上传。", maxUploadFiles)}

// item is one sheet of an upload: a file, or a file inside a .zip file.
type item struct {
	name    string // as shown: the clerk's file name; zip!inner for a file inside a .zip
	data    []byte // nil for a file inside a .zip, unpacked when its turn comes
	member  *ingest.Member
	refused string // why it is not kept, "" when it is to be read
	status  int    // of the refusal, when the item is all the upload carried
}

// Words said of files the desk does not take.
const (
	kindsTaken = "只能上传 Excel 或 WPS 表格（.xlsx、.xlsm、.xls、.et、.ett）、.csv 或 .tsv 文件，或装有这些文件的 .zip 压缩包。"
	emptyFile  = "文件是空的，未收下。请重新选择文件后上传。"
)

// items lists the sheets an upload carried, in order: each file, and the
// files inside each .zip file (one level), or a refusal when they are more
// than an upload may carry.
func (s *server) items(f *uploadForm) ([]item, *refusal) {
	var out []item
	for _, rc := range f.files {
		name := shownName(rc.name)
		switch {
		case rc.tooLarge:
			out = append(out, item{name: name, refused: s.fileTooLarge(), status: http.StatusRequestEntityTooLarge})
		case len(rc.data) == 0:
			out = append(out, item{name: name, refused: emptyFile, status: http.StatusBadRequest})
		case strings.EqualFold(path.Ext(name), ".zip"):
			ms, _, err := ingest.ZipMembers(rc.data)
			if err != nil {
				out = append(out, item{name: name, refused: problemText(err), status: http.StatusBadRequest})
				break
			}
			for i := range ms {
				out = append(out, item{name: memberShownName(name, ms[i].Name), member: &ms[i]})
			}
		case uploadExt(name) == "":
			out = append(out, item{name: name, refused: kindsTaken, status: http.StatusBadRequest})
		default:
			out = append(out, item{name: name, data: rc.data})
		}
		if len(out) > maxUploadFiles {
			return nil, tooManyFiles
		}
	}
	return out, nil
}

// problemText says an error of the readers to the clerk: what is wrong and
// what to do.
func problemText(err error) string {
	msg := problem.Describe(err)
	if msg == "" {
		msg = "文件无法读取"
	}
	if fix := problem.Fix(err); fix != "" {
		msg += "。" + fix
	}
	return msg + "。"
}

// uploaded is what became of one sheet of an upload, as the page of the
// upload lists it.
type uploaded struct {
	Name    string
	Version *version // nil when not kept
	Check   *checked // nil when not kept
	Month   string   // the month it is kept under, in Chinese
	Moved   bool     // the month is the one the sheet states, not the one chosen
	Refused string   // why it is not kept
	Problem string   // the first error of a sheet kept, "" when none
	status  int
}

// upload keeps each sheet of an upload as a version of the month it is
// for. An upload of one sheet kept under the month chosen goes on to its
// version's page; an upload of one sheet refused says why; any other shows
// what became of each sheet.
func (s *server) upload(w http.ResponseWriter, r *http.Request, a *account) {
	// A request that does not say its length is taken at the most an
	// upload may be.
	size := r.ContentLength
	if size < 0 {
		size = s.maxUploadTotal() + uploadFraming
	}
	if !s.uploads.enterAs(r.Context(), a.Unit, size) {
		s.fail(w, http.StatusServiceUnavailable, "收表台正忙，请稍后重新上传。")
		return
	}
	defer s.uploads.leaveAs(a.Unit, size)
	f, no := s.readUpload(w, r)
	if no == nil {
		var its []item
		if its, no = s.items(f); no == nil {
			s.takeAll(w, r, a, f, its)
			return
		}
	}
	s.fail(w, no.status, no.msg)
}

func (s *server) takeAll(w http.ResponseWriter, r *http.Request, a *account, f *uploadForm, its []item) {
	chosen := f.period
	if chosen.IsZero() {
		chosen = s.month(r)
	}
	rd := ingest.NewReader(s.cfg) // unpacks the files inside .zip files, to its limits
	var out []uploaded
	for i := range its {
		u, err := s.take(rd, a, chosen, &its[i], address(r))
		if err != nil {
			s.storeFailed(w)
			return
		}
		out = append(out, u)
	}
	single := len(its) == 1 && its[0].member == nil
	switch {
	case single && out[0].Refused != "":
		s.fail(w, out[0].status, out[0].Refused)
	case single && !out[0].Moved:
		http.Redirect(w, r, "/unit/versions/"+strconv.FormatInt(out[0].Version.ID, 10), http.StatusSeeOther)
	default:
		kept := 0
		for _, u := range out {
			if u.Version != nil {
				kept++
			}
		}
		status := http.StatusOK
		if kept == 0 {
			status = http.StatusBadRequest
		}
		s.render(w, status, "uploaded.html", map[string]any{
			"Account": a, "Month": chosen.String(), "MonthChinese": chosen.Chinese(), "Files": out,
			"Kept": kept, "Refused": len(out) - kept,
		})
	}
}

// take checks one sheet of an upload and keeps it as a version, or says
// why not. Its error is the store's.
func (s *server) take(rd *ingest.Reader, a *account, chosen ingest.Period, it *item, addr string) (uploaded, error) {
	u := uploaded{Name: it.name, Refused: it.refused, status: it.status}
	if u.Refused != "" {
		return u, nil
	}
	data := it.data
	if it.member != nil {
		var err error
		if data, err = rd.MemberBytes(*it.member); err != nil {
			u.Refused, u.status = problemText(err), http.StatusBadRequest
			return u, nil
		}
	}
	ext := uploadExt(it.name)
	if ext == "" {
		u.Refused, u.status = kindsTaken, http.StatusBadRequest
		return u, nil
	}
	pl := placeSheet(s.cfg, a.Unit, chosen, ext, data)
	if pl.Refused != "" {
		u.Refused, u.status = pl.Refused+"。", http.StatusBadRequest
		return u, nil
	}
	v, err := s.keep(a, pl.Period, it.name, data, pl.Check, addr)
	if err != nil {
		return u, err
	}
	u.Version, u.Check, u.Month, u.Moved = v, pl.Check, pl.Period.Chinese(), pl.Moved
	if fs := pl.Check.Findings; len(fs) > 0 && fs[0].Error {
		u.Problem = fs[0].Message
		if fs[0].Where != "" {
			u.Problem = fs[0].Where + "：" + u.Problem
		}
	}
	return u, nil
}

// keep stores a checked sheet as the next version of unit's month.
func (s *server) keep(a *account, p ingest.Period, name string, data []byte, c *checked, addr string) (*version, error) {
	sum, err := s.st.putBlob(data)
	if err != nil {
		return nil, err
	}
	v := &version{Unit: a.Unit, Period: p.String(), SHA256: sum, Size: int64(len(data)),
		FileName: name, Errors: c.Errors, Warnings: c.Warnings}
	if err := s.st.addVersion(v, a.ID, c.stored()); err != nil {
		return nil, err
	}
	_ = s.st.audit(a.Login, "upload", fmt.Sprintf("%s %s 第%d版 %s", v.Unit, v.Period, v.Seq, sum), addr)
	return v, nil
}

// maxShownName is the most characters of a file's name kept to be shown.
const maxShownName = 100

// shownName is the clerk's file name without any folder, kept only to be
// shown; a long one is shortened in the middle, keeping its ending, which
// says what kind of file it is.
func shownName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return shorten(name, maxShownName)
}

// memberShownName is the name shown of the file inner of the .zip file
// called zip: 江南区.zip!十月/江南区.xlsx.
func memberShownName(zip, inner string) string {
	return shorten(zip+"!"+strings.ReplaceAll(inner, `\`, "/"), 2*maxShownName)
}

// shorten keeps at most n characters of name: its start, …, and its
// ending (the last 10 characters, the kind of file among them).
func shorten(name string, n int) string {
	r := []rune(name)
	if len(r) <= n {
		return name
	}
	const tail = 10
	return string(r[:n-tail-1]) + "…" + string(r[len(r)-tail:])
}
