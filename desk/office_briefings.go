package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jianbao/ingest"
	"jianbao/problem"
	"jianbao/rollup"
)

// The content types of a briefing's outputs.
var outputTypes = map[string]string{
	"briefing.pdf":  "application/pdf",
	"briefing.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"summary.json":  "application/json",
}

// unitLine is one unit's line of the month on the briefings page: the
// version a briefing takes, and a later one sent that it does not.
type unitLine struct {
	Unit     string
	Accepted *version // nil when the unit has no accepted version
	Note     string   // what became of a version sent after it, if any
}

// briefingView is a briefing as the page lists it.
type briefingView struct {
	*briefing
	MonthChinese string
	Used         []*version // the month's versions it was made from, one per unit
	Earlier      int        // versions of earlier months it adds up for the year to date
	Files        []fileLink
}

type fileLink struct{ Name, Label string }

func (s *server) briefingsPage(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	lines, missing, err := s.monthLines(m)
	if err != nil {
		s.storeFailed(w)
		return
	}
	views, err := s.briefingViews()
	if err != nil {
		s.storeFailed(w)
		return
	}
	s.render(w, http.StatusOK, "briefings.html", map[string]any{
		"Account": a, "Month": m.String(), "MonthChinese": m.Chinese(), "Months": s.months(),
		"Lines": lines, "Missing": missing, "Reported": len(lines) - len(missing), "Briefings": views,
		"Issue": s.nextIssue(views),
	})
}

// monthLines are the units' lines of month m, and the units without an
// accepted version.
func (s *server) monthLines(m ingest.Period) ([]unitLine, []string, error) {
	units, err := s.st.units()
	if err != nil {
		return nil, nil, err
	}
	months, err := s.st.unitMonths(m, m)
	if err != nil {
		return nil, nil, err
	}
	var lines []unitLine
	var missing []string
	for _, u := range units {
		um := months[monthKey(u, m.String())]
		l := unitLine{Unit: u, Accepted: um.Accepted}
		if v := um.Sent; v != nil && (l.Accepted == nil || v.Seq > l.Accepted.Seq) {
			l.Note = laterNote(v, l.Accepted != nil)
		}
		if l.Accepted == nil {
			missing = append(missing, u)
		}
		lines = append(lines, l)
	}
	return lines, missing, nil
}

// laterNote says why v, sent but not accepted, is not in a briefing.
func laterNote(v *version, others bool) string {
	switch {
	case v.Review != nil && v.Review.Decision == "return":
		return fmt.Sprintf("第%d版已退回，不采用", v.Seq)
	case others:
		return fmt.Sprintf("第%d版已报送、待审核，确认前仍用上面的版本", v.Seq)
	}
	return fmt.Sprintf("第%d版已报送、待审核，确认后才能用于简报", v.Seq)
}

// briefingViews are the briefings made, the newest first.
func (s *server) briefingViews() ([]briefingView, error) {
	bs, err := s.st.briefings()
	if err != nil {
		return nil, err
	}
	var out []briefingView
	for _, b := range bs {
		vs, err := s.st.briefingVersions(b.ID)
		if err != nil {
			return nil, err
		}
		p, _ := ingest.ParsePeriod(b.Period)
		bv := briefingView{briefing: b, MonthChinese: p.Chinese()}
		for _, v := range vs {
			if v.Period == b.Period {
				bv.Used = append(bv.Used, v)
			} else {
				bv.Earlier++
			}
		}
		for _, n := range rollup.Names {
			bv.Files = append(bv.Files, fileLink{Name: n, Label: outputLabels[n]})
		}
		out = append(out, bv)
	}
	return out, nil
}

// maxIssue is the largest issue number a briefing takes.
const maxIssue = 9999

// nextIssue is the issue number offered for the next briefing: one more
// than the latest briefing's, or the configured one before any briefing.
func (s *server) nextIssue(views []briefingView) int {
	if len(views) == 0 {
		return s.cfg.Report.Issue
	}
	return min(views[0].Issue+1, maxIssue)
}

func (s *server) makeBriefingPost(w http.ResponseWriter, r *http.Request, a *account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	m, ok := ingest.ParsePeriod(r.PostFormValue("month"))
	if !ok {
		s.fail(w, http.StatusBadRequest, "月份写得不对，请重新选择月份。")
		return
	}
	issue := s.cfg.Report.Issue
	if v := strings.TrimSpace(r.PostFormValue("issue")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxIssue {
			s.fail(w, http.StatusBadRequest, fmt.Sprintf("期号要写1到%d之间的整数，请重新填写。", maxIssue))
			return
		}
		issue = n
	}
	b, err := s.makeBriefing(m, issue, a)
	if err != nil {
		s.briefingFailed(w, m, err)
		return
	}
	_ = s.st.audit(a.Login, "briefing", fmt.Sprintf("%s 简报%d 第%d期 %d份报表", b.Period, b.ID, b.Issue, len(b.VersionIDs)), address(r))
	http.Redirect(w, r, "/office/briefings?month="+url.QueryEscape(b.Period), http.StatusSeeOther)
}

// briefingFailed says why a briefing of month m was not made.
func (s *server) briefingFailed(w http.ResponseWriter, m ingest.Period, err error) {
	switch p := problem.Of(err); {
	case errors.Is(err, ErrNothingAccepted):
		s.fail(w, http.StatusConflict, m.Chinese()+p.Text+"。"+p.Fix+"。")
	case p != nil && p != ErrStore:
		s.fail(w, http.StatusInternalServerError, "未能生成简报："+p.Text+"。"+p.Fix+"。")
	default:
		s.storeFailed(w)
	}
}

