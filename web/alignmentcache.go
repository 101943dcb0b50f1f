package web

import (
	"strconv"
	"strings"
	"sync"

	"parley"
)

// alignmentCacheSize bounds what is kept in memory: a few hundred pairs
// of versions is more than people compare in a working session.
const alignmentCacheSize = 1024

// alignmentCache keeps computed alignments, and what pages make of them, in
// memory, by a key that names everything they were computed from (see
// alignmentKey) and a prefix that says what is kept. A value is never
// changed once stored: the handlers that read it share it.
type alignmentCache struct {
	mu      sync.Mutex
	entries map[string]any
}

// alignmentKey names an alignment by everything it is computed from: the
// two versions as stored and the corrections (which are only ever added).
func alignmentKey(old, new *parley.Version, corrections []*parley.Correction) string {
	var b strings.Builder
	for _, n := range []int64{old.ID, old.Revision, new.ID, new.Revision} {
		b.WriteString(strconv.FormatInt(n, 10))
		b.WriteByte('.')
	}
	for _, c := range corrections {
		b.WriteByte('c')
		b.WriteString(strconv.FormatInt(c.ID, 10))
	}
	return b.String()
}

func (c *alignmentCache) get(key string) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[key]
}

func (c *alignmentCache) put(key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= alignmentCacheSize {
		// Starting afresh is simpler than an LRU list and costs one
		// computation per pair in use.
		c.entries = make(map[string]any, alignmentCacheSize)
	}
	c.entries[key] = v
}
