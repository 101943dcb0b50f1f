package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Editing the original bytes of a recorded version (the body kept exactly
// as received) behind parley's back is caught by record check, which names
// the version.
func TestRecordCheckSeesAlteredBody(t *testing.T) {
	c, plan := demoCLI(t)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", plan, "--passphrase-file", pass)
	var held struct {
		Records []struct {
			Holds    bool
			Versions int
			TreeSize int `json:"tree_size"`
		}
	}
	c.jsonOf(&held, "record", "check")
	if len(held.Records) != 1 || !held.Records[0].Holds || held.Records[0].Versions != 1 || held.Records[0].TreeSize != 1 {
		t.Fatalf("record check --format json: %+v", held)
	}
	execSQL(t, c, `UPDATE versions SET body = CAST(body AS BLOB) || X'0A' WHERE id = ?`, plan)
	out, errOut, code := c.run("record", "check")
	if code != 1 || !strings.Contains(errOut, "version "+plan+` ("28-point plan")`) || !strings.Contains(errOut, "original bytes") {
		t.Fatalf("record check after the body was edited: exit %d\n%s%s", code, out, errOut)
	}
}

// A record deleted or cut short is caught against a checkpoint saved
// earlier: record check --against FILE checks the saved checkpoint's
// signature and that the log now holds it (the same tree or a larger one
// consistent with it).
func TestRecordCheckAgainstSavedCheckpoint(t *testing.T) {
	c, plan := demoCLI(t)
	ids := demoVersionIDs(t, c)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", ids["April 2025 envoy proposal (outline)"], "--passphrase-file", pass)
	c.ok("record", "add", plan, "--passphrase-file", pass)
	saved := filepath.Join(t.TempDir(), "record.checkpoint")
	c.ok("record", "checkpoint", "--negotiation", "1", "--output", saved)
	vkey := filepath.Join(t.TempDir(), "log.vkey")
	if err := os.WriteFile(vkey, []byte(c.ok("keys", "export", "--negotiation", "1")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := c.ok("record", "check", "--against", saved); !strings.Contains(out, "holds the saved checkpoint") {
		t.Fatalf("check against the current checkpoint:\n%s", out)
	}
	c.ok("record", "endorse", plan, "--party", "US", "--passphrase-file", pass)
	if out := c.ok("record", "check", "--against", saved, "--key", "@"+vkey); !strings.Contains(out, "holds the saved checkpoint (tree size 2) in its tree of size 3") {
		t.Fatalf("check of a grown log against an older checkpoint:\n%s", out)
	}

	// A forged checkpoint file is refused.
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(t.TempDir(), "forged.checkpoint")
	lines := strings.SplitN(string(b), "\n", 3)
	if err := os.WriteFile(forged, []byte(lines[0]+"\n3\n"+lines[2]), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := c.run("record", "check", "--against", forged); code != 1 || !strings.Contains(errOut, "signature") {
		t.Fatalf("check against a forged checkpoint: exit %d\n%s%s", code, out, errOut)
	}

	// Cut short: the last leaf and its checkpoint deleted. The log that
	// is left is consistent in itself, so only the saved checkpoint tells.
	execSQL(t, c, `DELETE FROM record_checkpoints WHERE tree_size = 3`)
	execSQL(t, c, `DELETE FROM record_leaves WHERE leaf_index = 2`)
	c.ok("record", "check")
	execSQL(t, c, `DELETE FROM record_checkpoints WHERE tree_size = 2`)
	execSQL(t, c, `DELETE FROM record_leaves WHERE leaf_index = 1`)
	c.ok("record", "check")
	if out, errOut, code := c.run("record", "check", "--against", saved); code != 1 || !strings.Contains(errOut, "shorter") {
		t.Fatalf("check of a log cut short: exit %d\n%s%s", code, out, errOut)
	}

	// Deleted: every row of the record, keys included.
	execSQL(t, c, `DELETE FROM record_checkpoints`)
	execSQL(t, c, `DELETE FROM record_leaves`)
	c.ok("record", "check")
	if out, errOut, code := c.run("record", "check", "--against", saved); code != 1 || !strings.Contains(errOut, "gone") {
		t.Fatalf("check of a deleted log: exit %d\n%s%s", code, out, errOut)
	}
	execSQL(t, c, `DELETE FROM record_keys`)
	if out, errOut, code := c.run("record", "check", "--against", saved); code != 1 || !strings.Contains(errOut, "--key") {
		t.Fatalf("check of a deleted log and key without --key: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := c.run("record", "check", "--against", saved, "--key", "@"+vkey); code != 1 || !strings.Contains(errOut, "gone") {
		t.Fatalf("check of a deleted log and key with --key: exit %d\n%s%s", code, out, errOut)
	}
}
