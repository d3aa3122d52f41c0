package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"time"

	"papihub/internal/platform/db"
	"papihub/internal/tthc"
)

func init() {
	register(&command{
		name:    "dump",
		summary: "write every row of the database to stdout (engine-neutral)",
		usage: `Usage: papihub dump [--data DIR] [--db DSN] > papihub.dump

Writes all data as JSON lines, the same whichever engine holds it, so that
'papihub restore --db postgres://…' moves a SQLite pilot to PostgreSQL.
Years archived on PostgreSQL (papihub archive) are in the dump with the
live ones: a restore into PostgreSQL archives them again, a restore into
SQLite keeps every year live.`,
		run: runDump,
	})
	register(&command{
		name:    "restore",
		summary: "load a dump from stdin into an empty database",
		usage: `Usage: papihub restore [--data DIR] [--db DSN] < papihub.dump

Creates the schema if needed and loads the dump in one transaction. The
database must hold no data; a failed restore leaves it empty.`,
		run: runRestore,
	})
	register(&command{
		name:    "backup",
		summary: "take a consistent copy of the SQLite database, even while it serves",
		usage: `Usage: papihub backup --out FILE [--data DIR] [--db DSN]

Copies one consistent snapshot of the SQLite database to FILE (which must
not exist). On PostgreSQL use pg_dump, or papihub dump.`,
		run: runBackup,
	})
}

func runDump(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("dump")
	data := e.addDataFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, err := openWithoutMigrating(ctx, data)
	if err != nil {
		return err
	}
	defer conn.Close()
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	if err := conn.Dump(ctx, w, modules()...); err != nil {
		return err
	}
	return w.Flush()
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("restore")
	data := e.addDataFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, err := db.Open(ctx, data.dsn, data.dir)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Restore(ctx, e.stdin, modules()...); err != nil {
		return err
	}
	if err := tthc.AfterRestore(ctx, conn, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "restored into %s\n", conn.DSN)
	return nil
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("backup")
	data := e.addDataFlags(fs)
	out := fs.String("out", "", "file to write the copy to")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out FILE is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s exists; choose a new file name", *out)
	}
	conn, err := openWithoutMigrating(ctx, data)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "backup written to %s\n", *out)
	return nil
}

// openWithoutMigrating opens an existing database as it is: reading commands
// must not change the schema behind an operator's back.
func openWithoutMigrating(ctx context.Context, d *dataFlags) (*db.DB, error) {
	if d.dsn == "" {
		path := d.dir + "/papihub.db"
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s (run papihub migrate or serve first)", path)
		}
	}
	return db.Open(ctx, d.dsn, d.dir)
}
