package desk

import (
	"sync"
	"time"
)

// loginLimiter refuses logins after too many wrong passwords within a
// window: for one login from one address, and from one address whatever
// the login. It never counts a login alone, so that no one can lock a
// unit out by typing wrong passwords for its login from elsewhere.
type loginLimiter struct {
	mu    sync.Mutex
	now   func() time.Time
	fails map[string][]time.Time
	swept time.Time // when the old failures of every key were last dropped
}

const (
	maxLoginFailures   = 5  // for one login from one address
	maxAddressFailures = 20 // from one address, all logins together
	loginWindow        = 15 * time.Minute
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, fails: map[string][]time.Time{}, swept: now()}
}

// limitKey is a key of the counted failures with its limit.
type limitKey struct {
	key string
	max int
}

func limitKeys(addr, login string) []limitKey {
	return []limitKey{{pairKey(addr, login), maxLoginFailures}, {"a:" + addr, maxAddressFailures}}
}

func pairKey(addr, login string) string { return "p:" + addr + "\x00" + login }

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

func (l *loginLimiter) allow(addr, login string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cut := l.now().Add(-loginWindow)
	for _, k := range limitKeys(addr, login) {
		if len(l.recent(k.key, cut)) >= k.max {
			return false
		}
	}
	return true
}

func (l *loginLimiter) failed(addr, login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// Once a window, the keys no longer tried are dropped, so that the
	// map does not grow with every login ever mistyped.
	if now := l.now(); now.Sub(l.swept) >= loginWindow {
		for k := range l.fails {
			l.recent(k, now.Add(-loginWindow))
		}
		l.swept = now
	}
	for _, k := range limitKeys(addr, login) {
		l.fails[k.key] = append(l.fails[k.key], l.now())
	}
}

// succeeded forgets the failures for the login from the address; those of
// the address stay, so that one right password does not open the way to
// guessing others.
func (l *loginLimiter) succeeded(addr, login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, pairKey(addr, login))
}
