package desk

// checkPassword returns the account whose login and password these are,
// or nil, as the store does; the server's hook, when set, is told first.
func (s *server) checkPassword(login, password string) (*account, error) {
	if s.checking != nil {
		s.checking()
	}
	return s.st.checkPassword(login, password)
}

// maxPasswordBytes is the longest password bcrypt takes, in bytes of
// UTF-8: 72 letters or digits, 24 Chinese characters.
const maxPasswordBytes = 72

// tooLongPassword says the limit on a new password to a clerk.
const tooLongPassword = "新密码最长72个字节，约24个汉字或72个字母数字。"