// briefingFor returns the briefing named in the path, or says there is none.
func (s *server) briefingFor(w http.ResponseWriter, r *http.Request) *briefing {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var b *briefing
	if err == nil {
		if b, err = s.st.briefing(id); err != nil {
			s.storeFailed(w)
			return nil
		}
	}
	if b == nil {
		s.fail(w, http.StatusNotFound, "没有这一份简报。")
	}
	return b
}

// briefingFile sends one kept output of a briefing, after checking that
// it is the file made. Only the outputs' own names are served.
func (s *server) briefingFile(w http.ResponseWriter, r *http.Request, a *account) {
	label, ok := outputLabels[r.PathValue("name")]
	if !ok {
		s.fail(w, http.StatusNotFound, "没有这个文件。")
		return
	}
	b := s.briefingFor(w, r)
	if b == nil {
		return
	}
	var kept *output
	for i, o := range b.Outputs {
		if o.Name == r.PathValue("name") {
			kept = &b.Outputs[i]
		}
	}
	if kept == nil {
		s.fail(w, http.StatusNotFound, "没有这个文件。")
		return
	}
	name := kept.Name // one of outputLabels' names, as the database lists it
	data, err := os.ReadFile(filepath.Join(s.st.briefingDir(b.ID), name))
	sum := sha256.Sum256(data)
	if err != nil || hex.EncodeToString(sum[:]) != kept.SHA256 {
		s.fail(w, http.StatusInternalServerError, "留存的"+label+"缺失或已被改动，请用“重新生成”核对，或告知维护人员。")
		return
	}
	w.Header().Set("Content-Type", outputTypes[name])
	attach(w, fmt.Sprintf("%s%s（简报%d）%s", label, b.Period, b.ID, filepath.Ext(name)))
	_, _ = w.Write(data)
}

// attach names the file a download is saved as.
func attach(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

func (s *server) remakePost(w http.ResponseWriter, r *http.Request, a *account) {
	b := s.briefingFor(w, r)
	if b == nil {
		return
	}
	res, err := s.remake(b)
	if err != nil {
		p, _ := ingest.ParsePeriod(b.Period)
		s.briefingFailed(w, p, err)
		return
	}
	_ = s.st.audit(a.Login, "briefing-remake", fmt.Sprintf("简报%d %s", b.ID, sameWords(res.Same)), address(r))
	p, _ := ingest.ParsePeriod(b.Period)
	s.render(w, http.StatusOK, "remake.html", map[string]any{"Account": a, "R": res, "MonthChinese": p.Chinese()})
}

// briefingExport sends the sheets a briefing was made from, in the layout
// rollup reads.
func (s *server) briefingExport(w http.ResponseWriter, r *http.Request, a *account) {
	b := s.briefingFor(w, r)
	if b == nil {
		return
	}
	vs, err := s.st.briefingVersions(b.ID)
	if err != nil {
		s.storeFailed(w)
		return
	}
	s.sendZip(w, fmt.Sprintf("汇总用报表%s（简报%d）.zip", b.Period, b.ID), exportEntries(vs))
}

// monthExport sends the accepted versions of January to the month, in the
// layout rollup reads: what a briefing made now would be made from.
func (s *server) monthExport(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	vs, err := s.st.briefingSources(m)
	if err != nil {
		s.storeFailed(w)
		return
	}
	if len(ofMonth(vs, m)) == 0 {
		s.fail(w, http.StatusNotFound, m.Chinese()+"还没有已确认的报表。")
		return
	}
	s.sendZip(w, "汇总用报表"+m.String()+".zip", exportEntries(vs))
}

// monthOriginals sends the month's accepted originals, for the archive,
// with a list of them.
func (s *server) monthOriginals(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	vs, err := s.st.acceptedVersions(m, m)
	if err != nil {
		s.storeFailed(w)
		return
	}
	if len(vs) == 0 {
		s.fail(w, http.StatusNotFound, m.Chinese()+"还没有已确认的报表。")
		return
	}
	entries := originalEntries(vs)
	list := zipExtra{Name: manifestName, Modified: s.briefingTime(), Write: func(w io.Writer) error {
		return writeManifest(w, vs, entries)
	}}
	s.sendZip(w, "报表原件"+m.String()+".zip", entries, list)
}

// sendZip sends a zip of entries and extra files. A kept original that
// cannot be read is said on a page when nothing is sent yet; after that
// the download is broken off, so that no partial zip looks whole.
func (s *server) sendZip(w http.ResponseWriter, name string, entries []zipFile, extra ...zipExtra) {
	for _, e := range entries {
		if _, err := os.Stat(s.st.blobPath(e.SHA256)); err != nil {
			s.storeFailed(w)
			return
		}
	}
	w.Header().Set("Content-Type", "application/zip")
	attach(w, name)
	if err := s.st.writeZip(w, entries, extra...); err != nil {
		panic(http.ErrAbortHandler)
	}
}

// sameWords says in the audit log whether a remade briefing matched.
func sameWords(same bool) string {
	if same {
		return "重新生成的文件与原来的逐字节相同"
	}
	return "重新生成的文件与原来的不同"
}
