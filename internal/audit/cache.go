package audit

import (
	"context"
	"database/sql"
	"sync"
	"time"
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
// The zero Cache is ready to use. Values are shared between callers, who
// must not modify them.
type Cache[K comparable, V any] struct {
	changes Watcher
	mu      sync.Mutex
	change  Change
	entries map[K]cacheEntry[V]
}

type cacheEntry[V any] struct {
	value V
	at    time.Time
}

const (
	CacheMaxAge  = time.Minute
	cacheEntries = 2000 // when full the cache starts again empty
)

// Get returns the value under key computed after the latest change read
// from pool, or computes it. When the log cannot be read it computes without caching.
func (c *Cache[K, V]) Get(ctx context.Context, pool *sql.DB, key K, compute func() (V, error)) (V, error) {
	change, err := c.changes.Latest(ctx, pool)
	if err != nil {
		return compute()
	}
	now := time.Now()
	c.mu.Lock()
	if c.change != change || len(c.entries) >= cacheEntries || c.entries == nil {
		c.change, c.entries = change, map[K]cacheEntry[V]{}
	}
	hit, ok := c.entries[key]
	c.mu.Unlock()
	if ok && now.Sub(hit.at) < CacheMaxAge {
		return hit.value, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.change == change {
		c.entries[key] = cacheEntry[V]{value: v, at: now}
	}
	c.mu.Unlock()
	return v, nil
}
