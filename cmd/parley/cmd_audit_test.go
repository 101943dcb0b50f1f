package main

import (
	"context"
	"strings"
	"testing"

	"parley"
	"parley/sqlite"
)

// parley audit shows the log as an owner sees it, or as a member with
// --as: reservations a party keeps to itself only to that party.
func TestAuditCommand(t *testing.T) {
	c := newCLI(t)
	c.ok("demo")
	const title = "Ending the war in Ukraine (2025)"
	ctx := context.Background()
	store, err := sqlite.Open(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	n, err := store.FindNegotiationByTitle(ctx, title)
	if err != nil {
		t.Fatal(err)
	}
	positions, err := store.ListPositions(ctx, parley.PositionFilter{NegotiationID: n.ID})
	if err != nil {
		t.Fatal(err)
	}
	ua, err := store.FindParty(ctx, n.ID, "UA")
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	secret := map[int64]bool{} // positions whose reservation only their party sees
	uaSecret := 0
	for _, p := range positions {
		if p.Reservation != nil && p.ReservationVisibility == parley.VisibilityParty {
			secret[p.ID] = true
			if p.PartyID == ua.ID {
				uaSecret++
			}
		}
	}
	if len(secret) == 0 || uaSecret == 0 {
		t.Fatal("the demo has no confidential reservation of UA's to test with")
	}
	type entry struct {
		Object   string
		ObjectID int64 `json:"object_id"`
		After    map[string]any
	}
	shown := func(entries []entry) (others, own int) {
		for _, e := range entries {
			if e.Object == "position" && secret[e.ObjectID] && e.After != nil && e.After["reservation"] != nil {
				if int64(e.After["party_id"].(float64)) == ua.ID {
					own++
				} else {
					others++
				}
			}
		}
		return others, own
	}
	var asOwner []entry
	c.jsonOf(&asOwner, "audit", title)
	if len(asOwner) == 0 {
		t.Fatal("empty audit log")
	}
	if others, own := shown(asOwner); others+own != 0 {
		t.Fatalf("the owner's view shows %d confidential reservations", others+own)
	}
	if _, _, code := c.runWithStdin("tundra kettle orbit\n", "user", "add", "kyiv"); code != 0 {
		t.Fatal("add")
	}
	if _, errOut, code := c.run("audit", title, "--as", "kyiv"); code != 2 || !strings.Contains(errOut, "not a member") {
		t.Fatalf("--as a non-member: %d %s", code, errOut)
	}
	c.ok("user", "grant", "kyiv", "--negotiation", title, "--role", "delegate", "--party", "UA")
	var asUA []entry
	c.jsonOf(&asUA, "audit", title, "--as", "kyiv")
	if others, own := shown(asUA); others != 0 || own == 0 {
		t.Fatalf("UA's delegate sees %d of other parties' confidential reservations and %d of UA's own, want 0 and some", others, own)
	}
	if out := c.ok("audit", title); !strings.Contains(out, "position") || !strings.Contains(out, "redacted") {
		t.Fatalf("text output:\n%.600s", out)
	}
}
