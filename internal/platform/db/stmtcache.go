package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"reflect"

	"modernc.org/sqlite"
)

// SQLite compiles every query it is given: the parser and the query
// planner. For the joins a page runs that costs more than running them on
// the demo data (a profile of the pages under load: 30–60% of the CPU in
// sqlite3Prepare). Each SQLite connection therefore keeps its read
// statements compiled, by query text, and runs them again with new
// arguments; SQLite recompiles one by itself when the schema changed.
//
// Only queries (QueryContext) are kept: writes are few and often one-off.
// A statement whose rows are still open when the same text is asked for
// again on the connection (a nested query) is not shared: the second query
// is compiled for the occasion, as before.

// stmtCacheSize bounds the statements one connection keeps; when full the
// connection closes those not in use and starts again.
const stmtCacheSize = 256

// cachingConnector opens SQLite connections that keep their statements.
type cachingConnector struct {
	inner driver.Connector
}

func newSQLiteConnector(dsn string) (driver.Connector, error) {
	inner, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return cachingConnector{inner: inner}, nil
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.inner.Driver() }

type cachedStmt struct {
	stmt driver.Stmt
	busy bool // its rows are open
}

// cachingConn is one SQLite connection with its compiled statements.
// database/sql uses a connection from one goroutine at a time (closing rows
// included), so the map needs no lock.
type cachingConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

// The interfaces of the SQLite connection that database/sql looks for.
var (
	_ driver.ConnBeginTx        = (*cachingConn)(nil)
	_ driver.ConnPrepareContext = (*cachingConn)(nil)
	_ driver.QueryerContext     = (*cachingConn)(nil)
	_ driver.ExecerContext      = (*cachingConn)(nil)
	_ driver.Pinger             = (*cachingConn)(nil)
	_ driver.SessionResetter    = (*cachingConn)(nil)
	_ driver.Validator          = (*cachingConn)(nil)
)

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q := c.Conn.(driver.QueryerContext)
	e, ok := c.stmts[query]
	if !ok {
		if len(c.stmts) >= stmtCacheSize {
			c.closeIdle()
		}
		st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
		if err != nil {
			// Let the ordinary path report it (or run what Prepare cannot).
			return q.QueryContext(ctx, query, args)
		}
		e = &cachedStmt{stmt: st}
		c.stmts[query] = e
	}
	if e.busy {
		return q.QueryContext(ctx, query, args)
	}
	rows, err := e.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	e.busy = true
	return &cachedRows{rows: rows, stmt: e}, nil
}

// closeIdle closes the statements not in use.
func (c *cachingConn) closeIdle() {
	for q, e := range c.stmts {
		if !e.busy {
			_ = e.stmt.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachingConn) Close() error {
	var errs []error
	for q, e := range c.stmts {
		errs = append(errs, e.stmt.Close())
		delete(c.stmts, q)
	}
	errs = append(errs, c.Conn.Close())
	return errors.Join(errs...)
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachingConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

// cachedRows hands the statement back when closed (SQLite resets it).
type cachedRows struct {
	rows driver.Rows
	stmt *cachedStmt
}

func (r *cachedRows) Columns() []string              { return r.rows.Columns() }
func (r *cachedRows) Next(dest []driver.Value) error { return r.rows.Next(dest) }

func (r *cachedRows) Close() error {
	err := r.rows.Close()
	r.stmt.busy = false
	return err
}

// The column type information of the SQLite rows, for Rows.ColumnTypes.
func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.rows.(driver.RowsColumnTypeDatabaseTypeName).ColumnTypeDatabaseTypeName(i)
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	return r.rows.(driver.RowsColumnTypeLength).ColumnTypeLength(i)
}

func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) {
	return r.rows.(driver.RowsColumnTypeNullable).ColumnTypeNullable(i)
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return r.rows.(driver.RowsColumnTypePrecisionScale).ColumnTypePrecisionScale(i)
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	return r.rows.(driver.RowsColumnTypeScanType).ColumnTypeScanType(i)
}
