package desk

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/ingest"
	"jianbao/templates"
)

//go:embed pages/*.html
var pageFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"when": func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") },
}).ParseFS(pageFiles, "pages/*.html"))

const cookieName = "jianbao_session"

// server answers the desk's pages.
type server struct {
	st        *store
	cfg       *templates.Config
	maxBytes  int64 // largest file taken, as on the command line
	limiter   *loginLimiter
	cost      int        // of the bcrypt hashes of new passwords
	narrative string     // the briefing's text template, as for the command line
	version   string     // the program's version, named in a briefing's workbook
	making    sync.Mutex // one briefing made at a time
}

func newServer(st *store, cfg *templates.Config) *server {
	narrative, _ := templates.Briefing("") // embedded in the program
	return &server{st: st, cfg: cfg, maxBytes: ingest.NewReader(cfg).Limits.FileBytes,
		limiter: newLoginLimiter(st.now), cost: bcrypt.DefaultCost, narrative: narrative}
}

// handler is every route, behind the standard library's protection
// against cross-origin requests.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /password", s.anyRole(s.passwordPage))
	mux.HandleFunc("POST /password", s.anyRole(s.changePassword))
	mux.HandleFunc("GET /unit", s.unitOnly(s.unitHome))
	mux.HandleFunc("POST /unit/upload", s.unitOnly(s.upload))
	mux.HandleFunc("GET /unit/versions/{id}", s.unitOnly(s.unitVersion))
	mux.HandleFunc("POST /unit/versions/{id}/send", s.unitOnly(s.send))
	mux.HandleFunc("GET /office", s.officeOnly(s.officeGrid))
	mux.HandleFunc("GET /office/versions/{id}", s.officeOnly(s.officeVersion))
	mux.HandleFunc("POST /office/versions/{id}/review", s.officeOnly(s.review))
	mux.HandleFunc("GET /office/briefings", s.officeOnly(s.briefingsPage))
	mux.HandleFunc("POST /office/briefings", s.officeOnly(s.makeBriefingPost))
	mux.HandleFunc("GET /office/briefings/{id}/{name}", s.officeOnly(s.briefingFile))
	mux.HandleFunc("GET /office/briefings/{id}/export.zip", s.officeOnly(s.briefingExport))
	mux.HandleFunc("POST /office/briefings/{id}/remake", s.officeOnly(s.remakePost))
	mux.HandleFunc("GET /office/export", s.officeOnly(s.monthExport))
	mux.HandleFunc("GET /office/originals", s.officeOnly(s.monthOriginals))
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// render writes page name with data, or an error page.
func (s *server) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "页面出错", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = b.WriteTo(w)
}

// fail shows a short page saying what went wrong.
func (s *server) fail(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "message.html", map[string]any{"Message": msg})
}

func (s *server) storeFailed(w http.ResponseWriter) {
	s.fail(w, http.StatusInternalServerError, "收表台的数据暂时无法读写，请稍后再试，或告知市办。")
}

// who returns the logged-in account, or nil.
func (s *server) who(r *http.Request) (*account, error) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	return s.st.session(c.Value)
}

type authed func(w http.ResponseWriter, r *http.Request, a *account)

// anyRole lets any logged-in account through, even one that still has its
// first password.
func (s *server) anyRole(h authed) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := s.who(r)
		switch {
		case err != nil:
			s.storeFailed(w)
		case a == nil && r.Method == http.MethodGet:
			http.Redirect(w, r, "/login", http.StatusSeeOther)
		case a == nil:
			s.fail(w, http.StatusUnauthorized, "请先登录。")
		default:
			h(w, r, a)
		}
	}
}

// only lets through the accounts of one role that have changed their first
// password.
func (s *server) only(office bool, h authed) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := s.who(r)
		if err != nil {
			s.storeFailed(w)
			return
		}
		if a == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			s.fail(w, http.StatusUnauthorized, "请先登录。")
			return
		}
		if a.office() != office {
			s.fail(w, http.StatusForbidden, "这个页面不属于您的账号。")
			return
		}
		if a.MustChange {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/password", http.StatusSeeOther)
				return
			}
			s.fail(w, http.StatusForbidden, "请先修改初始密码。")
			return
		}
		h(w, r, a)
	}
}

