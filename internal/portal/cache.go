package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"papihub/internal/audit"
)

// A page is cached as rendered bytes under its key (language, path and the
// parameters it was read with) together with the change it was rendered
// after. Every change to the records is audited, so a page stays good until
// the latest audited change differs from its own: one indexed read per
// request decides, in every process, without telling the others anything.
// The calendar day is part of the key too, since what is in force and
// "this month" move with it.
type cachedPage struct {
	change  audit.Change
	status  int
	ctype   string
	etag    string
	body    []byte
	created time.Time

	gzOnce sync.Once
	gz     []byte
}

type pageCache struct {
	mu    sync.Mutex
	pages map[string]*cachedPage
	max   int
}

func newPageCache(max int) *pageCache {
	return &pageCache{pages: map[string]*cachedPage{}, max: max}
}

// get returns the page under key if it was rendered after change.
func (c *pageCache) get(key string, change audit.Change) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	if !ok || p.change != change {
		return nil, false
	}
	return p, true
}

// put keeps p under key. When the cache is full it starts again empty: the
// pages that are asked for come back at once, and odd query strings cannot
// grow it without bound.
func (c *pageCache) put(key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.pages[key]; !ok && len(c.pages) >= c.max {
		clear(c.pages)
	}
	c.pages[key] = p
}

// etagOf is a strong validator of a body: its content, so a new binary that
// renders differently never answers 304 for an old page.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
