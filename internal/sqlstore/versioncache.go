package sqlstore

import (
	"slices"
	"sync"

	"parley"
)

// versionCacheSize bounds the versions whose contents are kept.
const versionCacheSize = 256

// versionCache keeps the part of a version that never changes once
// stored, its body, text and points, so that pages that show a version
// read its metadata (which can change, with its revision) and not the
// rest. Nothing in parley changes or deletes the points of a stored
// version; an entry is also keyed by the text's hash, so that a version
// row replaced behind parley's back is read again.
type versionCache struct {
	mu      sync.Mutex
	entries map[int64]*versionContent
}

type versionContent struct {
	textHash string
	body     []byte
	text     string
	points   []parley.Point
}

func newVersionCache() *versionCache {
	return &versionCache{entries: map[int64]*versionContent{}}
}

// fill sets v's body, text and points from the cache, if it has them, and
// reports whether it did. v gets copies: callers may change what they get.
func (c *versionCache) fill(v *parley.Version) bool {
	c.mu.Lock()
	e := c.entries[v.ID]
	c.mu.Unlock()
	if e == nil || e.textHash != v.TextHash {
		return false
	}
	v.Body, v.Text = slices.Clone(e.body), e.text
	v.Points = make([]parley.Point, len(e.points))
	for i, p := range e.points {
		p.Path, p.Tags = slices.Clone(p.Path), slices.Clone(p.Tags)
		v.Points[i] = p
	}
	return true
}

// keep stores copies of v's body, text and points.
func (c *versionCache) keep(v *parley.Version) {
	e := &versionContent{textHash: v.TextHash, body: slices.Clone(v.Body), text: v.Text, points: make([]parley.Point, len(v.Points))}
	for i, p := range v.Points {
		p.Path, p.Tags = slices.Clone(p.Path), slices.Clone(p.Tags)
		e.points[i] = p
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= versionCacheSize {
		c.entries = map[int64]*versionContent{}
	}
	c.entries[v.ID] = e
}