func (s *server) unitOnly(h authed) http.HandlerFunc   { return s.only(false, h) }
func (s *server) officeOnly(h authed) http.HandlerFunc { return s.only(true, h) }

func (s *server) home(w http.ResponseWriter, r *http.Request) {
	a, err := s.who(r)
	switch {
	case err != nil:
		s.storeFailed(w)
	case a == nil:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case a.MustChange:
		http.Redirect(w, r, "/password", http.StatusSeeOther)
	case a.office():
		http.Redirect(w, r, "/office", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/unit", http.StatusSeeOther)
	}
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "login.html", map[string]any{})
}

// address is where a request came from, for the audit log and the limit on
// logins.
func address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	login, password := strings.TrimSpace(r.PostFormValue("login")), r.PostFormValue("password")
	addr := address(r)
	if !s.limiter.allow(addr, login) {
		_ = s.st.audit(login, "login-refused", "too many failures", addr)
		s.render(w, http.StatusTooManyRequests, "login.html", map[string]any{
			"Error": "密码错误次数过多，请过一刻钟再试。", "Login": login})
		return
	}
	a, err := s.st.checkPassword(login, password)
	if err != nil {
		s.storeFailed(w)
		return
	}
	if a == nil {
		s.limiter.failed(addr, login)
		_ = s.st.audit(login, "login-failed", "", addr)
		s.render(w, http.StatusUnauthorized, "login.html", map[string]any{
			"Error": "账号或密码不对，请重新输入。", "Login": login})
		return
	}
	s.limiter.succeeded(addr, login)
	token, err := s.st.newSession(a.ID)
	if err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, "login", "", addr)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: int(sessionLife / time.Second)})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(cookieName); err == nil {
		if a, _ := s.st.session(c.Value); a != nil {
			_ = s.st.audit(a.Login, "logout", "", address(r))
		}
		_ = s.st.endSession(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: -1})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// minPassword is the fewest characters a new password may have.
const minPassword = 8

func (s *server) passwordPage(w http.ResponseWriter, r *http.Request, a *account) {
	s.render(w, http.StatusOK, "password.html", map[string]any{"Account": a, "Min": minPassword})
}

func (s *server) changePassword(w http.ResponseWriter, r *http.Request, a *account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	current, next, again := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("again")
	addr := address(r)
	say := func(status int, msg string) {
		s.render(w, status, "password.html", map[string]any{"Account": a, "Min": minPassword, "Error": msg})
	}
	if !s.limiter.allow(addr, a.Login) {
		say(http.StatusTooManyRequests, "密码错误次数过多，请过一刻钟再试。")
		return
	}
	ok, err := s.st.checkPassword(a.Login, current)
	switch {
	case err != nil:
		s.storeFailed(w)
		return
	case ok == nil:
		s.limiter.failed(addr, a.Login)
		say(http.StatusBadRequest, "原密码不对，请重新输入。")
		return
	case len([]rune(next)) < minPassword:
		say(http.StatusBadRequest, fmt.Sprintf("新密码至少要%d个字符。", minPassword))
		return
	case next != again:
		say(http.StatusBadRequest, "两次输入的新密码不一样，请重新输入。")
		return
	case next == current:
		say(http.StatusBadRequest, "新密码不能与原密码相同。")
		return
	}
	if err := s.st.setPassword(a.ID, next, s.cost); err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, "password", "", addr)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// month is the month a page is about: the month= of the address, else the
// month before the current one (sheets are sent for the month just ended).
func (s *server) month(r *http.Request) ingest.Period {
	if m := r.URL.Query().Get("month"); m != "" {
		if p, ok := ingest.ParsePeriod(m); ok {
			return p
		}
	}
	now := s.st.now()
	return ingest.Period{Year: now.Year(), Month: int(now.Month())}.Prev()
}

// months are the months offered to choose from: twelve, ending with the
// current one.
func (s *server) months() []string {
	now := s.st.now()
	p := ingest.Period{Year: now.Year(), Month: int(now.Month())}
	var out []string
	for range 12 {
		out = append(out, p.String())
		p = p.Prev()
	}
	return out
}

