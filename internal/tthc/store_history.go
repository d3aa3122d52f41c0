package tthc

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/db"
)

// A dossier's status history and its supplement requests are kept in its
// own row (columns history and supplements, migration 005), as text. They
// are only ever read whole and for one dossier at a time (its page, the
// public timeline, the importer's merge); every question across dossiers
// is answered by the aggregates and the judgement columns. One row per
// dossier instead of one per event is what lets an import write a province's
// ten million events at the rate the national sync sends them.
//
//	history:     1@2026-08-03T02:00:00Z;2@2026-08-03T03:00:00Z;…
//	supplements: requested|completed|old due|new due;…  (an unknown instant is empty)
//
// Instants are in db.FormatTime's layout (UTC, whole seconds), events in
// orderEvents' order, supplements by request time.

// encodeHistory renders a history for its column.
func encodeHistory(events []Event) string {
	b := make([]byte, 0, len(events)*23)
	for i, e := range events {
		if i > 0 {
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, int64(e.Status), 10)
		b = append(b, '@')
		b = db.AppendTime(b, e.At)
	}
	return string(b)
}

// decodeHistory reads a history column.
func decodeHistory(s string) ([]Event, error) {
	if s == "" {
		return nil, nil
	}
	out := make([]Event, 0, strings.Count(s, ";")+1)
	for item := range strings.SplitSeq(s, ";") {
		status, at, ok := strings.Cut(item, "@")
		n, err := strconv.Atoi(status)
		if !ok || err != nil || !Status(n).Valid() {
			return nil, fmt.Errorf("tthc: stored history %q: bad event %q", s, item)
		}
		t, err := db.ParseTime(at)
		if err != nil {
			return nil, fmt.Errorf("tthc: stored history %q: %w", s, err)
		}
		out = append(out, Event{Status: Status(n), At: t})
	}
	return out, nil
}

// encodeSupplements renders supplement requests for their column, one per
// request time (the first of two with the same time is kept).
func encodeSupplements(sups []Supplement) string {
	var b strings.Builder
	seen := make(map[time.Time]bool, len(sups))
	for _, s := range sups {
		at := canonical(s.RequestedAt)
		if seen[at] {
			continue
		}
		seen[at] = true
		if b.Len() > 0 {
			b.WriteByte(';')
		}
		for i, t := range []time.Time{at, s.CompletedAt, s.OldDue, s.NewDue} {
			if i > 0 {
				b.WriteByte('|')
			}
			if !t.IsZero() {
				b.WriteString(db.FormatTime(t))
			}
		}
	}
	return b.String()
}

// decodeSupplements reads a supplements column.
func decodeSupplements(s string) ([]Supplement, error) {
	if s == "" {
		return nil, nil
	}
	var out []Supplement
	for item := range strings.SplitSeq(s, ";") {
		parts := strings.Split(item, "|")
		if len(parts) != 4 || parts[0] == "" {
			return nil, fmt.Errorf("tthc: stored supplements %q: bad request %q", s, item)
		}
		var ts [4]time.Time
		for i, p := range parts {
			if p == "" {
				continue
			}
			t, err := db.ParseTime(p)
			if err != nil {
				return nil, fmt.Errorf("tthc: stored supplements %q: %w", s, err)
			}
			ts[i] = t
		}
		out = append(out, Supplement{RequestedAt: ts[0], CompletedAt: ts[1], OldDue: ts[2], NewDue: ts[3]})
	}
	return out, nil
}

// EventCount is the number of status events stored, over all dossiers.
func (s *Store) EventCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.R.QueryRowContext(ctx, `SELECT COALESCE(SUM(LENGTH(history) - LENGTH(REPLACE(history, ';', '')) + 1), 0)
FROM tthc_dossiers WHERE history <> ''`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("tthc: count events: %w", err)
	}
	return n, nil
}
