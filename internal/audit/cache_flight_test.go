package audit

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// These tests drive Cache.get, past the read of the latest change, inside
// a synctest bubble: synctest.Wait returns once every goroutine is blocked
// (computing behind a channel, or waiting for that computation), and a
// Get that waited where it should not would end the bubble in a deadlock
// rather than a hang.

var (
	before = Change{ID: 1}
	after  = Change{ID: 2}
)

// computer counts its computations, each of which blocks until released
// and then returns value (or err).
type computer struct {
	runs    atomic.Int32
	release chan struct{}
	value   int
	err     error
}

func newComputer(value int) *computer {
	return &computer{release: make(chan struct{}), value: value}
}

func (c *computer) compute() (int, error) {
	c.runs.Add(1)
	<-c.release
	return c.value, c.err
}

// result is what one Get returned.
type result struct {
	value int
	err   error
}

// getAsync starts a Get and returns where its result will be.
func getAsync(c *Cache[string, int], ctx context.Context, change Change, key string, compute func() (int, error)) chan result {
	out := make(chan result, 1)
	go func() {
		v, err := c.get(ctx, change, key, touchedByAll, compute, nil)
		out <- result{v, err}
	}()
	return out
}

// touchedByAll is the revalidation of a value with no scope: every change
// drops it.
func touchedByAll(Change) bool { return false }

func immediate(v int) func() (int, error) { return func() (int, error) { return v, nil } }

func TestConcurrentGetsOfOneKeyComputeItOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		page := newComputer(42)
		var results []chan result
		for range 8 {
			results = append(results, getAsync(&c, t.Context(), before, "page", page.compute))
		}
		synctest.Wait() // one computes, seven wait for it
		if n := page.runs.Load(); n != 1 {
			t.Fatalf("%d computations under way, want 1", n)
		}
		close(page.release)
		for i, r := range results {
			if got := <-r; got.err != nil || got.value != 42 {
				t.Fatalf("caller %d got %v", i, got)
			}
		}
		if v, err := c.get(t.Context(), before, "page", touchedByAll, immediate(7), nil); v != 42 || err != nil {
			t.Fatalf("after: %d, %v; want the kept 42", v, err)
		}
		if n := page.runs.Load(); n != 1 {
			t.Fatalf("%d computations, want 1", n)
		}
	})
}

func TestAnotherKeyDoesNotWaitForAComputation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		slow := newComputer(1)
		first := getAsync(&c, t.Context(), before, "slow", slow.compute)
		synctest.Wait()
		if v, err := c.get(t.Context(), before, "fast", touchedByAll, immediate(2), nil); v != 2 || err != nil {
			t.Fatalf("fast: %d, %v", v, err)
		}
		close(slow.release)
		if r := <-first; r.value != 1 || r.err != nil {
			t.Fatalf("slow: %v", r)
		}
	})
}

func TestAFailedComputationIsSharedButNotKept(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		boom := errors.New("boom")
		failing := newComputer(0)
		failing.err = boom
		var results []chan result
		for range 3 {
			results = append(results, getAsync(&c, t.Context(), before, "page", failing.compute))
		}
		synctest.Wait()
		close(failing.release)
		for i, r := range results {
			if got := <-r; !errors.Is(got.err, boom) {
				t.Fatalf("caller %d got %v, want boom", i, got)
			}
		}
		if n := failing.runs.Load(); n != 1 {
			t.Fatalf("%d computations, want 1", n)
		}
		if v, err := c.get(t.Context(), before, "page", touchedByAll, immediate(5), nil); v != 5 || err != nil {
			t.Fatalf("after the failure: %d, %v; want a new computation's 5", v, err)
		}
	})
}

func TestAWaiterThatGivesUpLeavesTheComputationToTheOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		page := newComputer(42)
		computing := getAsync(&c, t.Context(), before, "page", page.compute)
		synctest.Wait() // computing first
		impatient, cancel := context.WithCancel(t.Context())
		gaveUp := getAsync(&c, impatient, before, "page", page.compute)
		patient := getAsync(&c, t.Context(), before, "page", page.compute)
		synctest.Wait()
		cancel()
		if r := <-gaveUp; !errors.Is(r.err, context.Canceled) {
			t.Fatalf("the impatient caller got %v, want its cancellation", r)
		}
		close(page.release)
		for _, r := range []chan result{computing, patient} {
			if got := <-r; got.value != 42 || got.err != nil {
				t.Fatalf("got %v, want 42", got)
			}
		}
		if n := page.runs.Load(); n != 1 {
			t.Fatalf("%d computations, want 1", n)
		}
		if v, _ := c.get(t.Context(), before, "page", touchedByAll, immediate(7), nil); v != 42 {
			t.Fatalf("after: %d, want the kept 42", v)
		}
	})
}