func (s *server) unitHome(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	vs, err := s.st.versions(a.Unit, m.String())
	if err != nil {
		s.storeFailed(w)
		return
	}
	var latestSent *version
	for _, v := range vs {
		if v.Sent() {
			latestSent = v
			break
		}
	}
	s.render(w, http.StatusOK, "unit.html", map[string]any{
		"Account": a, "Month": m.String(), "MonthChinese": m.Chinese(), "Months": s.months(),
		"Versions": vs, "Status": status(latestSent), "Latest": latestSent, "MaxMB": s.maxBytes >> 20,
	})
}

func (s *server) upload(w http.ResponseWriter, r *http.Request, a *account) {
	// The form's other fields and the multipart framing are small: a
	// little room beyond the file limit is kept for them, and the file
	// itself is measured below.
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBytes+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, http.StatusBadRequest, "没有收到文件，请重新选择文件后上传。")
		return
	}
	var period ingest.Period
	var name string
	var data []byte
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.uploadTooLarge(w, err)
			return
		}
		switch part.FormName() {
		case "month":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			p, ok := ingest.ParsePeriod(string(b))
			if !ok {
				s.fail(w, http.StatusBadRequest, "月份写得不对，请重新选择月份。")
				return
			}
			period = p
		case "file":
			name = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, s.maxBytes+1))
			if err != nil {
				s.uploadTooLarge(w, err)
				return
			}
			if int64(len(data)) > s.maxBytes {
				s.uploadTooLarge(w, nil)
				return
			}
		}
		_ = part.Close()
	}
	if period.IsZero() {
		period = s.month(r)
	}
	ext := uploadExt(name)
	if name == "" || len(data) == 0 {
		s.fail(w, http.StatusBadRequest, "没有收到文件，请重新选择文件后上传。")
		return
	}
	if ext == "" {
		s.fail(w, http.StatusBadRequest, "只能上传 Excel 表格（.xlsx、.xls）或 .csv 文件。")
		return
	}
	c := checkSheet(s.cfg, a.Unit, period, ext, data)
	sum, err := s.st.putBlob(data)
	if err != nil {
		s.storeFailed(w)
		return
	}
	v := &version{Unit: a.Unit, Period: period.String(), SHA256: sum, Size: int64(len(data)),
		FileName: shownName(name), Errors: c.Errors, Warnings: c.Warnings}
	if err := s.st.addVersion(v, a.ID, c.stored()); err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, "upload", fmt.Sprintf("%s %s 第%d版 %s", v.Unit, v.Period, v.Seq, sum), address(r))
	http.Redirect(w, r, "/unit/versions/"+strconv.FormatInt(v.ID, 10), http.StatusSeeOther)
}

// shownName is the clerk's file name without any folder, kept to be
// shown and for its kind (uploadExt): a long name is cut before its
// ending.
func shownName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if r := []rune(name); len(r) > 100 {
		ext := []rune(uploadExt(name))
		name = string(r[:100-len(ext)]) + string(ext)
	}
	return name
}

func (s *server) uploadTooLarge(w http.ResponseWriter, err error) {
	var mbe *http.MaxBytesError
	if err == nil || errors.As(err, &mbe) {
		s.fail(w, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("文件太大，未收下：每个文件不能超过 %d 兆字节。", s.maxBytes>>20))
		return
	}
	s.fail(w, http.StatusBadRequest, "文件没有传完整，请重新上传。")
}

// versionFor returns the version named in the path if account a may see it:
// a unit sees only its own. A version it may not see is answered as one
// that does not exist.
func (s *server) versionFor(w http.ResponseWriter, r *http.Request, a *account) *version {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var v *version
	if err == nil {
		v, err = s.st.version(id)
		if err != nil {
			s.storeFailed(w)
			return nil
		}
	}
	if v == nil || (!a.office() && v.Unit != a.Unit) {
		s.fail(w, http.StatusNotFound, "没有这一版报表。")
		return nil
	}
	return v
}

func (s *server) showVersion(w http.ResponseWriter, r *http.Request, a *account, page string) {
	v := s.versionFor(w, r, a)
	if v == nil {
		return
	}
	data, err := s.st.blob(v.SHA256)
	if err != nil {
		s.storeFailed(w)
		return
	}
	p, _ := ingest.ParsePeriod(v.Period)
	c := checkSheet(s.cfg, v.Unit, p, uploadExt(v.FileName), data)
	latest, err := s.st.versions(v.Unit, v.Period)
	if err != nil {
		s.storeFailed(w)
		return
	}
	s.render(w, http.StatusOK, page, map[string]any{
		"Account": a, "V": v, "Check": c, "History": latest, "MonthChinese": p.Chinese(),
	})
}

