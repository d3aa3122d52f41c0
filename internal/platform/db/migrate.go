package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Module is one capability's migrations: files named NNN_description.sql in
// FS, and functions in Funcs named NNN_description, applied together in name
// order, each once.
type Module struct {
	Name  string
	FS    fs.FS
	Funcs map[string]MigrationFunc
	// Derived are tables the module's triggers fill from its other tables
	// (counts kept for speed): a dump leaves them out and a restore rebuilds
	// them by restoring what they are computed from.
	Derived []string
	// Detached lists, for one of the module's tables, the tables outside
	// it that hold more of its rows (PostgreSQL partitions detached into
	// an archive schema): a dump writes their rows with the table's own,
	// so that a dump and restore loses none, and the module puts them
	// back where they belong after the restore. Nil: none.
	Detached func(ctx context.Context, q Querier, d Dialect, table string) ([]string, error)
}

// derivedTables are the Derived tables of modules.
func derivedTables(modules []Module) map[string]bool {
	out := map[string]bool{}
	for _, m := range modules {
		for _, t := range m.Derived {
			out[t] = true
		}
	}
	return out
}

// MigrationFunc is a migration written in Go, for a change one SQL text cannot
// say on both engines (PostgreSQL's partitioning). It runs in the migration's
// transaction.
type MigrationFunc func(ctx context.Context, tx *sql.Tx, d Dialect) error

// Migration is one file or function of a module.
type Migration struct {
	Module, Name, SQL string
	Func              MigrationFunc // set for a Go migration, whose SQL is empty
}

// MigrationState says whether a migration has been applied, for `migrate status`.
type MigrationState struct {
	Module, Name string
	AppliedAt    string // empty when pending
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	module     TEXT NOT NULL,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL,
	PRIMARY KEY (module, name)
)`

func (m Module) migrations() ([]Migration, error) {
	names, err := fs.Glob(m.FS, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Migration, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(m.FS, n)
		if err != nil {
			return nil, fmt.Errorf("db: read migration %s/%s: %w", m.Name, n, err)
		}
		out = append(out, Migration{Module: m.Name, Name: n, SQL: string(b)})
	}
	for n, f := range m.Funcs {
		out = append(out, Migration{Module: m.Name, Name: n, Func: f})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Migrate applies every pending migration of the modules, in the order given,
// each in its own transaction so a failing file leaves the schema as it was
// before that file.
//
// On PostgreSQL several processes may start at once on a database that
// needs migrating (a new version rolled out to every serve process behind
// the proxy): they take turns on an advisory lock of the schema, held for
// the whole run, and each reads what is applied once it holds it, so every
// migration runs once and the processes that waited find nothing to do.
// Without it the second process to create a table failed to start.
func (d *DB) Migrate(ctx context.Context, modules ...Module) error {
	if d.Dialect == Postgres {
		unlock, err := d.lockMigrations(ctx)
		if err != nil {
			return err
		}
		defer unlock()
	}
	return d.migrate(ctx, modules)
}

// migrationLockSpace is the first key of Migrate's advisory lock; the second
// is the schema's (tests migrate schemas of one database side by side).
const migrationLockSpace = 766_000

// lockMigrations waits for the schema's migration lock on a connection of
// its own and returns what releases it. The lock is the session's, so it
// outlives the migrations' transactions; a connection whose unlock failed
// is discarded rather than returned to the pool still holding it.
func (d *DB) lockMigrations(ctx context.Context) (unlock func(), err error) {
	conn, err := d.W.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: migration lock: %w", err)
	}
	const key = `$1, hashtext(COALESCE(current_schema(), ''))`
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`, migrationLockSpace); err != nil {
		conn.Close()
		return nil, fmt.Errorf("db: migration lock: %w", err)
	}
	return func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`, migrationLockSpace); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}

func (d *DB) migrate(ctx context.Context, modules []Module) error {
	if _, err := d.W.ExecContext(ctx, createMigrationsTable); err != nil {
		return fmt.Errorf("db: create schema_migrations: %w", err)
	}
	applied, err := d.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	for _, mod := range modules {
		migs, err := mod.migrations()
		if err != nil {
			return err
		}
		for _, m := range migs {
			if _, done := applied[m.Module+"/"+m.Name]; done {
				continue
			}
			err := d.Tx(ctx, func(tx *sql.Tx) error {
				if m.Func != nil {
					if err := m.Func(ctx, tx, d.Dialect); err != nil {
						return err
					}
				}
				for _, stmt := range splitStatements(d.Dialect.expandMigration(m.SQL)) {
					if _, err := tx.ExecContext(ctx, stmt); err != nil {
						return fmt.Errorf("%w\n%s", err, stmt)
					}
				}
				_, err := tx.ExecContext(ctx,
					`INSERT INTO schema_migrations (module, name, applied_at) VALUES ($1, $2, $3)`,
					m.Module, m.Name, FormatTime(time.Now()))
				return err
			})
			if err != nil {
				return fmt.Errorf("db: migration %s/%s: %w", m.Module, m.Name, err)
			}
		}
	}
	return nil
}

func (d *DB) appliedMigrations(ctx context.Context) (map[string]string, error) {
	rows, err := d.W.QueryContext(ctx, `SELECT module, name, applied_at FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("db: read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied := map[string]string{}
	for rows.Next() {
		var mod, name, at string
		if err := rows.Scan(&mod, &name, &at); err != nil {
			return nil, err
		}
		applied[mod+"/"+name] = at
	}
	return applied, rows.Err()
}

