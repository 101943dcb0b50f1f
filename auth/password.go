package auth

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"parley"
)

// Password policy for new passwords (an account's first, and every
// change). Logins check whatever hash is stored, so accounts made before
// the policy, and the demo's, keep working.
const (
	MinPasswordLength = 12   // characters
	maxPasswordBytes  = 1024 // argon2 hashes any length; a bound keeps a form from sending megabytes
)

//go:embed passwords.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
})

// CheckNewPassword says whether password may become the password of the
// account username: at least MinPasswordLength characters, not one of the
// commonest passwords (passwords.txt, compared without regard to case),
// and not the username.
func CheckNewPassword(username, password string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return parley.Errorf(parley.EINVALID, "password: use at least %d characters (a few unrelated words make a good one)", MinPasswordLength)
	case len(password) > maxPasswordBytes:
		return parley.Errorf(parley.EINVALID, "password: at most %d bytes", maxPasswordBytes)
	case commonPasswords()[strings.ToLower(password)]:
		return parley.Errorf(parley.EINVALID, "password: it is one of the commonest passwords, which are tried first; choose another")
	case strings.EqualFold(strings.TrimSpace(password), parley.NormalizeUsername(username)):
		return parley.Errorf(parley.EINVALID, "password: it must not be the username")
	}
	return nil
}

// NewPasswordHash checks a new password against the policy and hashes it.
func NewPasswordHash(username, password string) (string, error) {
	if err := CheckNewPassword(username, password); err != nil {
		return "", err
	}
	return HashPassword(password)
}
