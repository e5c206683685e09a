package desk

import (
	"sync"
	"time"
)

// loginLimiter refuses logins after too many wrong passwords within a
// window: for one login from one address, and from one address whatever
// the login. It never counts a login alone, so that no one can lock a
// unit out by typing wrong passwords for its login from elsewhere.
//
// A password is counted as wrong from the moment it is let through to be
// checked, in the same step that lets it through (attempt), and given back
// when it proves right: passwords sent all at once cannot all pass before
// the first of them has been found wrong.
type loginLimiter struct {
	mu      sync.Mutex
	now     func() time.Time
	fails   map[string][]time.Time
	refused map[string]time.Time // when a refusal of each key was last said to the audit log
	swept   time.Time            // when the old entries of every key were last dropped
}

const (
	maxLoginFailures   = 5  // for one login from one address
	maxAddressFailures = 20 // from one address, all logins together
	loginWindow        = 15 * time.Minute
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, fails: map[string][]time.Time{}, refused: map[string]time.Time{}, swept: now()}
}

// limitKey is a key of the counted failures with its limit.
type limitKey struct {
	key string
	max int
}

func limitKeys(addr, login string) []limitKey {
	return []limitKey{{pairKey(addr, login), maxLoginFailures}, {addressKey(addr), maxAddressFailures}}
}

func pairKey(addr, login string) string { return "p:" + addr + "\x00" + login }
func addressKey(addr string) string     { return "a:" + addr }

// loginTry is a password let through to be checked, or refused.
type loginTry struct {
	addr, login string
	at          time.Time // when it was counted
	ok          bool      // let through to be checked
	// logRefusal says a refused try is the first refusal of its key within
	// the window: the one the audit log keeps, so that a flood of refused
	// logins does not flood the log.
	logRefusal bool
}

// recent drops the failures of key k older than the window, and returns
// those left. The lock is held.
func (l *loginLimiter) recent(k string, cut time.Time) []time.Time {
	kept := l.fails[k][:0]
	for _, t := range l.fails[k] {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		delete(l.fails, k)
		return nil
	}
	l.fails[k] = kept
	return kept
}

// sweep drops, once a window, the keys no longer tried, so that the maps
// do not grow with every login ever mistyped. The lock is held.
func (l *loginLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < loginWindow {
		return
	}
	cut := now.Add(-loginWindow)
	for k := range l.fails {
		l.recent(k, cut)
	}
	for k, t := range l.refused {
		if !t.After(cut) {
			delete(l.refused, k)
		}
	}
	l.swept = now
}

// attempt lets a password for login from addr through to be checked,
// counting it at once as a failure of both keys, or refuses it when either
// key has reached its limit.
func (l *loginLimiter) attempt(addr, login string) loginTry {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	cut := now.Add(-loginWindow)
	try := loginTry{addr: addr, login: login, at: now}
	keys := limitKeys(addr, login)
	for _, k := range keys {
		if len(l.recent(k.key, cut)) >= k.max {
			if last, ok := l.refused[k.key]; !ok || !last.After(cut) {
				l.refused[k.key], try.logRefusal = now, true
			}
			return try
		}
	}
	for _, k := range keys {
		l.fails[k.key] = append(l.fails[k.key], now)
	}
	try.ok = true
	return try
}

// giveBack removes one failure counted at time at from key k. The lock is
// held.
func (l *loginLimiter) giveBack(k string, at time.Time) {
	fs := l.fails[k]
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i].Equal(at) {
			fs = append(fs[:i], fs[i+1:]...)
			break
		}
	}
	if len(fs) == 0 {
		delete(l.fails, k)
		return
	}
	l.fails[k] = fs
}

// succeeded says the password of try was right: the failures for the
// login from the address are forgotten, and the try no longer counts for
// the address; the address's other failures stay, so that one right
// password does not open the way to guessing others.
func (l *loginLimiter) succeeded(try loginTry) {
	if !try.ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, pairKey(try.addr, try.login))
	l.giveBack(addressKey(try.addr), try.at)
}

// release says the password of try could not be checked: it counts for
// neither key.
func (l *loginLimiter) release(try loginTry) {
	if !try.ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range limitKeys(try.addr, try.login) {
		l.giveBack(k.key, try.at)
	}
}
