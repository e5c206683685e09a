package desk

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
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
	checking  func()     // when set, called before each password is checked; for the tests
	uploads   *uploadGate
}

func newServer(st *store, cfg *templates.Config) *server {
	narrative, _ := templates.Briefing("") // embedded in the program
	return &server{st: st, cfg: cfg, maxBytes: ingest.NewReader(cfg).Limits.FileBytes,
		limiter: newLoginLimiter(st.now), cost: bcrypt.DefaultCost, narrative: narrative,
		uploads: newUploadGate(maxUploadsAtOnce, uploadBytesAtOnce)}
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
	mux.HandleFunc("GET /unit/versions/{id}/annotated", s.unitOnly(s.annotated))
	mux.HandleFunc("GET /unit/template", s.unitOnly(s.template))
	mux.HandleFunc("GET /office", s.officeOnly(s.officeGrid))
	mux.HandleFunc("GET /office/versions/{id}", s.officeOnly(s.officeVersion))
	mux.HandleFunc("POST /office/versions/{id}/review", s.officeOnly(s.review))
	mux.HandleFunc("GET /office/versions/{id}/annotated", s.officeOnly(s.annotated))
	mux.HandleFunc("GET /static/upload.js", script(uploadScript))
	mux.HandleFunc("GET /copy.js", s.serveCopyScript)
	mux.HandleFunc("GET /office/year", s.officeOnly(s.officeYear))
	mux.HandleFunc("GET /office/accounts", s.officeOnly(s.accountsPage))
	mux.HandleFunc("POST /office/accounts/{id}/reset", s.officeOnly(s.resetPassword))
	mux.HandleFunc("GET /office/audit", s.officeOnly(s.auditPage))
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
	try := s.limiter.attempt(addr, login)
	if !try.ok {
		if try.logRefusal {
			_ = s.st.audit(auditLogin(login), "login-refused", "错误次数过多", addr)
		}
		s.render(w, http.StatusTooManyRequests, "login.html", map[string]any{
			"Error": "密码错误次数过多，请过一刻钟再试。", "Login": login})
		return
	}
	a, err := s.checkPassword(login, password)
	if err != nil {
		s.limiter.release(try)
		s.storeFailed(w)
		return
	}
	if a == nil {
		_ = s.st.audit(auditLogin(login), "login-failed", "", addr)
		s.render(w, http.StatusUnauthorized, "login.html", map[string]any{
			"Error": "账号或密码不对，请重新输入。", "Login": login})
		return
	}
	s.limiter.succeeded(try)
	if err := s.startSession(w, r, a); err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, "login", "", addr)
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
	try := s.limiter.attempt(addr, a.Login)
	if !try.ok {
		say(http.StatusTooManyRequests, "密码错误次数过多，请过一刻钟再试。")
		return
	}
	ok, err := s.checkPassword(a.Login, current)
	switch {
	case err != nil:
		s.limiter.release(try)
		s.storeFailed(w)
		return
	case ok == nil:
		say(http.StatusBadRequest, "原密码不对，请重新输入。")
		return
	}
	s.limiter.succeeded(try)
	switch {
	case len([]rune(next)) < minPassword:
		say(http.StatusBadRequest, fmt.Sprintf("新密码至少要%d个字符。", minPassword))
		return
	case len(next) > maxPasswordBytes:
		say(http.StatusBadRequest, tooLongPassword)
		return
	case next != again:
		say(http.StatusBadRequest, "两次输入的新密码不一样，请重新输入。")
		return
	case next == current:
		say(http.StatusBadRequest, "新密码不能与原密码相同。")
		return
	}
	// Every session of the account ends with the old password; this
	// browser goes on with a new one.
	if err := s.st.setPassword(a.ID, next, s.cost); err != nil {
		s.storeFailed(w)
		return
	}
	if err := s.startSession(w, r, a); err != nil {
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
	um := monthFrom(vs)
	st := s.statusOf(um, m)
	var back *version // the latest sent, returned
	if um.Sent != nil && returned(um.Sent) {
		back = um.Sent
	}
	s.render(w, http.StatusOK, "unit.html", map[string]any{
		"Account": a, "Month": m.String(), "MonthChinese": m.Chinese(), "Months": s.months(),
		"Versions": vs, "Status": st, "Says": um.says(st), "Latest": um.Sent, "Accepted": um.Accepted, "Later": um.later(),
		"Returned": back, "Deadline": s.deadlineDay(m), "MaxMB": s.maxBytes >> 20,
		"TotalMB": s.maxUploadTotal() >> 20, "MaxFiles": maxUploadFiles, "Accept": uploadAccept,
	})
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

// checkedVersion is the version named in the path, if account a may see
// it, with its original and the original checked again.
func (s *server) checkedVersion(w http.ResponseWriter, r *http.Request, a *account) (*version, []byte, *checked) {
	v := s.versionFor(w, r, a)
	if v == nil {
		return nil, nil, nil
	}
	data, err := s.st.blob(v.SHA256)
	if err != nil {
		s.storeFailed(w)
		return nil, nil, nil
	}
	p, _ := ingest.ParsePeriod(v.Period)
	return v, data, checkSheet(s.cfg, v.Unit, p, uploadExt(v.FileName), data)
}

func (s *server) showVersion(w http.ResponseWriter, r *http.Request, a *account, page string) {
	v, _, c := s.checkedVersion(w, r, a)
	if v == nil {
		return
	}
	p, _ := ingest.ParsePeriod(v.Period)
	latest, err := s.st.versions(v.Unit, v.Period)
	if err != nil {
		s.storeFailed(w)
		return
	}
	diff, err := s.versionDiff(v, c, latest)
	if err != nil {
		s.storeFailed(w)
		return
	}
	s.render(w, http.StatusOK, page, map[string]any{
		"Account": a, "V": v, "Check": c, "History": latest, "MonthChinese": p.Chinese(), "Diff": diff,
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
