package lru

import (
	"slices"
	"testing"
)

// page is a kept value of n bytes.
type page int

func (p page) Bytes() int { return int(p) }

// order lists the keys from the most to the least recently used.
func (c *Cache[K, V]) order() []K {
	var keys []K
	for n := c.root.next; n != &c.root; n = n.next {
		keys = append(keys, n.key)
	}
	return keys
}

func TestTheLeastRecentlyUsedGoFirstWhenEntriesOrBytesRunOut(t *testing.T) {
	type step struct {
		op    string // "add" or "get"
		key   string
		bytes page
		want  []string // kept keys, most recent first
		total int      // bytes kept
	}
	for _, tc := range []struct {
		name               string
		maxEntries, budget int
		steps              []step
	}{
		{"entries run out", 2, 100, []step{
			{"add", "a", 10, []string{"a"}, 10},
			{"add", "b", 10, []string{"b", "a"}, 20},
			{"get", "a", 0, []string{"a", "b"}, 20}, // a is used: b is now the oldest
			{"add", "c", 10, []string{"c", "a"}, 20},
		}},
		{"bytes run out", 10, 100, []step{
			{"add", "a", 40, []string{"a"}, 40},
			{"add", "b", 40, []string{"b", "a"}, 80},
			{"add", "c", 40, []string{"c", "b"}, 80}, // 120 > 100: a goes
			{"get", "b", 0, []string{"b", "c"}, 80},
			{"add", "d", 90, []string{"d"}, 90}, // needs both gone
		}},
		{"a value larger than the budget is not kept and drops nothing", 10, 100, []step{
			{"add", "a", 40, []string{"a"}, 40},
			{"add", "huge", 101, []string{"a"}, 40},
		}},
		{"replacing a key counts its new size only", 10, 100, []step{
			{"add", "a", 40, []string{"a"}, 40},
			{"add", "b", 40, []string{"b", "a"}, 80},
			{"add", "a", 70, []string{"a"}, 70}, // 70 + 40 > 100: b, now the oldest, goes
		}},
		{"replacing a key by one too large drops the old value", 10, 100, []step{
			{"add", "a", 40, []string{"a"}, 40},
			{"add", "a", 200, nil, 0},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New[string, page](tc.maxEntries, tc.budget)
			for i, s := range tc.steps {
				switch s.op {
				case "add":
					c.Add(s.key, s.bytes)
				case "get":
					if _, ok := c.Get(s.key); !ok {
						t.Fatalf("step %d: %s not kept", i, s.key)
					}
				}
				if got := c.order(); !slices.Equal(got, s.want) {
					t.Fatalf("step %d (%s %s): kept %v, want %v", i, s.op, s.key, got, s.want)
				}
				if c.Bytes() != s.total || c.Len() != len(s.want) {
					t.Fatalf("step %d: %d bytes in %d entries, want %d in %d", i, c.Bytes(), c.Len(), s.total, len(s.want))
				}
			}
		})
	}
}

func TestValuesThatDoNotTellTheirSizeCountOnlyAsEntries(t *testing.T) {
	c := New[int, string](2, 1)
	for i := range 3 {
		c.Add(i, "a value that is not Sized")
	}
	if got := c.order(); !slices.Equal(got, []int{2, 1}) || c.Bytes() != 0 {
		t.Fatalf("kept %v (%d bytes), want [2 1] (0 bytes)", got, c.Bytes())
	}
	if _, ok := c.Get(0); ok {
		t.Fatal("the oldest entry is still kept")
	}
}
