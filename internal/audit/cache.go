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
// Each value is stamped with the change it was computed at. A value kept
// with a Scope (GetScoped) outlives the changes outside it: when the latest
// change has moved past its stamp, the changes in between are read once for
// the whole process (touched) and, if none is in its scope, the value is
// stamped with the latest change and given again. A value whose stamp is
// the latest change costs what it always did: no log is read.
//
// An entry also ages out after CacheMaxAge: on PostgreSQL audit ids are
// taken in insert order, not commit order, so a change that commits after a
// later one would otherwise stay unseen until the next change. The Get that
// finds it aged computes it again; the Gets meanwhile are given the aged
// value, if it still holds, rather than wait.
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
	kept    *lru.Cache[K, cacheEntry[V]]
	flights map[K]*flight[V] // computations under way, each for its change
}

type cacheEntry[V any] struct {
	value  V
	change Change    // the latest change when it was computed, or revalidated at
	at     time.Time // when it was computed: revalidation does not move it
}

// Bytes is the size of the value, for the cache's bound.
func (e cacheEntry[V]) Bytes() int { return lru.BytesOf(e.value) }

// flight is one computation under way; done is closed when value and err
// are set. ctx is the context of the Get that computes, whose end may be
// the cause of err.
type flight[V any] struct {
	done   chan struct{}
	ctx    context.Context
	change Change
	value  V
	err    error
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
// from pool, or computes it; any change drops it. When the log cannot be
// read it computes without caching.
func (c *Cache[K, V]) Get(ctx context.Context, pool *sql.DB, key K, compute func() (V, error)) (V, error) {
	return c.GetScoped(ctx, pool, Scope{}, key, compute)
}

// GetScoped is Get for a value that reads only what scope names: a change
// to anything else keeps it. Every Get of a key must give the same scope.
func (c *Cache[K, V]) GetScoped(ctx context.Context, pool *sql.DB, scope Scope, key K, compute func() (V, error)) (V, error) {
	change, err := c.changes.Latest(ctx, pool)
	if err != nil {
		return compute()
	}
	untouched := func(since Change) bool { return !touched(ctx, pool, since.ID, change.ID, scope) }
	return c.get(ctx, change, key, untouched, compute, nil)
}

// GetAhead is GetScoped for a value computed from the records alone, with
// nothing of the request but ctx: once the value has aged (CacheMaxAge),
// the Get that finds it so is given it too, if it still holds, and it is
// computed again in the background, under ctx's values but not its end
// (the request that started it is over long before; aheadTimeout bounds
// it). The age bounds how long a change the reads missed, or a figure that
// moves with the clock, can stay unseen: it is passed by one computation,
// as while another Get computes it. Without it the first visitor after a
// quiet minute waited for the province's figures again (0.4–1.2 s at
// 2,000,000 dossiers), and the 63 others behind that visitor's page.
func (c *Cache[K, V]) GetAhead(ctx context.Context, pool *sql.DB, scope Scope, key K, compute func(context.Context) (V, error)) (V, error) {
	change, err := c.changes.Latest(ctx, pool)
	if err != nil {
		return compute(ctx)
	}
	untouched := func(since Change) bool { return !touched(ctx, pool, since.ID, change.ID, scope) }
	return c.get(ctx, change, key, untouched, func() (V, error) { return compute(ctx) }, compute)
}

// aheadTimeout bounds a computation GetAhead runs in the background.
const aheadTimeout = 2 * time.Minute

// get is Get once the latest change is known. untouched tells whether a
// value computed at since still holds at change. ahead, when not nil, is
// how to compute an aged value again in the background (GetAhead).
func (c *Cache[K, V]) get(ctx context.Context, change Change, key K, untouched func(since Change) bool, compute func() (V, error), ahead func(context.Context) (V, error)) (V, error) {
	for {
		now := time.Now()
		c.mu.Lock()
		if c.kept == nil {
			c.kept, c.flights = lru.New[K, cacheEntry[V]](cacheEntries, cacheBytes), map[K]*flight[V]{}
		}
		hit, ok := c.kept.Get(key)
		_, refreshing := c.flights[key]
		// An aged value is computed again by the first Get to find it so;
		// while that runs, the others are given the aged value if it still
		// holds. The age bounds how long a change the reads missed can stay
		// unseen, and one computation more keeps within it, whereas all of
		// a busy page's requests waiting for that computation once a
		// minute were its p99. With GetAhead (ahead) the first is given it
		// too, and the computation runs in the background.
		aged := ok && now.Sub(hit.at) >= CacheMaxAge
		if ok && (!aged || refreshing) {
			if hit.change == change {
				c.mu.Unlock()
				return hit.value, nil
			}
			if hit.change.ID < change.ID {
				c.mu.Unlock()
				if untouched(hit.change) {
					c.restamp(key, hit, change)
					return hit.value, nil
				}
				c.mu.Lock()
			}
		}
		if aged && ahead != nil && !refreshing && hit.change.ID <= change.ID {
			c.mu.Unlock()
			if hit.change == change || untouched(hit.change) {
				c.refreshAhead(ctx, key, change, now, ahead)
				return hit.value, nil
			}
			c.mu.Lock()
		}
		f, ok := c.flights[key]
		if !ok || f.change != change {
			// A computation under way for another change goes on for its
			// callers, but nobody new waits for it.
			f = &flight[V]{done: make(chan struct{}), ctx: ctx, change: change}
			c.flights[key] = f
			c.mu.Unlock()
			return c.compute(key, f, now, compute)
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

// refreshAhead computes the value under key again for change in the
// background, unless a computation of it is under way.
func (c *Cache[K, V]) refreshAhead(ctx context.Context, key K, change Change, at time.Time, ahead func(context.Context) (V, error)) {
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), aheadTimeout)
	f := &flight[V]{done: make(chan struct{}), ctx: bg, change: change}
	c.mu.Lock()
	if _, busy := c.flights[key]; busy {
		c.mu.Unlock()
		cancel()
		return
	}
	c.flights[key] = f
	c.mu.Unlock()
	go func() {
		defer cancel()
		c.compute(key, f, at, func() (V, error) { return ahead(bg) })
	}()
}

// restamp marks the value kept under key, found at hit, as holding at
// change, unless it was replaced meanwhile.
func (c *Cache[K, V]) restamp(key K, hit cacheEntry[V], change Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now, ok := c.kept.Get(key); ok && now.change == hit.change && now.at == hit.at {
		hit.change = change
		c.kept.Add(key, hit)
	}
}

// compute runs compute for f, keeps its value unless it failed or a value
// of a later change was kept meanwhile, and lets the waiters go, even if
// compute panics.
func (c *Cache[K, V]) compute(key K, f *flight[V], at time.Time, compute func() (V, error)) (V, error) {
	returned := false
	defer func() {
		if !returned {
			f.err = errComputePanicked
		}
		c.mu.Lock()
		if kept, ok := c.kept.Get(key); f.err == nil && (!ok || kept.change.ID <= f.change.ID) {
			c.kept.Add(key, cacheEntry[V]{value: f.value, change: f.change, at: at})
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
