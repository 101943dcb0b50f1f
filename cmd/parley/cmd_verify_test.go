package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// recordedDemo loads the demo, records the 28-point plan and the April
// outline, has Russia and Ukraine endorse the plan, and returns the CLI,
// the plan's id and the log's verifier key.
func recordedDemo(t *testing.T) (*cli, string, string) {
	t.Helper()
	c, plan := demoCLI(t)
	ids := demoVersionIDs(t, c)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", ids["April 2025 envoy proposal (outline)"], "--passphrase-file", pass)
	c.ok("record", "add", plan, "--passphrase-file", pass)
	c.ok("record", "endorse", plan, "--party", "RU", "--passphrase-file", pass)
	c.ok("record", "endorse", plan, "--party", "UA", "--passphrase-file", pass)
	return c, plan, strings.TrimSpace(c.ok("keys", "export", "--negotiation", "1"))
}

// writeTemp writes a file in the test's temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// verifyAnswer runs "parley verify FILE --format json" and decodes the
// answer, whatever the exit status.
func verifyAnswer(t *testing.T, c *cli, file string) (map[string]any, verifyJSON, int) {
	t.Helper()
	out, errOut, code := c.run("verify", file, "--format", "json")
	var raw map[string]any
	var answer verifyJSON
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("verify %s: not JSON (exit %d): %v\n%s%s", file, code, err, out, errOut)
	}
	if err := json.Unmarshal([]byte(out), &answer); err != nil {
		t.Fatal(err)
	}
	return raw, answer, code
}

