package segment

import (
	"testing"

	"parley"
)

// TestPathSetCollision checks the joined-key fallback of pathSet, which a
// 64-bit hash collision would take: a path whose hash slot another path
// holds is kept, and found, apart from it.
func TestPathSetCollision(t *testing.T) {
	ps := pathSet{byHash: map[uint64]pathCount{}}
	held, other := []string{"1", "a"}, []string{"2", "b"}
	// As if held and other hashed alike: held takes other's slot.
	ps.byHash[parley.PathHash(other)] = pathCount{path: held, n: 1}
	if _, ok := ps.get(other); ok {
		t.Fatalf("other found before it was set")
	}
	ps.set(other, 3)
	if n, ok := ps.get(other); !ok || n != 3 {
		t.Fatalf("other: got %d, %v; want 3, true", n, ok)
	}
	if e := ps.byHash[parley.PathHash(other)]; !sameKey(e.path, held) || e.n != 1 {
		t.Fatalf("the slot's own path changed: %+v", e)
	}
	// Paths whose tokens join into the same key are the same path, as
	// parley.PathKey has it.
	ps.set([]string{"x/y"}, 1)
	if n, ok := ps.get([]string{"x", "y"}); !ok || n != 1 {
		t.Fatalf(`["x" "y"] after ["x/y"]: got %d, %v; want 1, true`, n, ok)
	}
}
