package parley_test

import (
	"strings"
	"testing"

	"parley"
)

func TestParseGrade(t *testing.T) {
	for in, want := range map[string]string{"B2": "B2", "b2": "B2", " a1 ": "A1", "F6": "F6"} {
		r, c, err := parley.ParseGrade("grade", in)
		if err != nil || (&parley.Source{Reliability: r, Credibility: c}).Grade() != want {
			t.Errorf("ParseGrade(%q) = %s%d, %v", in, r, c, err)
		}
	}
	for _, in := range []string{"", "G2", "B7", "B", "B22", "2B"} {
		if _, _, err := parley.ParseGrade("grade", in); err == nil || !strings.HasPrefix(parley.ErrorMessage(err), "grade ") {
			t.Errorf("ParseGrade(%q) = %v, want an error naming the field", in, err)
		}
	}
}

func TestValidGradeNamesTheField(t *testing.T) {
	for _, c := range []struct {
		r     string
		c     int
		field string
	}{{"G", 2, "reliability:"}, {"", 2, "reliability:"}, {"B", 0, "credibility:"}, {"B", 7, "credibility:"}} {
		if err := parley.ValidGrade(c.r, c.c); err == nil || !strings.HasPrefix(parley.ErrorMessage(err), c.field) {
			t.Errorf("ValidGrade(%q, %d) = %v, want an error naming %s", c.r, c.c, err, c.field)
		}
	}
	if err := parley.ValidGrade("A", 1); err != nil {
		t.Error(err)
	}
}

// Who may write what: the rules beside the domain types, one table.
func TestWriteRules(t *testing.T) {
	owner := &parley.Member{Role: parley.RoleOwner}
	mediator := &parley.Member{Role: parley.RoleMediator}
	ua := &parley.Member{Role: parley.RoleDelegate, PartyID: 1}
	observer := &parley.Member{Role: parley.RoleObserver}
	for _, c := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"owner adds a source", parley.MayAddSource(owner), true},
		{"delegate adds a source", parley.MayAddSource(ua), true},
		{"observer adds a source", parley.MayAddSource(observer), false},
		{"nobody adds a source", parley.MayAddSource(nil), false},
		{"mediator grades", parley.MayGradeSource(mediator), true},
		{"delegate grades", parley.MayGradeSource(ua), false},
		{"mediator adds an event", parley.MayAddEvent(mediator), true},
		{"delegate adds an event", parley.MayAddEvent(ua), false},
		{"owner adds an issue", parley.MayAddIssue(owner), true},
		{"observer adds an issue", parley.MayAddIssue(observer), false},
		{"delegate, own position", parley.MayRecordPosition(ua, 1), true},
		{"delegate, other position", parley.MayRecordPosition(ua, 2), false},
		{"mediator, position", parley.MayRecordPosition(mediator, 1), false},
		{"delegate, own understanding", parley.MayRecordUnderstanding(ua, 1), true},
		{"delegate, other understanding", parley.MayRecordUnderstanding(ua, 2), false},
		{"owner, understanding", parley.MayRecordUnderstanding(owner, 1), false},
		{"owner manages members", parley.MayManageMembers(owner), true},
		{"mediator manages members", parley.MayManageMembers(mediator), false},
	} {
		if (c.err == nil) != c.ok {
			t.Errorf("%s: %v, want allowed %v", c.name, c.err, c.ok)
		}
		if c.err != nil && parley.ErrorCode(c.err) != parley.EFORBIDDEN {
			t.Errorf("%s: code %s, want %s", c.name, parley.ErrorCode(c.err), parley.EFORBIDDEN)
		}
	}
	members := []*parley.Member{{UserID: 1, Role: parley.RoleOwner}, {UserID: 2, Role: parley.RoleMediator}}
	if err := parley.KeepsAnOwner(members, 1, parley.RoleMediator); parley.ErrorCode(err) != parley.ECONFLICT {
		t.Errorf("demoting the last owner: %v, want a conflict", err)
	}
	if err := parley.KeepsAnOwner(members, 1, ""); parley.ErrorCode(err) != parley.ECONFLICT {
		t.Errorf("removing the last owner: %v, want a conflict", err)
	}
	if err := parley.KeepsAnOwner(members, 2, ""); err != nil {
		t.Errorf("removing a mediator: %v", err)
	}
	if err := parley.KeepsAnOwner(append(members, &parley.Member{UserID: 3, Role: parley.RoleOwner}), 1, parley.RoleObserver); err != nil {
		t.Errorf("demoting one of two owners: %v", err)
	}
}
