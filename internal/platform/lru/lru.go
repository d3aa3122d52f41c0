// Package lru keeps values up to a number of entries and a number of bytes,
// dropping the least recently used first. It holds what a server keeps
// rendered or computed between requests (pages, layouts, reports): their
// number grows with users, units and periods, and their size ranges from a
// few kilobytes to a quarter of a megabyte for a province's index page, so
// a bound by count alone let a province's kept pages reach half a gigabyte.
//
// A Cache is not safe for concurrent use: its owner locks around it.
package lru

// Sized is a value that tells how many bytes it holds. Values that are not
// Sized count for no bytes (only for their entry).
type Sized interface {
	Bytes() int
}

// Cache is a least-recently-used cache bounded by entries and by bytes.
type Cache[K comparable, V any] struct {
	maxEntries, maxBytes int
	bytes                int
	entries              map[K]*node[K, V]
	root                 node[K, V] // root.next is the most recently used, root.prev the least
}

type node[K comparable, V any] struct {
	key        K
	value      V
	bytes      int
	prev, next *node[K, V]
}

// New returns a Cache holding at most maxEntries values of at most maxBytes
// bytes together.
func New[K comparable, V any](maxEntries, maxBytes int) *Cache[K, V] {
	c := &Cache[K, V]{maxEntries: maxEntries, maxBytes: maxBytes, entries: map[K]*node[K, V]{}}
	c.root.next, c.root.prev = &c.root, &c.root
	return c
}

// BytesOf is what v counts for: its Bytes when it is Sized, else nothing.
func BytesOf(v any) int {
	if s, ok := v.(Sized); ok {
		return s.Bytes()
	}
	return 0
}

// Get returns the value under key and marks it the most recently used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	n, ok := c.entries[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.unlink(n)
	c.pushFront(n)
	return n.value, true
}

// Add keeps value under key, replacing what was there, and drops the least
// recently used values until the bounds hold again. A value larger than all
// the bytes allowed is not kept (and drops nothing): keeping it would empty
// the cache for one entry.
func (c *Cache[K, V]) Add(key K, value V) {
	size := BytesOf(value)
	if old, ok := c.entries[key]; ok {
		c.remove(old)
	}
	if size > c.maxBytes || c.maxEntries <= 0 {
		return
	}
	n := &node[K, V]{key: key, value: value, bytes: size}
	c.entries[key] = n
	c.bytes += size
	c.pushFront(n)
	for len(c.entries) > c.maxEntries || c.bytes > c.maxBytes {
		c.remove(c.root.prev)
	}
}

// Len is the number of values kept.
func (c *Cache[K, V]) Len() int { return len(c.entries) }

// Bytes is the bytes of the values kept, together.
func (c *Cache[K, V]) Bytes() int { return c.bytes }

func (c *Cache[K, V]) remove(n *node[K, V]) {
	c.unlink(n)
	delete(c.entries, n.key)
	c.bytes -= n.bytes
}

func (c *Cache[K, V]) unlink(n *node[K, V]) {
	n.prev.next, n.next.prev = n.next, n.prev
	n.prev, n.next = nil, nil
}

func (c *Cache[K, V]) pushFront(n *node[K, V]) {
	n.prev, n.next = &c.root, c.root.next
	c.root.next.prev = n
	c.root.next = n
}
