package audit

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"papihub/internal/platform/lru"
)

// Cache keeps values computed from the records until the records change:
// every change is audited in its own transaction, so the latest audited
// change (one indexed read) tells, in every process, whether what was
// computed still holds. Pages that read the same heavy figures on every
// request (the service index, the official PAPI results) keep them here.
//
// An entry also ages out after CacheMaxAge: on PostgreSQL audit ids are
// taken in insert order, not commit order, so a change that commits after a
// later one would otherwise stay unseen until the next change.
//
// Concurrent Gets of one key under one change compute it once: the others
// wait for that computation (64 connections opening a page right after a
// change rendered it 64 times at once, which was the pages' p99). So a
// compute must not Get its own key from the same Cache: it would wait for
// itself until its context ends. Other keys, and other Caches, are free.
//
// The values kept are bounded by cacheEntries and, for values that tell
// their size (lru.Sized: rendered pages), by cacheBytes; the least recently
// used go first.
//
// The zero Cache is ready to use. Values are shared between callers, who
// must not modify them.
type Cache[K comparable, V any] struct {
	changes Watcher
	mu      sync.Mutex
	change  Change
	kept    *lru.Cache[K, cacheEntry[V]]
	flights map[K]*flight[V] // computations under way for change
}

type cacheEntry[V any] struct {
	value V
	at    time.Time
}

// Bytes is the size of the value, for the cache's bound.
func (e cacheEntry[V]) Bytes() int { return lru.BytesOf(e.value) }

// flight is one computation under way; done is closed when value and err
// are set. ctx is the context of the Get that computes, whose end may be
// the cause of err.
type flight[V any] struct {
	done  chan struct{}
	ctx   context.Context
	value V
	err   error
}

const (
	CacheMaxAge  = time.Minute
	cacheEntries = 2000
	// cacheBytes bounds each Cache's sized values: a province's index page
	// for its whole tree is a quarter of a megabyte, so 32 MiB still keeps
	// over a hundred of the largest pages.
	cacheBytes = 32 << 20
)

// errComputePanicked is what waiters get when the computation they waited
// for panicked (the panic itself goes on up the computing request).
var errComputePanicked = errors.New("audit: cached computation panicked")

// Get returns the value under key computed after the latest change read
// from pool, or computes it. When the log cannot be read it computes without caching.
func (c *Cache[K, V]) Get(ctx context.Context, pool *sql.DB, key K, compute func() (V, error)) (V, error) {
	change, err := c.changes.Latest(ctx, pool)
	if err != nil {
		return compute()
	}
	return c.get(ctx, change, key, compute)
}

// get is Get once the latest change is known.
func (c *Cache[K, V]) get(ctx context.Context, change Change, key K, compute func() (V, error)) (V, error) {
	for {
		now := time.Now()
		c.mu.Lock()
		if c.change != change || c.kept == nil {
			// Computations under way for another change go on for their
			// callers, but nobody new waits for them and they keep nothing.
			c.change, c.kept, c.flights = change, lru.New[K, cacheEntry[V]](cacheEntries, cacheBytes), map[K]*flight[V]{}
		}
		if hit, ok := c.kept.Get(key); ok && now.Sub(hit.at) < CacheMaxAge {
			c.mu.Unlock()
			return hit.value, nil
		}
		f, ok := c.flights[key]
		if !ok {
			f = &flight[V]{done: make(chan struct{}), ctx: ctx}
			c.flights[key] = f
			c.mu.Unlock()
			return c.compute(change, key, f, now, compute)
		}
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
		// A computation that failed because its own request went away
		// (the client hung up) says nothing about this one's: try again.
		if f.err != nil && f.ctx.Err() != nil && ctx.Err() == nil {
			continue
		}
		return f.value, f.err
	}
}

// compute runs compute for f, keeps its value unless it failed or the
// records changed meanwhile, and lets the waiters go, even if compute
// panics.
func (c *Cache[K, V]) compute(change Change, key K, f *flight[V], at time.Time, compute func() (V, error)) (V, error) {
	returned := false
	defer func() {
		if !returned {
			f.err = errComputePanicked
		}
		c.mu.Lock()
		if f.err == nil && c.change == change {
			c.kept.Add(key, cacheEntry[V]{value: f.value, at: at})
		}
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	f.value, f.err = compute()
	returned = true
	return f.value, f.err
}
