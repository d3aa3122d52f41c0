package audit

import (
	"context"
	"sync"
	"time"
)

// sharedReads lets the requests of one pool share their reads of the latest
// change. Every kept page reads it once per request, which was a quarter of
// a kept page's CPU on SQLite (and a round trip on PostgreSQL); under 64
// connections most of those reads ran side by side and found the same row.
//
// A request never takes a read that began before it arrived: that read
// could miss a change committed just before the request, such as the
// user's own write that the request follows. So a request that arrives
// while a read is under way waits for the next read, which starts when the
// current one ends, and shares it with every request that arrived
// meanwhile. At most one read per pool runs at a time; a request waits for
// at most two.
type sharedReads struct {
	mu      sync.Mutex
	running bool
	next    *readRound // the read that requests arrived during the running one wait for
}

// readRound is one read shared by the requests that wait for it; done is
// closed when change and err are set.
type readRound struct {
	done   chan struct{}
	change Change
	err    error
}

// sharedReadTimeout bounds a read made for waiting requests, which runs
// under none of their contexts (each of them may leave without ending it).
const sharedReadTimeout = 10 * time.Second

// latest returns what read gives in a read that began after the call.
func (s *sharedReads) latest(ctx context.Context, read func(context.Context) (Change, error)) (Change, error) {
	s.mu.Lock()
	if !s.running {
		s.running = true
		s.mu.Unlock()
		change, err := read(ctx)
		s.startNext(read)
		return change, err
	}
	r := s.next
	if r == nil {
		r = &readRound{done: make(chan struct{})}
		s.next = r
	}
	s.mu.Unlock()
	select {
	case <-r.done:
		return r.change, r.err
	case <-ctx.Done():
		return Change{}, ctx.Err()
	}
}

// startNext starts the read that requests arrived during the last one wait
// for, if any; otherwise no read is running any more.
func (s *sharedReads) startNext(read func(context.Context) (Change, error)) {
	s.mu.Lock()
	r := s.next
	s.next = nil
	if r == nil {
		s.running = false
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), sharedReadTimeout)
		r.change, r.err = read(ctx)
		cancel()
		close(r.done)
		s.startNext(read)
	}()
}
