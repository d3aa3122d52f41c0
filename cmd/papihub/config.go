package main

import (
	"context"
	"flag"
	"log/slog"

	"papihub/internal/platform/db"
)

const helpConfiguration = `
Configuration (flags win over environment variables):
  --data DIR      PAPIHUB_DATA            data directory: SQLite file, evidence files, keys (default ./data)
  --db DSN        PAPIHUB_DB              database: empty for SQLite at DIR/papihub.db,
                                          postgres://user@host:5432/db for PostgreSQL
  --db-read DSN   PAPIHUB_DB_READ         PostgreSQL streaming replica for the heavy reads (index,
                                          drill-downs, dashboards, portal, reports); when it does not
                                          answer, they go to --db with a warning and a metric
  --addr ADDR     PAPIHUB_ADDR            serve: listen address (default 127.0.0.1:8080)
  --trusted-proxies LIST  PAPIHUB_TRUSTED_PROXIES  serve: load balancers (addresses or CIDRs) whose
                                          X-Forwarded-For names the client; none by default
  --public-url URL  PAPIHUB_PUBLIC_URL    serve: the site's public address (https://host), for the portal's
                                          absolute links, sitemap and Atom ids; default: each request's host
                  PAPIHUB_SECRET_KEY      key sealing personal data (32 bytes, base64); the same on
                                          every process; default: DATA/secret.key, created once
                  PAPIHUB_ADMIN_PASSWORD  serve --demo: password of the demo accounts (generated and
                                          printed once when unset)
                  PAPIHUB_LOG_LEVEL       debug, info (default), warn, error
                  PAPIHUB_TEST_POSTGRES   tests: run the storage tests on this PostgreSQL instead of SQLite

Run 'papihub help COMMAND' for the flags of one command.`

// dataFlags are the flags of every command that touches the database.
type dataFlags struct {
	dir  string
	dsn  string
	read string       // the replica's DSN, empty for none
	log  *slog.Logger // where the replica's state changes are told; default slog's
}

func (e *env) addDataFlags(fs *flag.FlagSet) *dataFlags {
	d := &dataFlags{}
	fs.StringVar(&d.dir, "data", envOr(e, "PAPIHUB_DATA", "data"), "data directory")
	fs.StringVar(&d.dsn, "db", e.getenv("PAPIHUB_DB"), "database DSN (empty: SQLite in the data directory)")
	fs.StringVar(&d.read, "db-read", e.getenv("PAPIHUB_DB_READ"), "PostgreSQL streaming replica for the heavy reads (empty: none)")
	return d
}

func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// open opens the database, brings its schema up to date and attaches the
// read replica when one is named.
func (d *dataFlags) open(ctx context.Context) (*db.DB, error) {
	conn, err := db.Open(ctx, d.dsn, d.dir)
	if err != nil {
		return nil, err
	}
	if err := conn.Migrate(ctx, modules()...); err != nil {
		conn.Close()
		return nil, err
	}
	if d.read != "" {
		if err := conn.AttachReplica(ctx, d.read, d.log); err != nil {
			conn.Close()
			return nil, usageError{err.Error()}
		}
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
