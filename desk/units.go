package desk

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/problem"
	"jianbao/templates"
)

// The units of a desk are those of the configuration it was set up with.
// When the configuration changes, the desk is not served until they agree
// again: a unit added to the configuration has no account yet (AddUnits
// makes one), and a unit taken out of it still has versions the rollup
// would no longer know.

// unitsDiffer compares the desk's units with the configuration's and
// returns those only in the configuration, and those only in the desk.
func unitsDiffer(have, want []string) (added, removed []string) {
	for _, u := range want {
		if !slices.Contains(have, u) {
			added = append(added, u)
		}
	}
	for _, u := range have {
		if !slices.Contains(want, u) {
			removed = append(removed, u)
		}
	}
	return added, removed
}

// checkUnits refuses a configuration whose units are not the desk's, and
// otherwise puts the desk's units in the configuration's order.
func (s *store) checkUnits(cfg *templates.Config) error {
	have, err := s.units()
	if err != nil {
		return err
	}
	want := unitNames(cfg)
	added, removed := unitsDiffer(have, want)
	switch {
	case len(removed) > 0:
		return &problem.Error{File: s.dir, Err: fmt.Errorf("%w：%s", ErrUnitsRemoved, strings.Join(removed, "、"))}
	case len(added) > 0:
		return &problem.Error{File: s.dir, Err: fmt.Errorf("%w：%s", ErrUnitsAdded, strings.Join(added, "、"))}
	}
	return s.orderUnits(want)
}

// orderUnits gives the units the positions of the configuration.
func (s *store) orderUnits(names []string) error {
	tx, err := s.db.Begin()
	if err != nil {
		return storeErr(s.dir, err)
	}
	defer tx.Rollback()
	for i, u := range names {
		if _, err := tx.Exec(`UPDATE units SET position = ? WHERE name = ?`, i, u); err != nil {
			return storeErr(s.dir, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return storeErr(s.dir, err)
	}
	return nil
}

// AddUnits gives the desk in folder dir the units of cfg it does not have
// yet, each with an account, and returns their first passwords. A unit the
// desk has and cfg does not is refused, as when serving.
func AddUnits(dir string, cfg *templates.Config) ([]FirstPassword, error) {
	return addUnits(dir, cfg, bcrypt.DefaultCost, time.Now())
}

func addUnits(dir string, cfg *templates.Config, cost int, at time.Time) ([]FirstPassword, error) {
	lock, err := lockDesk(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	st, err := openStore(dir, func() time.Time { return at })
	if err != nil {
		return nil, err
	}
	defer st.close()
	have, err := st.units()
	if err != nil {
		return nil, err
	}
	added, removed := unitsDiffer(have, unitNames(cfg))
	if len(removed) > 0 {
		return nil, &problem.Error{File: dir, Err: fmt.Errorf("%w：%s", ErrUnitsRemoved, strings.Join(removed, "、"))}
	}
	tx, err := st.db.Begin()
	if err != nil {
		return nil, storeErr(dir, err)
	}
	defer tx.Rollback()
	var out []FirstPassword
	for _, u := range added {
		if _, err := tx.Exec(`INSERT INTO units (name, position) VALUES (?, ?)`, u, len(have)+len(out)); err != nil {
			return nil, storeErr(dir, err)
		}
		pw, err := addAccount(tx, u, roleUnit, u, cost)
		if err != nil {
			return nil, storeErr(dir, err)
		}
		out = append(out, FirstPassword{Login: u, Unit: u, Password: pw})
	}
	if len(out) > 0 {
		if _, err := tx.Exec(`INSERT INTO audit (at, login, action, detail, address) VALUES (?, '', 'add-units', ?, '')`,
			at.Unix(), strings.Join(added, "、")); err != nil {
			return nil, storeErr(dir, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, storeErr(dir, err)
	}
	return out, st.orderUnits(unitNames(cfg))
}

// addAccount adds an account with a new first password, and returns it.
func addAccount(tx *sql.Tx, login, role, unit string, cost int) (string, error) {
	pw, err := newPassword()
	if err != nil {
		return "", err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", err
	}
	var u any
	if unit != "" {
		u = unit
	}
	_, err = tx.Exec(`INSERT INTO accounts (login, role, unit, hash) VALUES (?, ?, ?, ?)`, login, role, u, hash)
	return pw, err
}
