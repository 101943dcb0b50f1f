package parley_test

import (
	"strings"
	"testing"

	"parley"
)

// Who records a version as official and who endorses it for a party, with
// the words each refusal says.
func TestMayRecordAndEndorse(t *testing.T) {
	ua, ru := &parley.Party{ID: 1, Code: "UA"}, &parley.Party{ID: 2, Code: "RU"}
	owner := &parley.Member{Role: parley.RoleOwner}
	mediator := &parley.Member{Role: parley.RoleMediator}
	delegate := &parley.Member{Role: parley.RoleDelegate, PartyID: ua.ID}
	observer := &parley.Member{Role: parley.RoleObserver}
	for _, tc := range []struct {
		name string
		err  error
		want string // "" when allowed, else part of the message
	}{
		{"owner records", parley.MayRecordVersion(owner), ""},
		{"mediator records", parley.MayRecordVersion(mediator), ""},
		{"delegate records", parley.MayRecordVersion(delegate), "you are a delegate"},
		{"observer records", parley.MayRecordVersion(observer), "you are an observer"},
		{"nobody records", parley.MayRecordVersion(nil), "only members"},
		{"delegate endorses for its own party", parley.MayEndorse(delegate, nil), ""},
		{"delegate names its own party", parley.MayEndorse(delegate, ua), ""},
		{"delegate endorses for another", parley.MayEndorse(delegate, ru), "not for RU"},
		{"mediator endorses", parley.MayEndorse(mediator, ua), "you are a mediator"},
		{"owner endorses", parley.MayEndorse(owner, ua), "you are an owner"},
		{"observer endorses", parley.MayEndorse(observer, nil), "you are an observer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			switch {
			case tc.want == "" && tc.err != nil:
				t.Fatalf("refused: %v", tc.err)
			case tc.want != "" && (parley.ErrorCode(tc.err) != parley.EFORBIDDEN || !strings.Contains(parley.ErrorMessage(tc.err), tc.want)):
				t.Fatalf("err = %v, want forbidden saying %q", tc.err, tc.want)
			}
		})
	}
}
