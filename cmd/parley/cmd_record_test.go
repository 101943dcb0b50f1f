package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"parley"
	"parley/record"
	"parley/sqlite"
)

// demoVersionIDs returns the ids of the demo's versions by label.
func demoVersionIDs(t *testing.T, c *cli) map[string]string {
	t.Helper()
	var list struct {
		Negotiations []struct {
			Versions []struct {
				ID    int64
				Label string
			}
		}
	}
	c.jsonOf(&list, "list")
	ids := map[string]string{}
	for _, v := range list.Negotiations[0].Versions {
		ids[v.Label] = strconv.FormatInt(v.ID, 10)
	}
	return ids
}

// execSQL changes the test database behind parley's back, as someone with
// the file could.
func execSQL(t *testing.T, c *cli, query string, args ...any) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	res, err := store.SQL().Exec(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s changed nothing", query)
	}
}

func TestRecordAddEndorseCheck(t *testing.T) {
	c, plan := demoCLI(t)
	ids := demoVersionIDs(t, c)
	april := ids["April 2025 envoy proposal (outline)"]
	pass := writePassphrase(t, "a passphrase for the record")

	if out := c.ok("record", "check"); !strings.Contains(out, "no negotiation has a record yet") {
		t.Fatalf("check of an empty record:\n%s", out)
	}
	out, errOut, code := c.run("record", "add", plan, "--passphrase-file", pass)
	if code != 0 || !strings.Contains(out, `recorded version `+plan+` ("28-point plan")`) || !strings.Contains(out, "index 0, tree size 1, root ") {
		t.Fatalf("record add: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "made the record key of negotiation 1") {
		t.Fatalf("the first recording does not say it made the record key:\n%s", errOut)
	}
	var added recordedJSON
	c.jsonOf(&added, "record", "add", april, "--passphrase-file", pass)
	if added.Index != 1 || added.TreeSize != 2 || added.Kind != parley.LeafVersion || len(added.Root) != 44 {
		t.Fatalf("record add --format json = %+v", added)
	}
	out = c.ok("record", "endorse", plan, "--party", "RU", "--passphrase-file", pass)
	if !strings.Contains(out, "endorsement of version "+plan+` ("28-point plan") by Russia`) || !strings.Contains(out, "index 2, tree size 3") {
		t.Fatalf("record endorse:\n%s", out)
	}
	var endorsed recordedJSON
	c.jsonOf(&endorsed, "record", "endorse", plan, "--party", "United States", "--passphrase-file", pass)
	if endorsed.Index != 3 || endorsed.Party != "United States" || endorsed.Kind != parley.LeafEndorsement {
		t.Fatalf("record endorse --format json = %+v", endorsed)
	}

	out = c.ok("record", "check")
	if !strings.Contains(out, "4 leaves (2 versions, 2 endorsements) and 4 checkpoints hold; tree size 4") || !strings.Contains(out, endorsed.Root) {
		t.Fatalf("record check:\n%s", out)
	}
	c.ok("record", "check", "--negotiation", "Ending the war in Ukraine (2025)")
	var leaves []leafJSON
	c.jsonOf(&leaves, "record", "list", "--negotiation", "1")
	if len(leaves) != 4 || leaves[0].Label != "28-point plan" || leaves[3].Party != "United States" {
		t.Fatalf("record list = %+v", leaves)
	}

	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"recorded twice", []string{"record", "add", plan, "--passphrase-file", pass}, 1, `version ` + plan + ` ("28-point plan") is already in the record of negotiation 1 (leaf 0)`},
		{"endorsed twice", []string{"record", "endorse", plan, "--party", "RU", "--passphrase-file", pass}, 1, "Russia has already endorsed version " + plan},
		{"endorse unrecorded", []string{"record", "endorse", ids["European counter-proposal"], "--party", "E3", "--passphrase-file", pass}, 2, "is not in the record"},
		{"unknown version", []string{"record", "add", "999", "--passphrase-file", pass}, 1, "version 999: not found"},
		{"unknown party", []string{"record", "endorse", plan, "--party", "Atlantis", "--passphrase-file", pass}, 1, `party "Atlantis": not found`},
		{"no party", []string{"record", "endorse", plan, "--passphrase-file", pass}, 2, "--party is required"},
		{"not a version", []string{"record", "add", "plan", "--passphrase-file", pass}, 2, "not a version id"},
		{"proof of unrecorded", []string{"record", "proof", ids["European counter-proposal"]}, 1, "is not in the record"},
		{"list without negotiation", []string{"record", "list"}, 2, "--negotiation is required"},
		{"no action", []string{"record"}, 2, "want add, endorse, check, checkpoint, proof or list"},
		{"checkpoint without negotiation", []string{"record", "checkpoint"}, 2, "--negotiation is required"},
		{"key without against", []string{"record", "check", "--key", "x"}, 2, "--key goes with --against"},
		{"against a missing file", []string{"record", "check", "--against", "/nonexistent/saved.checkpoint"}, 2, "cannot read the checkpoint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := c.run(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	// The refused recordings left the log as it was.
	if out := c.ok("record", "check"); !strings.Contains(out, "tree size 4") {
		t.Fatalf("after refused recordings:\n%s", out)
	}
	// What the leaf records of a version is fixed now.
	store, err := sqlite.Open(context.Background(), c.db)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseInt(plan, 10, 64)
	v, err := store.FindVersionByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	v.Status = parley.StatusAgreed
	if err := store.UpdateVersion(context.Background(), v); parley.ErrorCode(err) != parley.ECONFLICT {
		t.Fatalf("changing the status of a recorded version: %v, want a conflict", err)
	}
	store.Close()
}

func TestRecordCheckFindsAlteredText(t *testing.T) {
	c, plan := demoCLI(t)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", plan, "--passphrase-file", pass)
	c.ok("record", "endorse", plan, "--party", "UA", "--passphrase-file", pass)
	c.ok("record", "check")

	execSQL(t, c, `UPDATE versions SET text = replace(text, '600,000', '650,000') WHERE id = ?`, plan)
	_, errOut, code := c.run("record", "check")
	want := `version ` + plan + ` ("28-point plan"): stored text no longer matches the recorded hash`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("record check after the text changed: exit %d, stderr %q; want exit 1 and %q", code, errOut, want)
	}
	execSQL(t, c, `UPDATE versions SET text = replace(text, '650,000', '600,000') WHERE id = ?`, plan)
	c.ok("record", "check")

	execSQL(t, c, `UPDATE points SET text = 'The armed forces of Ukraine are not limited.' WHERE version_id = ? AND text LIKE '%600,000%'`, plan)
	if _, errOut, code := c.run("record", "check"); code != 1 || !strings.Contains(errOut, `("28-point plan"): stored points no longer match`) {
		t.Fatalf("record check after a point changed: exit %d, stderr %q", code, errOut)
	}
}

