package desk

import (
	"net/http"
	"time"
)

// startSession starts a session for account a and gives its cookie to the
// browser of request r.
func (s *server) startSession(w http.ResponseWriter, r *http.Request, a *account) error {
	token, err := s.st.newSession(a.ID)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: int(sessionLife / time.Second)})
	return nil
}
