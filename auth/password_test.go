package auth_test

import (
	"strings"
	"testing"

	"parley"
	"parley/auth"
)

// New passwords are long, not among the commonest, and not the username.
func TestCheckNewPassword(t *testing.T) {
	cases := []struct {
		username, password string
		ok                 bool
		why                string
	}{
		{"ua", "demo", false, "at least 12"},
		{"ua", "elevenchars", false, "at least 12"},
		{"ua", "twelve chars", true, ""},
		{"ua", "ünïcödé pass", true, ""}, // 12 characters, more bytes
		{"ua", "password1234", false, "commonest"},
		{"ua", "PassWord1234", false, "commonest"},
		{"ua", "QWERTYUIOP123", false, "commonest"},
		{"ua", "correcthorsebatterystaple", false, "commonest"},
		{"ua", "1234567890123", false, "commonest"},
		{"ukraine.delegate", "Ukraine.Delegate", false, "username"},
		{"ukraine.delegate", "ukraine.delegate", false, "username"},
		{"ua", strings.Repeat("x", 1025), false, "at most"},
		{"ua", "tundra kettle orbit", true, ""},
	}
	for _, c := range cases {
		err := auth.CheckNewPassword(c.username, c.password)
		if c.ok != (err == nil) || !c.ok && (parley.ErrorCode(err) != parley.EINVALID || !strings.Contains(err.Error(), c.why)) {
			t.Errorf("CheckNewPassword(%q, %.20q) = %v, want ok=%v (%s)", c.username, c.password, err, c.ok, c.why)
		}
	}
	if _, err := auth.NewPasswordHash("ua", "short"); err == nil {
		t.Fatal("NewPasswordHash hashed a password the policy refuses")
	}
}
