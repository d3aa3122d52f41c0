package audit

import (
	"database/sql"
	"runtime"
	"testing"
	"weak"
)

// A pool no longer used takes its change log with it: a log kept for every
// pool ever opened kept, through the pool, every server a process had run.
func TestAPoolsChangeLogGoesWithThePool(t *testing.T) {
	pool := new(sql.DB)
	changeLogOf(pool)
	key := weak.Make(pool)
	if _, ok := changeLogs.Load(key); !ok {
		t.Fatal("no change log kept for the pool")
	}
	pool = nil
	// The cleanup runs after a collection has found the pool unreachable.
	for range 100 {
		runtime.GC()
		if _, ok := changeLogs.Load(key); !ok {
			return
		}
		runtime.Gosched()
	}
	t.Fatal("the change log of a pool no longer used is still kept")
}
