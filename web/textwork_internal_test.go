package web

import (
	"context"
	"errors"
	"testing"
)

// Reading and aligning texts is admitted a few at a time: when every turn
// is taken, a request waits, and gives up when it ends; a turn given back
// admits the next.
func TestAdmitTextBoundsConcurrentWork(t *testing.T) {
	s := &Server{textWork: make(chan struct{}, 2)}
	ctx := context.Background()
	var releases []func()
	for range 2 {
		release, err := s.admitText(ctx)
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, release)
	}
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.admitText(ended); !errors.Is(err, context.Canceled) {
		t.Fatalf("a third text while two are read: %v, want it to wait and give up with its request", err)
	}
	releases[0]()
	if _, err := s.admitText(ctx); err != nil {
		t.Fatalf("after a turn was given back: %v", err)
	}
	if len(s.textWork) != 2 {
		t.Fatalf("%d turns taken, want 2", len(s.textWork))
	}
}
