package desk

// checkPassword returns the account whose login and password these are,
// or nil, as the store does; the server's hook, when set, is told first.
func (s *server) checkPassword(login, password string) (*account, error) {
	if s.checking != nil {
		s.checking()
	}
	return s.st.checkPassword(login, password)
}
