package db

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// Warm opens the connections of every pool (the writer, the readers,
// HeavyGeneric's and the replica's) up to one less than its bound, and
// gives them back idle: it returns how many connections the pools then
// hold. The pools connect on first use, so right after a start the first
// 64 requests each paid for a connection (on PostgreSQL a server process,
// its authentication and its settings) before their first statement. The
// one connection left to open is for the requests that come while Warm
// holds the others.
func (d *DB) Warm(ctx context.Context) (int, error) {
	var errs []error
	open := 0
	for _, p := range d.pools() {
		errs = append(errs, warmPool(ctx, p))
		open += p.Stats().OpenConnections
	}
	return open, errors.Join(errs...)
}

// pools lists each distinct pool once (on PostgreSQL W and R are one).
func (d *DB) pools() []*sql.DB {
	all := []*sql.DB{d.W, d.R, d.generic}
	if d.replica != nil {
		all = append(all, d.replica.pool, d.replica.generic)
	}
	var out []*sql.DB
	for _, p := range all {
		seen := false
		for _, q := range out {
			seen = seen || q == p
		}
		if p != nil && !seen {
			out = append(out, p)
		}
	}
	return out
}

// warmPool takes n-1 connections of a pool bounded at n together (so each
// is a distinct one, opened if need be) and gives them back.
func warmPool(ctx context.Context, p *sql.DB) error {
	n := p.Stats().MaxOpenConnections - 1
	if n <= 0 {
		return nil // one connection (SQLite's writer), already opened by Open's ping
	}
	conns := make([]*sql.Conn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if conns[i], errs[i] = p.Conn(ctx); errs[i] == nil {
				errs[i] = conns[i].PingContext(ctx)
			}
		})
	}
	wg.Wait()
	for _, c := range conns {
		if c != nil {
			c.Close() // back to the pool, idle
		}
	}
	return errors.Join(errs...)
}
