package desk

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// accountNumber is the id of the account with this login.
func (d *testDesk) accountNumber(login string) int64 {
	d.t.Helper()
	var id int64
	if err := d.st.db.QueryRow(`SELECT id FROM accounts WHERE login = ?`, login).Scan(&id); err != nil {
		d.t.Fatal(err)
	}
	return id
}

// accountID is accountNumber as it is written in an address.
func (d *testDesk) accountID(login string) string {
	return strconv.FormatInt(d.accountNumber(login), 10)
}

func TestAccountsPage(t *testing.T) {
	d := newTestDesk(t, nil)
	d.login("青秀区") // changes its first password
	d.clock.add(time.Hour)
	office := d.login(OfficeLogin)
	_, page := d.get(office, "/office/accounts")
	rows := regexp.MustCompile(`<tr><td>([^<]*)</td><td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) != 17 {
		t.Fatalf("%d accounts listed, want 16 units and the office:\n%s", len(rows), page)
	}
	tests := []struct {
		row                           int
		unit, login, password, login2 string
	}{
		{0, "市本级", "市本级", "仍是初始密码", "从未登录"},
		{2, "青秀区", "青秀区", "已改为自己的密码", "2018-11-05 10:00"},
		{16, "市办", OfficeLogin, "已改为自己的密码", "2018-11-05 11:00"},
	}
	for _, tt := range tests {
		got := rows[tt.row][1:]
		if want := []string{tt.unit, tt.login, tt.password, tt.login2}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("row %d: %v, want %v", tt.row, got, want)
		}
	}
	if strings.Contains(page, `action="/office/accounts/`+d.accountID(OfficeLogin)+`/reset"`) {
		t.Error("the office is offered to reset its own password")
	}
}

// A reset gives a new first password, shown once; every session of the
// account ends, the old password no longer logs in, the new one must be
// changed at once; the audit log shows the reset.
func TestResetPassword(t *testing.T) {
	d := newTestDesk(t, nil)
	unit := d.login("青秀区")
	other := d.login("青秀区") // a second browser of the same unit
	old := d.pw["青秀区"]
	office := d.login(OfficeLogin)
	id := d.accountID("青秀区")

	for _, tt := range []struct {
		name, path string
		form       url.Values
		want       int
	}{
		{"not confirmed", "/office/accounts/" + id + "/reset", url.Values{}, http.StatusBadRequest},
		{"no such account", "/office/accounts/9999/reset", url.Values{"confirm": {"yes"}}, http.StatusNotFound},
		{"not a number", "/office/accounts/x/reset", url.Values{"confirm": {"yes"}}, http.StatusNotFound},
		{"its own", "/office/accounts/" + d.accountID(OfficeLogin) + "/reset", url.Values{"confirm": {"yes"}}, http.StatusConflict},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := d.post(office, tt.path, tt.form); code != tt.want {
				t.Fatalf("status %d, want %d\n%s", code, tt.want, body)
			}
		})
	}
	if code, _ := d.get(unit, "/unit"); code != http.StatusOK {
		t.Fatal("a refused reset ended the unit's session")
	}

	code, page := d.post(office, "/office/accounts/"+id+"/reset", url.Values{"confirm": {"yes"}})
	m := regexp.MustCompile(`新初始密码是：<strong class="password">([^<]+)</strong>`).FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("reset: status %d, no password shown:\n%s", code, page)
	}
	pw := m[1]
	if _, again := d.get(office, "/office/accounts"); strings.Contains(again, pw) {
		t.Error("the new password is shown again")
	}
	for name, c := range map[string]*http.Client{"first browser": unit, "second browser": other} {
		if code, body := d.get(c, "/unit"); code != http.StatusSeeOther || !strings.Contains(body, `"/login"`) {
			t.Errorf("%s: still logged in after the reset (status %d)\n%s", name, code, body)
		}
	}
	if code, _ := d.post(d.client(), "/login", url.Values{"login": {"青秀区"}, "password": {old}}); code != http.StatusUnauthorized {
		t.Errorf("the old password: status %d, want 401", code)
	}
	c := d.client()
	if code, _ := d.post(c, "/login", url.Values{"login": {"青秀区"}, "password": {pw}}); code != http.StatusSeeOther {
		t.Fatalf("the new password: status %d, want 303", code)
	}
	resp, err := c.Get(d.ts.URL + "/unit")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/password" {
		t.Errorf("with the new first password, /unit: %d to %q, want 303 to /password", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, accounts := d.get(office, "/office/accounts")
	if !regexp.MustCompile(`<td>青秀区</td><td>青秀区</td>\s*<td>仍是初始密码</td>`).MatchString(accounts) {
		t.Errorf("the list does not show the first password:\n%s", accounts)
	}
	_, audit := d.get(office, "/office/audit")
	if !regexp.MustCompile(`<td>office</td><td>重置密码</td><td>青秀区 [^<]*</td>`).MatchString(audit) {
		t.Errorf("the audit log does not show the reset:\n%s", audit)
	}
	if strings.Contains(audit, pw) {
		t.Error("the audit log shows the new password")
	}
}

func TestAuditPage(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	d.post(d.client(), "/login", url.Values{"login": {"经开区"}, "password": {"wrong"}})
	v := d.sendFor(d.login("经开区"), "经开区", "2018-10", sheetFor("经开区", "2018-10"))
	d.post(office, "/office/versions/"+versionID(v)+"/review", url.Values{"decision": {"return"}, "reason": {"请核对"}})
	d.sendFor(d.login("东盟经开区"), "东盟经开区", "2018-10", sheetFor("东盟经开区", "2018-10"))
	// Enough lines for three pages, each a minute after the one before.
	for i := range 2 * auditPageSize {
		d.clock.add(time.Minute)
		if err := d.st.audit("兴宁区", "upload", fmt.Sprintf("兴宁区 2018-10 第%d版", i+1), "192.168.1.9"); err != nil {
			t.Fatal(err)
		}
	}
	type want struct {
		has, hasNot []string
		lines       int
	}
	tests := []struct {
		name, query string
		want        want
	}{
		{"newest first", "", want{has: []string{`<td>兴宁区</td><td>上传报表</td><td>兴宁区 2018-10 第100版</td><td>192.168.1.9</td>`, "第1页，共3页", "较早的记录"},
			hasNot: []string{"第50版", "较新的记录"}, lines: auditPageSize}},
		{"second page", "?page=2", want{has: []string{"第50版", "第1版<", "较新的记录", "较早的记录"}, hasNot: []string{"第51版"}, lines: auditPageSize}},
		{"last page", "?page=3", want{has: []string{"建立收表台", "16个单位", "登录失败（账号或密码不对）", "修改密码", "退回", "报送"},
			hasNot: []string{"较早的记录", "login-failed", "units"}}},
		{"a page past the end", "?page=9", want{hasNot: []string{"<td>"}}},
		{"a unit: its account's lines and those about it", "?who=经开区", want{
			has:    []string{"<td>经开区</td><td>登录失败（账号或密码不对）</td>", "<td>经开区</td><td>上传报表</td>", "<td>office</td><td>退回</td><td>经开区 2018-10 第1版 请核对</td>"},
			hasNot: []string{"东盟经开区</td>", "<td>兴宁区</td>"}, lines: 6}},
		{"a login", "?who=office", want{has: []string{"<td>office</td><td>退回</td>", "<td>office</td><td>登录</td>"}, hasNot: []string{"<td>经开区</td>"}, lines: 3}},
		{"a login never seen", "?who=nobody", want{has: []string{"共0条"}, lines: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, page := d.get(office, "/office/audit"+tt.query)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			for _, w := range tt.want.has {
				if !strings.Contains(page, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.want.hasNot {
				if strings.Contains(page, w) {
					t.Errorf("has %q", w)
				}
			}
			if tt.want.lines > 0 {
				if n := strings.Count(page, "<tr><td>"); n != tt.want.lines {
					t.Errorf("%d lines, want %d", n, tt.want.lines)
				}
			}
			if t.Failed() {
				t.Log(page)
			}
		})
	}
	_, page := d.get(office, "/office/audit?who=经开区")
	if !strings.Contains(page, `href="/office/audit"`) {
		t.Error("a filtered page has no way back to the whole log")
	}
}

// Every action the desk writes to the audit log has its Chinese word.
func TestAuditActionsSaid(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var actions []string
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
			return true
		})
	}
	calls := 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 4 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "audit" {
				return true
			}
			calls++
			switch a := call.Args[1].(type) {
			case *ast.BasicLit:
				s, _ := strconv.Unquote(a.Value)
				actions = append(actions, s)
			case *ast.Ident:
				if s, ok := consts[a.Name]; ok {
					actions = append(actions, s)
				} else if a.Name != "decision" {
					t.Errorf("%s: an action the test cannot read: %s", fset.Position(a.Pos()), a.Name)
				}
			}
			return true
		})
	}
	if calls < 8 {
		t.Fatalf("only %d calls of audit found", calls)
	}
	for _, a := range append(actions, "init", "accept", "return") { // init is written in SQL, accept and return are the review's decision
		if w := actionWord(a); w == "其他操作" {
			t.Errorf("action %q has no Chinese word", a)
		}
	}
}
