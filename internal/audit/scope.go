package audit

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"weak"
)

// Scope is what a kept value reads, named as the log names it: the
// entities whose changes can change the value. A value kept with a scope
// outlives the changes to other entities (a sign-in, an API token, a task
// ticked, for the service index): when the latest change moves on, the log
// entries since the value was computed are read once (touched) and
// the value is kept if none of them is in its scope. The zero Scope reads
// everything: any change drops the value.
//
// A scope is only as good as the audit of the writes it names: each kept
// computation that declares one has a test that every write it depends on
// is audited under an entity of its scope.
type Scope struct {
	entities []string // sorted
	allBut   bool     // entities are those it does not read
}

// NewScope is the scope of the entities named and of what the scopes given
// read (a page that shows the service index reads what the index reads).
func NewScope(entities []string, reads ...Scope) Scope {
	read := slices.Clone(entities)
	var unread []string // of the AllBut scopes among reads: what none of them reads
	allBut := false
	for _, r := range reads {
		switch {
		case !r.declared():
			return Scope{}
		case r.allBut && !allBut:
			allBut, unread = true, slices.Clone(r.entities)
		case r.allBut:
			unread = slices.DeleteFunc(unread, func(e string) bool { return !slices.Contains(r.entities, e) })
		default:
			read = append(read, r.entities...)
		}
	}
	if allBut {
		return AllBut(slices.DeleteFunc(unread, func(e string) bool { return slices.Contains(read, e) })...)
	}
	slices.Sort(read)
	return Scope{entities: slices.Compact(read)}
}

// AllBut is the scope of a value that reads everything except the entities
// named: for a page gathered from many capabilities (the home page), where
// what is sure is what it does not read.
func AllBut(entities ...string) Scope {
	s := slices.Clone(entities)
	slices.Sort(s)
	return Scope{entities: slices.Compact(s), allBut: true}
}

// Reads tells whether a change to entity can change a value of the scope.
func (s Scope) Reads(entity string) bool {
	return !s.declared() || slices.Contains(s.entities, entity) != s.allBut
}

func (s Scope) declared() bool { return s.allBut || len(s.entities) > 0 }

// touchedBy tells whether one of changes is in the scope; the zero Scope
// is touched by every change.
func (s Scope) touchedBy(changes []loggedChange) bool {
	for _, c := range changes {
		if s.Reads(c.entity) {
			return true
		}
	}
	return false
}

// loggedChange is what revalidation reads of one audit entry.
type loggedChange struct {
	id     int64
	entity string
}

// changeLog keeps the latest changes of one pool's log, read once for all
// the kept values of every Cache that ask about them: a change is read from
// the database by the first value that asks, then answered from here.
type changeLog struct {
	mu      sync.Mutex
	lo, hi  int64          // entries holds every change with lo < id <= hi
	entries []loggedChange // by id
}

const (
	// changeLogEntries bounds what a changeLog keeps; a value stamped
	// before the oldest kept is computed again.
	changeLogEntries = 4096
	// changeSpanRead bounds the ids one revalidation reads: beyond it
	// (a value left unread through a busy hour) computing again is the
	// cheaper answer.
	changeSpanRead = 4096
)

// changeLogs holds a changeLog per pool, keyed weakly: a pool that is no
// longer used (a closed server's, a test's) takes its changeLog with it. A
// strong key kept every pool ever opened and what it still referenced: the
// test process of cmd/papihub kept every server it had started (84 MiB of
// live heap by its memory test, which then failed on PostgreSQL).
var changeLogs sync.Map // weak.Pointer[sql.DB] → *changeLog

// changeLogOf is pool's changeLog.
func changeLogOf(pool *sql.DB) *changeLog {
	key := weak.Make(pool)
	v, loaded := changeLogs.LoadOrStore(key, new(changeLog))
	if !loaded {
		runtime.AddCleanup(pool, func(k weak.Pointer[sql.DB]) { changeLogs.Delete(k) }, key)
	}
	return v.(*changeLog)
}

// changesSinceQuery reads the changes in a span of ids, the same changes
// latestQuery counts: the primary key's range, a few rows.
const changesSinceQuery = `SELECT id, entity FROM audit_log
WHERE id > $1 AND id <= $2 AND action NOT IN ('login', 'logout', 'login_failed', 'reveal', 'export') ORDER BY id`

// touched tells whether a change after from, up to and including to, is in
// scope. Whatever it cannot tell (the log unread, the span too long) counts
// as touched.
func touched(ctx context.Context, pool *sql.DB, from, to int64, scope Scope) bool {
	if !scope.declared() || to-from > changeSpanRead || from > to {
		return true
	}
	changes, err := changeLogOf(pool).between(ctx, pool, from, to)
	return err != nil || scope.touchedBy(changes)
}

// between returns the changes with from < id <= to, reading from pool the
// part not kept yet. Concurrent callers wait for one read.
func (l *changeLog) between(ctx context.Context, pool *sql.DB, from, to int64) ([]loggedChange, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hi == 0 || from > l.hi {
		// Nothing kept, or nothing that joins: start again from here.
		l.lo, l.hi, l.entries = from, from, nil
	}
	if to > l.hi {
		read, err := readChanges(ctx, pool, l.hi, to)
		if err != nil {
			return nil, err
		}
		l.entries, l.hi = append(l.entries, read...), to
	}
	if from < l.lo {
		read, err := readChanges(ctx, pool, from, l.lo)
		if err != nil {
			return nil, err
		}
		l.entries, l.lo = append(read, l.entries...), from
	}
	if drop := len(l.entries) - changeLogEntries; drop > 0 {
		l.lo = l.entries[drop-1].id
		l.entries = slices.Delete(l.entries, 0, drop)
	}
	if from < l.lo {
		return nil, errChangesDropped
	}
	byID := func(c loggedChange, id int64) int { return cmp.Compare(c.id, id) }
	first, _ := slices.BinarySearchFunc(l.entries, from+1, byID)
	last, _ := slices.BinarySearchFunc(l.entries, to+1, byID)
	return slices.Clone(l.entries[first:last]), nil
}

// errChangesDropped: the changes asked about are older than those kept.
var errChangesDropped = errors.New("audit: changes no longer kept")

func readChanges(ctx context.Context, pool *sql.DB, from, to int64) ([]loggedChange, error) {
	rows, err := pool.QueryContext(ctx, changesSinceQuery, from, to)
	if err != nil {
		return nil, fmt.Errorf("audit: changes since %d: %w", from, err)
	}
	defer rows.Close()
	var out []loggedChange
	for rows.Next() {
		var c loggedChange
		if err := rows.Scan(&c.id, &c.entity); err != nil {
			return nil, fmt.Errorf("audit: changes since %d: %w", from, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AnyRecord is the scope of a value gathered from many capabilities (the
// home page, an officer's tasks with the registers' agenda): every entity
// but the API tokens and the public portal's profile, which no signed-in
// page shows. Sign-ins are no change at all (latestQuery).
var AnyRecord = AllBut("api_tokens", "portal_profiles")
