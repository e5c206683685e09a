package desk

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// actionReset is the audit log's action of an office giving an account a
// new first password.
const actionReset = "reset"

// actionWords say the audit log's actions in Chinese, for the office.
var actionWords = map[string]string{
	"init":            "建立收表台",
	"login":           "登录",
	"login-failed":    "登录失败（账号或密码不对）",
	"login-refused":   "拒绝登录（密码错误次数过多）",
	"logout":          "退出",
	"password":        "修改密码",
	"upload":          "上传报表",
	"send":            "报送",
	"accept":          "确认采用",
	"return":          "退回",
	actionReset:       "重置密码",
	"briefing":        "生成简报",
	"add-units":       "增加单位",
	"briefing-remake": "重新生成简报核对",
}

// maxAuditLogin is the most characters of a login, as typed at the login
// form, that the audit log keeps: no real login is longer, and the log is
// not a place to store what strangers type.
const maxAuditLogin = 64

// auditLogin is login as the audit log keeps it.
func auditLogin(login string) string {
	if r := []rune(login); len(r) > maxAuditLogin {
		return string(r[:maxAuditLogin])
	}
	return login
}

// actionWord is an action in Chinese; one without a word is 其他操作.
func actionWord(code string) string {
	if w, ok := actionWords[code]; ok {
		return w
	}
	return "其他操作"
}

// oldDetails are details that the desk's first version wrote in English,
// said in Chinese.
var (
	oldUnits   = regexp.MustCompile(`^(\d+) units$`)
	oldDetails = map[string]string{"too many failures": "错误次数过多"}
)

// checksum is an original's SHA-256 in a detail; the page shows its start.
var checksum = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

func detailWords(d string) string {
	if w, ok := oldDetails[d]; ok {
		return w
	}
	d = checksum.ReplaceAllStringFunc(d, func(sum string) string { return "校验值" + sum[:12] })
	return oldUnits.ReplaceAllString(d, "${1}个单位")
}

// auditLine is one line of the audit log as the page shows it.
type auditLine struct {
	At      time.Time
	Login   string
	Action  string // in Chinese
	Detail  string
	Address string
}

// auditPageSize is how many lines a page of the audit log shows.
const auditPageSize = 50

// maxAuditPage bounds the page asked for.
const maxAuditPage = 1 << 20

// auditFilter selects the lines of one login, or, when unit is set, also
// those whose detail is about that unit (it begins with the unit's name).
const auditFilter = ` FROM audit WHERE (?1 = '' OR login = ?1 OR (?2 AND (detail = ?1 OR substr(detail, 1, length(?1) + 1) = ?1 || ' ')))`

// auditLines returns a page of the audit log, the newest first, and the
// number of lines in all that the filter selects.
func (s *store) auditLines(who string, unit bool, page int) ([]auditLine, int, error) {
	var total int
	if err := s.db.QueryRow(`SELECT COUNT(*)`+auditFilter, who, unit).Scan(&total); err != nil {
		return nil, 0, storeErr(s.dir, err)
	}
	rows, err := s.db.Query(`SELECT at, login, action, detail, address`+auditFilter+` ORDER BY id DESC LIMIT ?3 OFFSET ?4`,
		who, unit, auditPageSize, (page-1)*auditPageSize)
	if err != nil {
		return nil, 0, storeErr(s.dir, err)
	}
	defer rows.Close()
	var out []auditLine
	for rows.Next() {
		var l auditLine
		var at int64
		var action, detail string
		if err := rows.Scan(&at, &l.Login, &action, &detail, &l.Address); err != nil {
			return nil, 0, storeErr(s.dir, err)
		}
		l.At, l.Action, l.Detail = time.Unix(at, 0), actionWord(action), detailWords(detail)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, storeErr(s.dir, err)
	}
	return out, total, nil
}

func (s *server) auditPage(w http.ResponseWriter, r *http.Request, a *account) {
	q := r.URL.Query()
	who := q.Get("who")
	if len([]rune(who)) > 100 {
		who = ""
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 || page > maxAuditPage {
		page = 1
	}
	accounts, err := s.st.accountList()
	if err != nil {
		s.storeFailed(w)
		return
	}
	unit := false
	for _, acc := range accounts {
		unit = unit || (acc.Unit != "" && acc.Unit == who)
	}
	lines, total, err := s.st.auditLines(who, unit, page)
	if err != nil {
		s.storeFailed(w)
		return
	}
	link := func(p int) string {
		v := url.Values{"page": {strconv.Itoa(p)}}
		if who != "" {
			v.Set("who", who)
		}
		return "/office/audit?" + v.Encode()
	}
	var prev, next string
	if page > 1 {
		prev = link(page - 1)
	}
	if page*auditPageSize < total {
		next = link(page + 1)
	}
	s.render(w, http.StatusOK, "audit.html", map[string]any{
		"Account": a, "Report": s.cfg.Report.Title, "Lines": lines, "Who": who, "Unit": unit, "Accounts": accounts,
		"Total": total, "Page": page, "Pages": (total + auditPageSize - 1) / auditPageSize, "Prev": prev, "Next": next,
	})
}