func TestAWaiterComputesItselfWhenTheComputingRequestWentAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		gone, hangUp := context.WithCancel(t.Context())
		release := make(chan struct{})
		var runs atomic.Int32
		computing := getAsync(&c, gone, before, "page", func() (int, error) {
			runs.Add(1)
			<-release
			return 0, gone.Err() // what a query under the request's context returns
		})
		synctest.Wait() // computing first
		waiting := getAsync(&c, t.Context(), before, "page", func() (int, error) { runs.Add(1); return 9, nil })
		synctest.Wait()
		hangUp()
		close(release)
		if r := <-computing; !errors.Is(r.err, context.Canceled) {
			t.Fatalf("the request that went away got %v", r)
		}
		if r := <-waiting; r.value != 9 || r.err != nil {
			t.Fatalf("the waiter got %v, want its own computation's 9", r)
		}
		if n := runs.Load(); n != 2 {
			t.Fatalf("%d computations, want 2", n)
		}
	})
}

func TestAGetAfterAChangeDoesNotWaitForAComputationOfBefore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		old := newComputer(1)
		oldResult := getAsync(&c, t.Context(), before, "page", old.compute)
		synctest.Wait()
		if v, err := c.get(t.Context(), after, "page", touchedByAll, immediate(2), nil); v != 2 || err != nil {
			t.Fatalf("after the change: %d, %v", v, err)
		}
		close(old.release)
		if r := <-oldResult; r.value != 1 {
			t.Fatalf("the computation of before gave its caller %v", r)
		}
		// What was computed before the change is not kept over what was
		// computed after it.
		if v, _ := c.get(t.Context(), after, "page", touchedByAll, immediate(3), nil); v != 2 {
			t.Fatalf("kept after the change: %d, want 2", v)
		}
	})
}

func TestWaitersOfAComputationThatPanicsGetAnError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		release := make(chan struct{})
		panicked := make(chan any, 1)
		go func() {
			defer func() { panicked <- recover() }()
			_, _ = c.get(t.Context(), before, "page", touchedByAll, func() (int, error) { <-release; panic("template broke") }, nil)
		}()
		synctest.Wait()
		waiting := getAsync(&c, t.Context(), before, "page", immediate(1))
		synctest.Wait()
		close(release)
		if p := <-panicked; p != "template broke" {
			t.Fatalf("the computing caller's panic: %v", p)
		}
		if r := <-waiting; !errors.Is(r.err, errComputePanicked) {
			t.Fatalf("the waiter got %v, want errComputePanicked", r)
		}
		if v, err := c.get(t.Context(), before, "page", touchedByAll, immediate(4), nil); v != 4 || err != nil {
			t.Fatalf("after the panic: %d, %v", v, err)
		}
	})
}

func TestAKeptValueIsComputedAgainAfterCacheMaxAge(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		for _, s := range []struct {
			wait     time.Duration // fake time passed before the Get
			computes int           // what a computation would give
			want     int
		}{
			{0, 1, 1},
			{CacheMaxAge - time.Second, 2, 1},
			{time.Second, 3, 3}, // CacheMaxAge after the first computation
		} {
			time.Sleep(s.wait)
			v, _ := c.get(t.Context(), before, "page", touchedByAll, immediate(s.computes), nil)
			if v != s.want {
				t.Fatalf("after %v more: %d, want %d", s.wait, v, s.want)
			}
		}
	})
}

// sized is a kept value that tells its size.
type sized int

func (s sized) Bytes() int { return int(s) }

func TestTheKeptValuesStayWithinCacheBytes(t *testing.T) {
	var c Cache[int, sized]
	quarter := sized(cacheBytes / 4)
	var computed sync.Map
	for key := range 5 {
		_, _ = c.get(context.Background(), before, key, touchedByAll, func() (sized, error) { computed.Store(key, true); return quarter, nil }, nil)
	}
	if c.kept.Len() != 4 || c.kept.Bytes() != cacheBytes {
		t.Fatalf("%d values of %d bytes kept, want 4 of %d", c.kept.Len(), c.kept.Bytes(), cacheBytes)
	}
	computed.Clear()
	_, _ = c.get(context.Background(), before, 0, touchedByAll, func() (sized, error) { computed.Store(0, true); return quarter, nil }, nil)
	if _, again := computed.Load(0); !again {
		t.Fatal("the least recently used value was still kept")
	}
}

