package tthc

import (
	"sync"

	"papihub/internal/platform/db"
)

// readTogether runs an index's independent reads: its own statements (one
// db.ReadAll) and the reception register's. On PostgreSQL they run at
// once, each on a connection of its own: each is a round trip to the
// server, and one after the other they were the longest path. On SQLite
// they run one after the other in this goroutine: SQLite computes in this
// process, so running them at once saves no CPU, and one after the other
// they take the same connection from the pool again, whose pages and
// compiled statements are warm (at once, an index used four of the eight
// connections, and each connection reads and compiles for itself).
func (s *Store) readTogether(reads ...func()) {
	if s.db.Dialect != db.Postgres {
		for _, read := range reads {
			read()
		}
		return
	}
	var wg sync.WaitGroup
	for _, read := range reads[1:] {
		wg.Go(read)
	}
	reads[0]()
	wg.Wait()
}
