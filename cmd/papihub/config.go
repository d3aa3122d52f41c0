package main

import (
	"context"
	"flag"

	"papihub/internal/platform/db"
)

const helpConfiguration = `
Configuration (flags win over environment variables):
  --data DIR      PAPIHUB_DATA            data directory: SQLite file, evidence files, keys (default ./data)
  --db DSN        PAPIHUB_DB              database: empty for SQLite at DIR/papihub.db,
                                          postgres://user@host:5432/db for PostgreSQL
  --addr ADDR     PAPIHUB_ADDR            serve: listen address (default 127.0.0.1:8080)
  --trusted-proxies LIST  PAPIHUB_TRUSTED_PROXIES  serve: load balancers (addresses or CIDRs) whose
                                          X-Forwarded-For names the client; none by default
                  PAPIHUB_SECRET_KEY      key sealing personal data (32 bytes, base64); the same on
                                          every process; default: DATA/secret.key, created once
                  PAPIHUB_ADMIN_PASSWORD  serve --demo: password of the demo accounts (generated and
                                          printed once when unset)
                  PAPIHUB_LOG_LEVEL       debug, info (default), warn, error
                  PAPIHUB_TEST_POSTGRES   tests: run the storage tests on this PostgreSQL instead of SQLite

Run 'papihub help COMMAND' for the flags of one command.`

// dataFlags are the flags of every command that touches the database.
type dataFlags struct {
	dir string
	dsn string
}

func (e *env) addDataFlags(fs *flag.FlagSet) *dataFlags {
	d := &dataFlags{}
	fs.StringVar(&d.dir, "data", envOr(e, "PAPIHUB_DATA", "data"), "data directory")
	fs.StringVar(&d.dsn, "db", e.getenv("PAPIHUB_DB"), "database DSN (empty: SQLite in the data directory)")
	return d
}

func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// open opens the database and brings its schema up to date.
func (d *dataFlags) open(ctx context.Context) (*db.DB, error) {
	conn, err := db.Open(ctx, d.dsn, d.dir)
	if err != nil {
		return nil, err
	}
	if err := conn.Migrate(ctx, modules()...); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// parseFlags parses args and rejects stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