func TestVerifyExactWithOfflineProof(t *testing.T) {
	c, plan, vkey := recordedDemo(t)
	exported := writeTemp(t, "plan.txt", c.ok("export", plan, "--format", "text"))

	raw, answer, code := verifyAnswer(t, c, exported)
	if code != 0 || answer.Match != "exact" || answer.Version == nil || answer.Version.Label != "28-point plan" ||
		answer.Version.Negotiation != "Ending the war in Ukraine (2025)" || answer.Similarity != 1 || answer.Proof == nil || len(answer.Differences) != 0 {
		t.Fatalf("verify of the exported plan: exit %d, %+v", code, answer)
	}
	keys := []string{}
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, " ") != "differences match proof similarity version" {
		t.Fatalf("answer has the fields %v", keys)
	}
	if out := c.ok("verify", exported); !strings.HasPrefix(out, "exact: ") || !strings.Contains(out, `("28-point plan")`) {
		t.Fatalf("text verdict:\n%s", out)
	}
	// The same text with Windows line ends and a byte order mark is the
	// same text once normalised.
	crlf := writeTemp(t, "plan-crlf.txt", "\ufeff"+strings.ReplaceAll(c.ok("export", plan), "\n", "\r\n"))
	if _, answer, code := verifyAnswer(t, c, crlf); code != 0 || answer.Match != "exact" {
		t.Fatalf("verify of the plan with CRLF: exit %d, %+v", code, answer)
	}

	// The proof in the answer is the one "record proof" writes, and it
	// verifies offline, with no database.
	proofFile := filepath.Join(t.TempDir(), "plan.proof")
	c.ok("record", "proof", plan, "--output", proofFile)
	written, err := os.ReadFile(proofFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != *answer.Proof {
		t.Fatalf("the proof in the answer differs from record proof's")
	}
	keyFile := writeTemp(t, "log.vkey", vkey+"\n")
	offline := &cli{tb: t, db: filepath.Join(t.TempDir(), "absent", "no.db")}
	for _, key := range []string{vkey, "@" + keyFile} {
		out := offline.ok("verify", "--proof", proofFile, "--key", key, exported)
		if !strings.HasPrefix(out, "valid: ") || !strings.Contains(out, `("28-point plan")`) || !strings.Contains(out, "endorsed by Russia") || !strings.Contains(out, "endorsed by Ukraine") {
			t.Fatalf("offline verify:\n%s", out)
		}
	}
	if _, err := os.Stat(filepath.Dir(offline.db)); !os.IsNotExist(err) {
		t.Fatal("the offline check touched a database")
	}
	var valid offlineJSON
	offline.jsonOf(&valid, "verify", "--proof", proofFile, "--key", vkey, exported)
	if !valid.Valid || valid.Version.Label != "28-point plan" || len(valid.Endorsements) != 2 || valid.TreeSize != 4 || valid.Index != 1 {
		t.Fatalf("offline verify --format json = %+v", valid)
	}

	// What does not hold, offline.
	changed := writeTemp(t, "plan-650.txt", strings.Replace(c.ok("export", plan), "600,000", "650,000", 1))
	tampered := writeTemp(t, "tampered.proof", strings.Replace(string(written), "status proposal", "status signed", 1))
	otherLog := strings.TrimSpace(recordedKey(t))
	for _, tt := range []struct {
		name, proof, key, text, want string
	}{
		{"changed text", proofFile, vkey, changed, "is not the text of version " + plan},
		{"tampered proof", tampered, vkey, exported, "does not hold"},
		{"truncated proof", writeTemp(t, "short.proof", string(written[:len(written)/2])), vkey, exported, "is malformed"},
		{"another log's key", proofFile, otherLog, exported, "checkpoint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := offline.run("verify", "--proof", tt.proof, "--key", tt.key, tt.text)
			if code != 1 || !strings.Contains(errOut, "not valid: ") || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errOut, tt.want)
			}
		})
	}
	var invalid offlineJSON
	out, _, code := offline.run("verify", "--proof", tampered, "--key", vkey, exported, "--format", "json")
	if err := json.Unmarshal([]byte(out), &invalid); err != nil || code != 1 || invalid.Valid || invalid.Reason == "" {
		t.Fatalf("offline verify of a tampered proof, JSON: exit %d, %q", code, out)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no key", []string{"verify", "--proof", proofFile, exported}, "--proof needs --key"},
		{"bad key", []string{"verify", "--proof", proofFile, "--key", "not-a-key", exported}, "is not a verifier key"},
		{"missing proof", []string{"verify", "--proof", filepath.Join(t.TempDir(), "none.proof"), "--key", vkey, exported}, "cannot read the proof"},
		{"missing text", []string{"verify", "--proof", proofFile, "--key", vkey, filepath.Join(t.TempDir(), "none.txt")}, "cannot read"},
		{"key without proof", []string{"verify", exported, "--key", vkey}, "--key goes with --proof"},
		{"no file", []string{"verify"}, "want one FILE"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := offline.run(tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

// recordedKey returns the verifier key of another database's log.
func recordedKey(t *testing.T) string {
	t.Helper()
	c := newCLI(t)
	c.ok("demo")
	c.ok("keys", "generate", "--negotiation", "1", "--passphrase-file", writePassphrase(t, "another"))
	return c.ok("keys", "export", "--negotiation", "1")
}

func TestVerifyNear(t *testing.T) {
	c, plan, _ := recordedDemo(t)
	text := c.ok("export", plan)
	if !strings.Contains(text, "6. The armed forces of Ukraine are limited to 600,000 personnel.") {
		t.Fatal("the demo's plan no longer caps the army in point 6")
	}
	changed := writeTemp(t, "plan-650.txt", strings.Replace(text, "600,000", "650,000", 1))
	_, answer, code := verifyAnswer(t, c, changed)
	if code != 0 || answer.Match != "near" || answer.Version == nil || answer.Version.Label != "28-point plan" || answer.Proof != nil {
		t.Fatalf("verify of the plan with one number changed: exit %d, %+v", code, answer)
	}
	if answer.Similarity < nearThreshold || answer.Similarity >= 1 {
		t.Fatalf("similarity %v, want near 1 and at least %v", answer.Similarity, nearThreshold)
	}
	if len(answer.Differences) != 1 {
		t.Fatalf("differences = %+v, want the army point only", answer.Differences)
	}
	d := answer.Differences[0]
	if !slices.Equal(d.Path, []string{"6"}) || d.Kind != "reworded" || !strings.Contains(d.Old, "600,000") || !strings.Contains(d.New, "650,000") ||
		!strings.Contains(d.Redline, "[-600-]{+650+}") {
		t.Fatalf("difference = %+v", d)
	}
	out, errOut, code := c.run("verify", changed)
	if code != 0 || !strings.HasPrefix(out, "near: ") || !strings.Contains(out, "  6 (reworded)") || errOut != "" {
		t.Fatalf("text verdict: exit %d\n%s%s", code, out, errOut)
	}
	// --strict is for scripts: anything but an exact match exits 1.
	if _, errOut, code := c.run("verify", changed, "--strict"); code != 1 || !strings.Contains(errOut, "is not a recorded text") {
		t.Fatalf("--strict on a near text: exit %d %s", code, errOut)
	}
}

func TestVerifyNone(t *testing.T) {
	c, _, _ := recordedDemo(t)
	ids := demoVersionIDs(t, c)
	unrelated := writeTemp(t, "lease.txt", `Residential lease

1. The tenant pays the rent on the first day of each month.
2. The landlord repairs the heating within a week of being told.
3. Either side may end the lease with three months' notice.
`)
	noPoints := writeTemp(t, "note.txt", "A short note with no numbered points at all.\n")
	// Another draft of the same talks is another text, not a copy.
	counter := writeTemp(t, "counter.txt", c.ok("export", ids["European counter-proposal"]))
	for _, file := range []string{unrelated, noPoints, counter} {
		raw, answer, code := verifyAnswer(t, c, file)
		if code != 0 || answer.Match != "none" || raw["version"] != nil || raw["proof"] != nil || len(answer.Differences) != 0 {
			t.Fatalf("verify %s: exit %d, %s", filepath.Base(file), code, mustJSON(raw))
		}
		if answer.Similarity >= nearThreshold {
			t.Fatalf("verify %s: similarity %v", filepath.Base(file), answer.Similarity)
		}
	}
	if out, _, _ := c.run("verify", unrelated); !strings.HasPrefix(out, "none: ") {
		t.Fatalf("text verdict:\n%s", out)
	}
	// Without any record, nothing matches.
	empty, plan := demoCLI(t)
	exported := writeTemp(t, "plan.txt", empty.ok("export", plan))
	if out, _, code := empty.run("verify", exported, "--strict"); code != 1 || !strings.Contains(out, "no version is recorded yet") {
		t.Fatalf("verify with no record: exit %d\n%s", code, out)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
