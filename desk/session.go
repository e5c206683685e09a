package desk

import (
	"net/http"
	"time"
)

// startSession starts a session for account a and gives its cookie to the
// browser of request r. The session the browser had, if any, ends: a
// login does not leave the one before it alive behind the new cookie.
func (s *server) startSession(w http.ResponseWriter, r *http.Request, a *account) error {
	if c, err := r.Cookie(cookieName); err == nil && c.Value != "" {
		if err := s.st.endSession(c.Value); err != nil {
			return err
		}
	}
	token, err := s.st.newSession(a.ID)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: int(sessionLife / time.Second)})
	return nil
}