// MigrationStatus lists every migration of the modules with when it was applied.
func (d *DB) MigrationStatus(ctx context.Context, modules ...Module) ([]MigrationState, error) {
	if _, err := d.W.ExecContext(ctx, createMigrationsTable); err != nil {
		return nil, fmt.Errorf("db: create schema_migrations: %w", err)
	}
	applied, err := d.appliedMigrations(ctx)
	if err != nil {
		return nil, err
	}
	var out []MigrationState
	for _, mod := range modules {
		migs, err := mod.migrations()
		if err != nil {
			return nil, err
		}
		for _, m := range migs {
			out = append(out, MigrationState{Module: m.Module, Name: m.Name, AppliedAt: applied[m.Module+"/"+m.Name]})
		}
	}
	return out, nil
}

var (
	createTableRe = regexp.MustCompile(`(?i)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)`)
	dropTableRe   = regexp.MustCompile(`(?i)DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([a-z_][a-z0-9_]*)`)
)

// Tables lists the tables the modules create and have not dropped since, in
// creation order. Foreign keys can only point at tables created earlier, so
// this order is also a safe order to restore data in.
func Tables(modules ...Module) ([]string, error) {
	var out []string
	for _, mod := range modules {
		migs, err := mod.migrations()
		if err != nil {
			return nil, err
		}
		for _, m := range migs {
			for _, match := range createTableRe.FindAllStringSubmatch(m.SQL, -1) {
				out = append(out, strings.ToLower(match[1]))
			}
			for _, match := range dropTableRe.FindAllStringSubmatch(m.SQL, -1) {
				out = slices.DeleteFunc(out, func(t string) bool { return t == strings.ToLower(match[1]) })
			}
		}
	}
	return out, nil
}

// splitStatements cuts a migration into statements at semicolons that end a
// line. Migrations keep one statement per semicolon-terminated block and no
// semicolons inside string literals at line ends; comments (--) are dropped.
func splitStatements(sqlText string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sqlText, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") || trimmed == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			if s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")); s != "" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// NewModule makes a Module of the .sql files in dir of fsys, typically an
// embed.FS holding a capability's migrations folder.
func NewModule(name string, fsys fs.FS, dir string) Module {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("db: migrations of %s: %v", name, err))
	}
	return Module{Name: name, FS: sub}
}
