package desk

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// accountLine is one account as the office's list shows it.
type accountLine struct {
	ID         int64
	Login      string
	Unit       string // "" for the office
	MustChange bool   // still has its first password
	LastLogin  time.Time
}

// accountList returns every account, the units' in configuration order,
// then the office's, each with the time of its last login in the audit
// log (zero when none).
func (s *store) accountList() ([]accountLine, error) {
	rows, err := s.db.Query(`SELECT a.id, a.login, COALESCE(a.unit, ''), a.must_change, l.at
		FROM accounts a LEFT JOIN units u ON u.name = a.unit
		LEFT JOIN (SELECT login, MAX(at) AS at FROM audit WHERE action = 'login' GROUP BY login) l ON l.login = a.login
		ORDER BY a.role = 'office', u.position, a.id`)
	if err != nil {
		return nil, storeErr(s.dir, err)
	}
	defer rows.Close()
	var out []accountLine
	for rows.Next() {
		var l accountLine
		var at sql.NullInt64
		if err := rows.Scan(&l.ID, &l.Login, &l.Unit, &l.MustChange, &at); err != nil {
			return nil, storeErr(s.dir, err)
		}
		if at.Valid {
			l.LastLogin = time.Unix(at.Int64, 0)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr(s.dir, err)
	}
	return out, nil
}

// accountByID returns the account with this id, or nil.
func (s *store) accountByID(id int64) (*account, error) {
	return s.account(`SELECT id, login, role, unit, must_change FROM accounts WHERE id = ?`, id)
}

// resetPassword gives account id a new first password, to be changed at
// its next login, and ends all its sessions; it returns the password.
func (s *store) resetPassword(id int64, cost int) (string, error) {
	pw, err := newPassword()
	if err != nil {
		return "", storeErr(s.dir, err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", storeErr(s.dir, err)
	}
	tx, err := s.db.Begin()
	if err != nil {
		return "", storeErr(s.dir, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE accounts SET hash = ?, must_change = 1 WHERE id = ?`, hash, id); err != nil {
		return "", storeErr(s.dir, err)
	}
	if _, err := tx.Exec(`DELETE FROM sessions WHERE account = ?`, id); err != nil {
		return "", storeErr(s.dir, err)
	}
	if err := tx.Commit(); err != nil {
		return "", storeErr(s.dir, err)
	}
	return pw, nil
}

// newFirstPassword is a password just given, shown once.
type newFirstPassword struct {
	Login, Unit, Password string
}

func (s *server) accountsPage(w http.ResponseWriter, r *http.Request, a *account) {
	s.showAccounts(w, a, nil)
}

// showAccounts renders the list of accounts, with a password just given
// when there is one.
func (s *server) showAccounts(w http.ResponseWriter, a *account, given *newFirstPassword) {
	list, err := s.st.accountList()
	if err != nil {
		s.storeFailed(w)
		return
	}
	s.render(w, http.StatusOK, "accounts.html", map[string]any{
		"Account": a, "Report": s.cfg.Report.Title, "Accounts": list, "Given": given, "Min": minPassword,
	})
}

func (s *server) resetPassword(w http.ResponseWriter, r *http.Request, a *account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var target *account
	if err == nil {
		if target, err = s.st.accountByID(id); err != nil {
			s.storeFailed(w)
			return
		}
	}
	switch {
	case target == nil:
		s.fail(w, http.StatusNotFound, "没有这个账号。")
		return
	case target.ID == a.ID:
		s.fail(w, http.StatusConflict, "不能重置自己的密码，请在“修改密码”中修改。")
		return
	case r.PostFormValue("confirm") != "yes":
		s.fail(w, http.StatusBadRequest, "重置密码前请勾选“确认重置”。")
		return
	}
	pw, err := s.st.resetPassword(target.ID, s.cost)
	if err != nil {
		s.storeFailed(w)
		return
	}
	_ = s.st.audit(a.Login, actionReset, target.Login+" 重置为新的初始密码，下次登录时须修改", address(r))
	s.showAccounts(w, a, &newFirstPassword{Login: target.Login, Unit: target.Unit, Password: pw})
}