func TestRecordCheckFindsAlteredLog(t *testing.T) {
	c, plan := demoCLI(t)
	ids := demoVersionIDs(t, c)
	pass := writePassphrase(t, "a passphrase for the record")
	c.ok("record", "add", plan, "--passphrase-file", pass)
	c.ok("record", "add", ids["April 2025 envoy proposal (outline)"], "--passphrase-file", pass)
	c.ok("record", "endorse", plan, "--party", "US", "--passphrase-file", pass)

	// The log is append-only in the database too.
	store, err := sqlite.Open(context.Background(), c.db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.SQL().Exec(`UPDATE record_leaves SET leaf = ? WHERE leaf_index = 1`, []byte("forged"))
	store.Close()
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("updating a leaf: %v, want the append-only trigger to refuse it", err)
	}

	// A lost leaf: the check fails, and nothing more is signed over it.
	execSQL(t, c, `DELETE FROM record_leaves WHERE leaf_index = 2`)
	if _, errOut, code := c.run("record", "check"); code != 1 || !strings.Contains(errOut, "beyond the log's 2 leaves") {
		t.Fatalf("record check after a leaf was deleted: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code := c.run("record", "add", ids["European counter-proposal"], "--passphrase-file", pass); code != 1 || !strings.Contains(errOut, "is damaged: its last checkpoint covers 3 leaves, the log has 2") {
		t.Fatalf("record add over a damaged log: exit %d, stderr %q", code, errOut)
	}
	// A lost checkpoint.
	execSQL(t, c, `DELETE FROM record_checkpoints WHERE tree_size IN (1, 3)`)
	if _, errOut, code := c.run("record", "check"); code != 1 || !strings.Contains(errOut, "the checkpoint of tree size 1 is missing") {
		t.Fatalf("record check after a checkpoint was deleted: exit %d, stderr %q", code, errOut)
	}
}

func TestRecordWrongPassphrase(t *testing.T) {
	c, plan := demoCLI(t)
	ids := demoVersionIDs(t, c)
	t.Setenv("PARLEY_KEY_PASSPHRASE", "the right one")
	c.ok("record", "add", plan)
	c.ok("record", "endorse", plan, "--party", "UA")

	wrong := writePassphrase(t, "the wrong one")
	for _, args := range [][]string{
		{"record", "add", ids["April 2025 envoy proposal (outline)"], "--passphrase-file", wrong},
		{"record", "endorse", plan, "--party", "US", "--passphrase-file", wrong},
	} {
		_, errOut, code := c.run(args...)
		if code != 1 || !strings.Contains(errOut, "the record key of negotiation 1") || !strings.Contains(errOut, "passphrase does not open the sealed key") {
			t.Fatalf("%v: exit %d, stderr %q; want exit 1 naming the key and the passphrase", args, code, errOut)
		}
	}
	t.Setenv("PARLEY_KEY_PASSPHRASE", "")
	if _, errOut, code := c.run("record", "add", ids["April 2025 envoy proposal (outline)"]); code != 2 || !strings.Contains(errOut, "PARLEY_KEY_PASSPHRASE") {
		t.Fatalf("no passphrase: exit %d, stderr %q", code, errOut)
	}
	// Nothing was written by the refused recordings.
	if out := c.ok("record", "check"); !strings.Contains(out, "2 leaves") {
		t.Fatalf("after refused recordings:\n%s", out)
	}
}

// Recordings that start at once on a new record all make or share one
// record key, and each gets its own index.
func TestRecordConcurrentFirstUse(t *testing.T) {
	c, _ := demoCLI(t)
	ids := demoVersionIDs(t, c)
	pass := writePassphrase(t, "a passphrase for the record")
	var wg sync.WaitGroup
	errs := map[string]string{}
	var mu sync.Mutex
	for label, id := range ids {
		wg.Go(func() {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{"record", "add", id, "--passphrase-file", pass, "--db", c.db}, strings.NewReader(""), &stdout, &stderr)
			if err != nil {
				mu.Lock()
				errs[label] = message(err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("concurrent recordings failed: %v", errs)
	}
	if out := c.ok("record", "check"); !strings.Contains(out, fmt.Sprintf("%d leaves (%d versions, 0 endorsements)", len(ids), len(ids))) {
		t.Fatalf("record check:\n%s", out)
	}
	var keys []keyJSON
	c.jsonOf(&keys, "keys", "list", "--negotiation", "1")
	if len(keys) != 1 {
		t.Fatalf("%d keys after concurrent first use, want one record key", len(keys))
	}
}

// The crash test runs a burst of concurrent recordings in a child process
// (this test binary run again), kills it with SIGKILL at a random moment,
// and checks that the record still holds and that every recording the
// child acknowledged is in it. The child acknowledges a recording by
// appending a line to a side file once the recording has returned, that
// is after its transaction committed.
const (
	envRecordCrashDB   = "PARLEY_RECORD_CRASH_DB"
	envRecordCrashAcks = "PARLEY_RECORD_CRASH_ACKS"
	envRecordCrashPass = "PARLEY_RECORD_CRASH_PASSPHRASE"
)

// crashEndorsers endorse every version in the burst.
var crashEndorsers = []string{"US", "RU", "UA"}

func TestRecordCrashChild(t *testing.T) {
	path := os.Getenv(envRecordCrashDB)
	if path == "" {
		t.Skip("only runs as the child of TestRecordSurvivesKill")
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	acks, err := os.OpenFile(os.Getenv(envRecordCrashAcks), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	pass := []byte(os.Getenv(envRecordCrashPass))
	negotiations, err := store.ListNegotiations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := negotiations[0]
	key, err := store.FindRecordKey(ctx, n.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	skey, err := record.OpenLogKey(n, key, pass)
	if err != nil {
		t.Fatal(err)
	}
	type endorser struct {
		party   *parley.Party
		private ed25519.PrivateKey
	}
	var endorsers []endorser
	for _, code := range crashEndorsers {
		p, err := store.FindParty(ctx, n.ID, code)
		if err != nil {
			t.Fatal(err)
		}
		k, err := store.FindRecordKey(ctx, n.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		private, err := record.OpenPartyKey(n, p, k, pass)
		if err != nil {
			t.Fatal(err)
		}
		endorsers = append(endorsers, endorser{p, private})
	}
	versions, err := store.ListVersions(ctx, parley.VersionFilter{NegotiationID: n.ID})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("burst")
	var mu sync.Mutex
	ack := func(line string) {
		mu.Lock()
		defer mu.Unlock()
		if _, err := acks.WriteString(line + "\n"); err != nil {
			t.Error(err)
		}
	}
	var wg sync.WaitGroup
	for _, listed := range versions {
		wg.Go(func() {
			vc, err := record.LoadTarget(ctx, store, listed.ID)
			if err != nil {
				t.Error(err)
				return
			}
			if _, _, _, err := record.AppendVersion(ctx, store, vc, key, skey); err != nil {
				t.Error(err)
				return
			}
			ack(fmt.Sprintf("version %d 0", vc.Version.ID))
			for _, en := range endorsers {
				if _, _, _, err := record.AppendEndorsement(ctx, store, vc, en.party, en.private, key, skey); err != nil {
					t.Error(err)
					return
				}
				ack(fmt.Sprintf("endorsement %d %d", vc.Version.ID, en.party.ID))
			}
		})
	}
	wg.Wait()
	fmt.Println("done")
}

func TestRecordSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes a while")
	}
	const rounds = 20
	c, _ := demoCLI(t)
	pass := "a passphrase for the crash test"
	passFile := writePassphrase(t, pass)
	c.ok("keys", "generate", "--negotiation", "1", "--passphrase-file", passFile)
	for _, code := range crashEndorsers {
		c.ok("keys", "generate", "--negotiation", "1", "--party", code, "--passphrase-file", passFile)
	}
	template, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.db + "-wal"); err == nil {
		t.Fatal("the template database still has a WAL file: a store was left open")
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	dir := t.TempDir()
	var burst time.Duration
	var killed, finished, acknowledged, committed int
	// Round 0 runs the burst to its end and times it, so that the kills of
	// the other rounds fall within a burst on this machine. A round whose
	// burst ends before its kill does not count towards the rounds killed;
	// at most twice as many rounds are run.
	round := 0
	for ; round == 0 || (killed < rounds && round <= 2*rounds); round++ {
		db := filepath.Join(dir, fmt.Sprintf("round-%d.db", round))
		if err := os.WriteFile(db, template, 0o644); err != nil {
			t.Fatal(err)
		}
		acksPath := db + ".acks"
		cmd := exec.Command(os.Args[0], "-test.run=^TestRecordCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envRecordCrashDB+"="+db, envRecordCrashAcks+"="+acksPath, envRecordCrashPass+"="+pass)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		out := bufio.NewReader(stdout)
		var seen strings.Builder
		for !strings.Contains(seen.String(), "burst\n") {
			line, err := out.ReadString('\n')
			seen.WriteString(line)
			if err != nil {
				cmd.Wait()
				t.Fatalf("round %d: the child stopped before its burst: %v\n%s%s", round, err, seen.String(), stderr.String())
			}
		}
		start := time.Now()
		var timer *time.Timer
		if round > 0 {
			delay := time.Duration(rng.Int64N(int64(burst) * 3 / 4))
			timer = time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		io.Copy(&seen, out)
		err = cmd.Wait()
		if timer != nil {
			timer.Stop()
		}
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL:
			killed++
		case err != nil:
			t.Fatalf("round %d: the child failed: %v\n%s%s", round, err, seen.String(), stderr.String())
		case round == 0:
			burst = time.Since(start)
		default:
			finished++
		}

		// The record holds, and every acknowledged recording is in it.
		after := &cli{tb: t, db: db}
		if out, errOut, code := after.run("record", "check"); code != 0 {
			t.Fatalf("round %d: record check after the kill: exit %d\n%s%s", round, code, out, errOut)
		}
		store, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		var integrity string
		if err := store.SQL().QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", round, integrity, err)
		}
		leaves, err := store.ListRecordLeaves(context.Background(), 1)
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		inLog := map[string]bool{}
		for _, l := range leaves {
			inLog[fmt.Sprintf("%s %d %d", l.Kind, l.VersionID, l.PartyID)] = true
		}
		acks, err := os.ReadFile(acksPath)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		var lines []string
		for line := range strings.Lines(string(acks)) {
			lines = append(lines, strings.TrimSuffix(line, "\n"))
		}
		for _, line := range lines {
			if !inLog[line] {
				t.Errorf("round %d: the child acknowledged %q, which is not in the log", round, line)
			}
		}
		if round == 0 && len(leaves) != len(demoVersionIDs(t, after))*(1+len(crashEndorsers)) {
			t.Fatalf("the uninterrupted burst recorded %d leaves", len(leaves))
		}
		if round > 0 {
			acknowledged += len(lines)
			committed += len(leaves)
		}
	}
	t.Logf("uninterrupted burst: %d recordings in %v; %d rounds after it: %d killed, %d finished before the kill; %d recordings acknowledged, %d committed, lost 0",
		len(demoVersionIDs(t, c))*(1+len(crashEndorsers)), burst.Round(time.Millisecond), round-1, killed, finished, acknowledged, committed)
}