func TestARevalidatedValueStillAgesOutFromItsComputation(t *testing.T) {
	// On PostgreSQL a change can commit after a later one and be missed by
	// the reads: the age bounds how long, revalidated or not.
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		untouched := func(Change) bool { return true }
		steps := []struct {
			wait     time.Duration
			change   Change
			computes int
			want     int
		}{
			{0, before, 1, 1},
			{CacheMaxAge - time.Second, after, 2, 1}, // revalidated, kept
			{time.Second, after, 3, 3},               // CacheMaxAge after the computation
		}
		for i, s := range steps {
			time.Sleep(s.wait)
			if v, _ := c.get(t.Context(), s.change, "page", untouched, immediate(s.computes), nil); v != s.want {
				t.Fatalf("step %d: %d, want %d", i, v, s.want)
			}
		}
	})
}

func TestWhileAnAgedValueIsComputedAgainTheOthersAreGivenIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		untouched := func(Change) bool { return true }
		if v, _ := c.get(t.Context(), before, "page", untouched, immediate(1), nil); v != 1 {
			t.Fatalf("first: %d", v)
		}
		time.Sleep(CacheMaxAge)
		again := newComputer(2)
		refreshing := getAsync(&c, t.Context(), before, "page", again.compute)
		synctest.Wait() // the first Get to find it aged computes it again
		// Unchanged, or changed outside its scope: given the aged value at
		// once (a Get that waited would end the bubble in a deadlock).
		for _, change := range []Change{before, after} {
			if v, err := c.get(t.Context(), change, "page", untouched, immediate(9), nil); v != 1 || err != nil {
				t.Fatalf("during the computation, at %v: %d, %v; want the aged 1", change, v, err)
			}
		}
		// Changed in its scope: not given the aged value, computed for the
		// change.
		if v, err := c.get(t.Context(), Change{ID: 3}, "page", touchedByAll, immediate(3), nil); v != 3 || err != nil {
			t.Fatalf("after a change in its scope: %d, %v; want 3", v, err)
		}
		close(again.release)
		if r := <-refreshing; r.value != 2 {
			t.Fatalf("the computing Get: %v", r)
		}
		if n := again.runs.Load(); n != 1 {
			t.Fatalf("%d computations, want 1", n)
		}
	})
}

func TestGetAheadGivesAnAgedValueThatHoldsAndComputesItInTheBackground(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Cache[string, int]
		untouched := func(Change) bool { return true }
		aheadOf := func(comp *computer, ended *atomic.Bool) func(context.Context) (int, error) {
			return func(ctx context.Context) (int, error) {
				v, err := comp.compute()
				ended.Store(ctx.Err() != nil)
				return v, err
			}
		}
		if v, _ := c.get(t.Context(), before, "index", untouched, immediate(1), nil); v != 1 {
			t.Fatalf("first: %d", v)
		}
		time.Sleep(CacheMaxAge)
		again, ended := newComputer(2), new(atomic.Bool)
		// The request that finds it aged is given it at once (had it waited
		// for again, the bubble would end in a deadlock), and its end does
		// not end the computation it started.
		req, done := context.WithCancel(t.Context())
		if v, err := c.get(req, after, "index", untouched, immediate(9), aheadOf(again, ended)); v != 1 || err != nil {
			t.Fatalf("aged and unchanged in its scope: %d, %v; want the aged 1 at once", v, err)
		}
		done()
		synctest.Wait()
		if n := again.runs.Load(); n != 1 {
			t.Fatalf("%d computations in the background, want 1", n)
		}
		if v, _ := c.get(t.Context(), after, "index", untouched, immediate(9), aheadOf(newComputer(8), ended)); v != 1 {
			t.Fatalf("while it is computed: %d, want the aged 1 and no second computation", v)
		}
		close(again.release)
		synctest.Wait()
		if ended.Load() {
			t.Fatal("the background computation's context ended with the request")
		}
		if v, _ := c.get(t.Context(), after, "index", untouched, immediate(9), nil); v != 2 {
			t.Fatalf("after the background computation: %d, want its 2 kept", v)
		}
		// Aged and changed in its scope: computed for the change, the aged
		// value never given.
		time.Sleep(CacheMaxAge)
		if v, _ := c.get(t.Context(), Change{ID: 3}, "index", touchedByAll, immediate(3), aheadOf(newComputer(7), ended)); v != 3 {
			t.Fatalf("aged and changed in its scope: %d, want 3 computed now", v)
		}
	})
}
