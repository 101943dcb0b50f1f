package storetest

import (
	"context"
	"errors"
	"testing"

	"parley"
)

// testInTx checks that InTx keeps all of a function's writes or none, that
// the function reads its own writes, that a failed write inside does not
// spoil the rest, and that an inner InTx that fails undoes only itself.
func testInTx(t *testing.T, s parley.Store) {
	ctx := context.Background()
	stop := errors.New("stop here")
	err := s.InTx(ctx, func(tx parley.Store) error {
		n := &parley.Negotiation{Title: "Rolled back"}
		must(t, tx.CreateNegotiation(ctx, n))
		must(t, tx.CreateParty(ctx, &parley.Party{NegotiationID: n.ID, Code: "US", Name: "United States", Kind: parley.PartyState}))
		if _, err := tx.FindNegotiationByTitle(ctx, "Rolled back"); err != nil {
			t.Errorf("inside the transaction, its own negotiation: %v", err)
		}
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	_, err = s.FindNegotiationByTitle(ctx, "Rolled back")
	wantCode(t, err, parley.ENOTFOUND)

	var kept *parley.Negotiation
	err = s.InTx(ctx, func(tx parley.Store) error {
		kept = &parley.Negotiation{Title: "Kept"}
		if err := tx.CreateNegotiation(ctx, kept); err != nil {
			return err
		}
		us := &parley.Party{NegotiationID: kept.ID, Code: "US", Name: "United States", Kind: parley.PartyState}
		if err := tx.CreateParty(ctx, us); err != nil {
			return err
		}
		// A duplicate is refused and skipped; the transaction goes on.
		wantCode(t, tx.CreateParty(ctx, &parley.Party{NegotiationID: kept.ID, Code: "US", Name: "United States", Kind: parley.PartyState}), parley.ECONFLICT)
		if err := tx.CreateParty(ctx, &parley.Party{NegotiationID: kept.ID, Code: "RU", Name: "Russia", Kind: parley.PartyState}); err != nil {
			return err
		}
		// An inner transaction that fails undoes its own writes only.
		inner := tx.InTx(ctx, func(tx parley.Store) error {
			must(t, tx.CreateParty(ctx, &parley.Party{NegotiationID: kept.ID, Code: "UA", Name: "Ukraine", Kind: parley.PartyState}))
			return stop
		})
		if !errors.Is(inner, stop) {
			t.Errorf("inner InTx = %v, want the function's error", inner)
		}
		if err := tx.Close(); err == nil {
			t.Error("Close of the transaction's store succeeded; it must leave the database open")
		}
		parties, err := tx.ListParties(ctx, kept.ID)
		if err != nil {
			return err
		}
		if len(parties) != 2 {
			t.Errorf("inside the transaction: %d parties, want 2", len(parties))
		}
		return nil
	})
	must(t, err)
	got, err := s.FindNegotiationByTitle(ctx, "Kept")
	must(t, err)
	parties, err := s.ListParties(ctx, got.ID)
	must(t, err)
	var codes []string
	for _, p := range parties {
		codes = append(codes, p.Code)
	}
	if len(codes) != 2 || codes[0] != "US" || codes[1] != "RU" {
		t.Fatalf("after commit: parties %v, want [US RU]", codes)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("after InTx: %v", err)
	}
}
