package audit

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// fakeLog stands for the audit log: a read sees the changes committed when
// it begins, then waits to be let through (one read per send on release).
type fakeLog struct {
	commits atomic.Int64
	reads   atomic.Int32
	release chan struct{}
	err     error
}

func newFakeLog() *fakeLog { return &fakeLog{release: make(chan struct{})} }

func (l *fakeLog) read(context.Context) (Change, error) {
	l.reads.Add(1)
	seen := l.commits.Load()
	<-l.release
	return Change{ID: seen}, l.err
}

type latestResult struct {
	change Change
	err    error
}

func latestAsync(s *sharedReads, ctx context.Context, l *fakeLog) chan latestResult {
	out := make(chan latestResult, 1)
	go func() {
		c, err := s.latest(ctx, l.read)
		out <- latestResult{c, err}
	}()
	return out
}

func TestARequestSeesTheChangesCommittedBeforeItAskedAndSharesTheRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s sharedReads
		log := newFakeLog()
		first := latestAsync(&s, t.Context(), log) // its read sees no change
		synctest.Wait()
		log.commits.Store(1) // a user's write commits while that read runs
		var later []chan latestResult
		for range 5 { // the user's next request, and others
			later = append(later, latestAsync(&s, t.Context(), log))
		}
		synctest.Wait()
		if n := log.reads.Load(); n != 1 {
			t.Fatalf("%d reads under way, want 1: the later requests wait for it to end", n)
		}
		log.release <- struct{}{}
		if r := <-first; r.change.ID != 0 {
			t.Fatalf("the first request: %+v", r)
		}
		synctest.Wait()
		log.release <- struct{}{}
		for i, r := range later {
			if got := <-r; got.err != nil || got.change.ID != 1 {
				t.Fatalf("later request %d: %+v, want the committed change 1", i, got)
			}
		}
		if n := log.reads.Load(); n != 2 {
			t.Fatalf("%d reads, want 2: the later requests shared one", n)
		}
		// Nothing runs now: the next request reads at once.
		log.commits.Store(2)
		next := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		log.release <- struct{}{}
		if r := <-next; r.change.ID != 2 || log.reads.Load() != 3 {
			t.Fatalf("the next request: %+v after %d reads", r, log.reads.Load())
		}
	})
}

func TestARequestThatGivesUpLeavesTheSharedReadToTheOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s sharedReads
		log := newFakeLog()
		first := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		impatient, cancel := context.WithCancel(t.Context())
		gaveUp := latestAsync(&s, impatient, log)
		patient := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		cancel()
		if r := <-gaveUp; !errors.Is(r.err, context.Canceled) {
			t.Fatalf("the impatient request: %+v", r)
		}
		log.release <- struct{}{}
		<-first
		log.release <- struct{}{}
		if r := <-patient; r.err != nil {
			t.Fatalf("the patient request: %+v", r)
		}
	})
}

func TestAFailedSharedReadFailsItsRequestsOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s sharedReads
		log := newFakeLog()
		first := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		waiting := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		log.release <- struct{}{}
		<-first
		log.err = errors.New("database gone")
		synctest.Wait()
		log.release <- struct{}{}
		if r := <-waiting; r.err == nil {
			t.Fatalf("the waiting request: %+v, want the read's error", r)
		}
		log.err = nil
		again := latestAsync(&s, t.Context(), log)
		synctest.Wait()
		log.release <- struct{}{}
		if r := <-again; r.err != nil {
			t.Fatalf("after the failure: %+v", r)
		}
	})
}
