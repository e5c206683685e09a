package desk

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/templates"
)

// A desk is served only with the units it was set up with. A unit added to
// the configuration gets its account from addUnits, with a first password,
// and is then on the desk; a unit taken out of the configuration keeps the
// desk from being served, since its versions could not be rolled up.
func TestUnitsFollowConfiguration(t *testing.T) {
	cfg := templates.Default()
	dir := filepath.Join(t.TempDir(), "desk")
	if _, err := createStore(dir, unitNames(cfg)[:15], bcrypt.MinCost, testSetUp); err != nil {
		t.Fatal(err)
	}
	run := func(c *templates.Config) error {
		ctx, cancel := context.WithCancel(context.Background())
		return Run(ctx, Options{Data: dir, Config: c, Addr: "127.0.0.1:0",
			Now: func() time.Time { return testSetUp }, Ready: func(string) { cancel() }})
	}
	if err := run(cfg); !errors.Is(err, ErrUnitsAdded) {
		t.Fatalf("served with a unit the desk has no account for: %v, want %v", err, ErrUnitsAdded)
	}
	added := unitNames(cfg)[15]
	pws, err := addUnits(dir, cfg, bcrypt.MinCost, testSetUp)
	if err != nil || len(pws) != 1 || pws[0].Login != added || pws[0].Unit != added || len(pws[0].Password) < minPassword {
		t.Fatalf("addUnits: %+v, %v; want a first password for %s", pws, err, added)
	}
	if pws, err := addUnits(dir, cfg, bcrypt.MinCost, testSetUp); err != nil || len(pws) != 0 {
		t.Errorf("addUnits again: %+v, %v; want nothing to add", pws, err)
	}
	if err := run(cfg); err != nil {
		t.Fatalf("served once the unit was added: %v", err)
	}
	st, err := openStore(dir, func() time.Time { return testSetUp })
	if err != nil {
		t.Fatal(err)
	}
	units, _ := st.units()
	a, _ := st.checkPassword(added, pws[0].Password)
	st.close()
	if !slices.Equal(units, unitNames(cfg)) || a == nil || !a.MustChange {
		t.Errorf("after adding: units %v, account %+v", units, a)
	}

	fewer := templates.Default()
	fewer.Units = fewer.Units[1:]
	if err := run(fewer); !errors.Is(err, ErrUnitsRemoved) {
		t.Errorf("served without a unit the desk holds: %v, want %v", err, ErrUnitsRemoved)
	}
	if _, err := addUnits(dir, fewer, bcrypt.MinCost, testSetUp); !errors.Is(err, ErrUnitsRemoved) {
		t.Errorf("addUnits without a unit the desk holds: %v, want %v", err, ErrUnitsRemoved)
	}
}