func (s *server) unitVersion(w http.ResponseWriter, r *http.Request, a *account) {
	s.showVersion(w, r, a, "version.html")
}

func (s *server) officeVersion(w http.ResponseWriter, r *http.Request, a *account) {
	s.showVersion(w, r, a, "version.html")
}

func (s *server) send(w http.ResponseWriter, r *http.Request, a *account) {
	v := s.versionFor(w, r, a)
	if v == nil {
		return
	}
	if v.Errors > 0 {
		s.fail(w, http.StatusConflict, "这一版报表有错误，请修改后重新上传再报送。")
		return
	}
	if err := s.st.send(v.ID); err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, "send", fmt.Sprintf("%s %s 第%d版", v.Unit, v.Period, v.Seq), address(r))
	http.Redirect(w, r, "/unit?month="+url.QueryEscape(v.Period), http.StatusSeeOther)
}

func (s *server) review(w http.ResponseWriter, r *http.Request, a *account) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	v := s.versionFor(w, r, a)
	if v == nil {
		return
	}
	if !v.Sent() {
		s.fail(w, http.StatusConflict, "这一版报表还没有报送，不能确认或退回。")
		return
	}
	decision := r.PostFormValue("decision")
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	switch {
	case decision != "accept" && decision != "return":
		s.fail(w, http.StatusBadRequest, "请选择确认或退回。")
		return
	case decision == "return" && reason == "":
		s.fail(w, http.StatusBadRequest, "退回时请写明原因，单位会看到这段话。")
		return
	}
	if len([]rune(reason)) > 500 {
		reason = string([]rune(reason)[:500])
	}
	if err := s.st.addReview(v.ID, decision, reason, a.ID); err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, decision, fmt.Sprintf("%s %s 第%d版 %s", v.Unit, v.Period, v.Seq, reason), address(r))
	http.Redirect(w, r, "/office?month="+url.QueryEscape(v.Period), http.StatusSeeOther)
}

// gridLine is one unit's line in the office's month grid.
type gridLine struct {
	Unit    string
	Status  string
	Version *version
}

func (s *server) officeGrid(w http.ResponseWriter, r *http.Request, a *account) {
	m := s.month(r)
	units, err := s.st.units()
	if err != nil {
		s.storeFailed(w)
		return
	}
	sent, err := s.st.sentVersions(m.String())
	if err != nil {
		s.storeFailed(w)
		return
	}
	var lines []gridLine
	counts := map[string]int{}
	for _, u := range units {
		v := sent[u]
		st := status(v)
		counts[st]++
		lines = append(lines, gridLine{Unit: u, Status: st, Version: v})
	}
	s.render(w, http.StatusOK, "office.html", map[string]any{
		"Account": a, "Month": m.String(), "MonthChinese": m.Chinese(), "Months": s.months(),
		"Lines": lines, "Counts": counts,
	})
}

// loginLimiter refuses logins from an address, or to an account, after
// too many wrong passwords within a window.
type loginLimiter struct {
	mu    sync.Mutex
	now   func() time.Time
	fails map[string][]time.Time
}

const (
	maxLoginFailures = 5
	loginWindow      = 15 * time.Minute
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, fails: map[string][]time.Time{}}
}

func limitKeys(addr, login string) []string { return []string{"a:" + addr, "l:" + login} }

func (l *loginLimiter) allow(addr, login string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cut := l.now().Add(-loginWindow)
	for _, k := range limitKeys(addr, login) {
		recent := l.fails[k][:0]
		for _, t := range l.fails[k] {
			if t.After(cut) {
				recent = append(recent, t)
			}
		}
		if len(recent) == 0 {
			delete(l.fails, k)
			continue
		}
		l.fails[k] = recent
		if len(recent) >= maxLoginFailures {
			return false
		}
	}
	return true
}

func (l *loginLimiter) failed(addr, login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range limitKeys(addr, login) {
		l.fails[k] = append(l.fails[k], l.now())
	}
}

func (l *loginLimiter) succeeded(addr, login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, "l:"+login)
}
