package org

import (
	"slices"
	"sync"
	"time"
)

// SessionCacheTTL bounds how long a validated session is believed without
// reading the database again. Every change made through a Store of this
// process (sign-out, a user's roles, unit or account, a password, any unit)
// empties the cache of that database at once, so here a revoked session stops
// working on its next request; another process that shares the database sees
// the change within SessionCacheTTL. Expiry (absolute and idle) is checked on
// every request, cached or not.
const SessionCacheTTL = 10 * time.Second

// sessionCacheEntries bounds the cache; when full it starts again empty.
const sessionCacheEntries = 10000

// sessionCache holds sessions validated recently, by token hash.
type sessionCache struct {
	mu      sync.Mutex
	entries map[string]cachedSession
	gen     uint64 // counts clears, so a read begun before one is not kept
}

type cachedSession struct {
	user     User // a copy: callers get their own
	csrf     string
	lastSeen time.Time
	expires  time.Time
	checked  time.Time // when the database said so
}

// sessionCaches shares one cache between the Stores of one database in this
// process (the server's, and any a command or test opens beside it), so that
// a change through any of them is seen by all.
var sessionCaches = struct {
	sync.Mutex
	byDB map[string]*sessionCache
}{byDB: map[string]*sessionCache{}}

func sessionCacheFor(dsn string) *sessionCache {
	sessionCaches.Lock()
	defer sessionCaches.Unlock()
	c, ok := sessionCaches.byDB[dsn]
	if !ok {
		c = &sessionCache{}
		sessionCaches.byDB[dsn] = c
	}
	return c
}

// get returns the cached session of hash if it was checked within the TTL
// and has not expired by now.
func (c *sessionCache) get(hash string, now time.Time) (cachedSession, bool) {
	c.mu.Lock()
	e, ok := c.entries[hash]
	c.mu.Unlock()
	if !ok || now.Sub(e.checked) >= SessionCacheTTL || now.Before(e.checked) ||
		now.After(e.expires) || now.Sub(e.lastSeen) > IdleTimeout {
		return cachedSession{}, false
	}
	return e, true
}

// generation is taken before reading a session from the database; put keeps
// what was read only if no change cleared the cache meanwhile.
func (c *sessionCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *sessionCache) put(hash string, gen uint64, e cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.entries == nil || len(c.entries) >= sessionCacheEntries {
		c.entries = map[string]cachedSession{}
	}
	c.entries[hash] = e
}

func (c *sessionCache) drop(hash string) {
	c.mu.Lock()
	delete(c.entries, hash)
	c.mu.Unlock()
}

// clear forgets every session: called after any change to users, roles,
// units or sessions.
func (c *sessionCache) clear() {
	c.mu.Lock()
	c.entries = nil
	c.gen++
	c.mu.Unlock()
}

// userCopy gives a caller its own User, since Authenticate sets the
// request's address on it.
func userCopy(u *User) *User {
	cp := *u
	cp.Roles = slices.Clone(u.Roles)
	return &cp
}
