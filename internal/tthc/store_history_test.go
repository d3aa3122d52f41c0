package tthc

import (
	"context"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

func TestHistoryColumnsRoundTrip(t *testing.T) {
	utc := func(s string) time.Time { return at(s).UTC() }
	for _, c := range []struct {
		name        string
		events      []Event
		sups        []Supplement
		history     string
		supplements string
	}{
		{name: "empty"},
		{name: "one event", events: []Event{ev(StatusReceived, "2026-08-03 09:00")},
			history: "2@2026-08-03T02:00:00Z"},
		{name: "a whole history and two supplements, one never returned",
			events: []Event{ev(StatusReceived, "2026-08-03 09:00"), ev(StatusInProcess, "2026-08-03 10:00"),
				ev(StatusSupplementRequested, "2026-08-04 08:30"), ev(StatusResolved, "2026-08-10 16:00"), ev(StatusReturned, "2026-08-11 07:15")},
			sups: []Supplement{{RequestedAt: utc("2026-08-04 08:30"), CompletedAt: utc("2026-08-05 09:00"), OldDue: utc("2026-08-07 17:00"), NewDue: utc("2026-08-10 17:00")},
				{RequestedAt: utc("2026-08-06 08:00")}},
			history:     "2@2026-08-03T02:00:00Z;4@2026-08-03T03:00:00Z;5@2026-08-04T01:30:00Z;9@2026-08-10T09:00:00Z;10@2026-08-11T00:15:00Z",
			supplements: "2026-08-04T01:30:00Z|2026-08-05T02:00:00Z|2026-08-07T10:00:00Z|2026-08-10T10:00:00Z;2026-08-06T01:00:00Z|||"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := encodeHistory(c.events); got != c.history {
				t.Fatalf("history = %q, want %q", got, c.history)
			}
			if got := encodeSupplements(c.sups); got != c.supplements {
				t.Fatalf("supplements = %q, want %q", got, c.supplements)
			}
			events, err := decodeHistory(c.history)
			if err != nil || len(events) != len(c.events) {
				t.Fatalf("decode history = %v, %v", events, err)
			}
			for i := range events {
				if events[i].Status != c.events[i].Status || !events[i].At.Equal(c.events[i].At) {
					t.Fatalf("event %d = %v, want %v", i, events[i], c.events[i])
				}
			}
			sups, err := decodeSupplements(c.supplements)
			if err != nil || !reflect.DeepEqual(sups, c.sups) {
				t.Fatalf("decode supplements = %v, %v; want %v", sups, err, c.sups)
			}
		})
	}
}

func TestHistoryColumnsRefuseWhatTheyDidNotWrite(t *testing.T) {
	for _, h := range []string{"2", "2@", "11@2026-08-03T02:00:00Z", "x@2026-08-03T02:00:00Z", "2@2026-08-03 02:00", ";"} {
		if _, err := decodeHistory(h); err == nil {
			t.Errorf("decodeHistory(%q) accepted", h)
		}
	}
	for _, s := range []string{"2026-08-04T01:30:00Z", "|||", "2026-08-04T01:30:00Z|x||", "2026-08-04T01:30:00Z||||"} {
		if _, err := decodeSupplements(s); err == nil {
			t.Errorf("decodeSupplements(%q) accepted", s)
		}
	}
}

func FuzzHistoryColumn(f *testing.F) {
	f.Add("2@2026-08-03T02:00:00Z;4@2026-08-03T03:00:00Z")
	f.Add("2026-08-04T01:30:00Z|2026-08-05T02:00:00Z||;2026-08-06T01:00:00Z|||")
	f.Fuzz(func(t *testing.T, s string) {
		// whatever decodes, encodes back to what decodes the same
		if events, err := decodeHistory(s); err == nil {
			again, err := decodeHistory(encodeHistory(events))
			if err != nil || encodeHistory(again) != encodeHistory(events) {
				t.Fatalf("history %q does not round-trip: %v", s, err)
			}
		}
		if sups, err := decodeSupplements(s); err == nil {
			again, err := decodeSupplements(encodeSupplements(sups))
			if err != nil || encodeSupplements(again) != encodeSupplements(sups) {
				t.Fatalf("supplements %q do not round-trip: %v", s, err)
			}
		}
	})
}

// Migration 005 moves the rows of tthc_events and tthc_supplements into the
// dossier's columns: a database written before it reads back the same.
func TestMigrationMovesHistoriesIntoTheDossierRow(t *testing.T) {
	ctx := context.Background()
	before := fstest.MapFS{}
	entries, err := fs.ReadDir(Migrations.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() < "005" {
			b, err := fs.ReadFile(Migrations.FS, e.Name())
			if err != nil {
				t.Fatal(err)
			}
			before[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, db.Module{Name: Migrations.Name, FS: before})
	if _, err := org.NewStore(conn, nil).LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	s := NewStore(conn, testBox{}, nil)
	p := withProcedure(t, s, "1.000001", 5)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := conn.W.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, code := range []string{"000.07.00.H33-260803-0001", "000.07.00.H33-260803-0002"} {
		exec(`INSERT INTO tthc_dossiers (code, procedure_id, unit_id, channel, status, created_at, updated_at)
VALUES ($1, $2, $3, 1, 9, '2026-08-03T02:00:00Z', '2026-08-03T02:00:00Z')`, code, p.ID, p.UnitID)
	}
	var id int64
	if err := conn.W.QueryRowContext(ctx, "SELECT id FROM tthc_dossiers WHERE code = '000.07.00.H33-260803-0001'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	// rows in another order than time, as the old importer could write them
	for _, e := range [][2]any{{9, "2026-08-10T09:00:00Z"}, {2, "2026-08-03T02:00:00Z"}, {5, "2026-08-04T01:30:00Z"}, {4, "2026-08-03T03:00:00Z"}} {
		exec("INSERT INTO tthc_events (dossier_id, status, at) VALUES ($1, $2, $3)", id, e[0], e[1])
	}
	exec("INSERT INTO tthc_supplements (dossier_id, requested_at, completed_at, old_due, new_due) VALUES ($1, '2026-08-06T01:00:00Z', NULL, NULL, NULL)", id)
	exec("INSERT INTO tthc_supplements (dossier_id, requested_at, completed_at, old_due, new_due) VALUES ($1, '2026-08-04T01:30:00Z', '2026-08-05T02:00:00Z', '2026-08-07T10:00:00Z', '2026-08-10T10:00:00Z')", id)

	if err := conn.Migrate(ctx, audit.Migrations, org.Migrations, Migrations); err != nil {
		t.Fatal(err)
	}
	var history, supplements string
	if err := conn.R.QueryRowContext(ctx, "SELECT history, supplements FROM tthc_dossiers WHERE id = $1", id).Scan(&history, &supplements); err != nil {
		t.Fatal(err)
	}
	if want := "2@2026-08-03T02:00:00Z;4@2026-08-03T03:00:00Z;5@2026-08-04T01:30:00Z;9@2026-08-10T09:00:00Z"; history != want {
		t.Errorf("history = %q, want %q", history, want)
	}
	if want := "2026-08-04T01:30:00Z|2026-08-05T02:00:00Z|2026-08-07T10:00:00Z|2026-08-10T10:00:00Z;2026-08-06T01:00:00Z|||"; supplements != want {
		t.Errorf("supplements = %q, want %q", supplements, want)
	}
	ds, err := loadDossiers(ctx, conn.R, "d.code LIKE '000.07.00.H33-260803-%' ORDER BY d.code")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || len(ds[0].Events) != 4 || len(ds[0].Supplements) != 2 || ds[1].Events != nil || ds[1].Supplements != nil {
		t.Fatalf("dossiers after the migration = %+v", ds)
	}
	tables, err := db.Tables(audit.Migrations, org.Migrations, Migrations)
	if err != nil {
		t.Fatal(err)
	}
	if joined := "," + strings.Join(tables, ",") + ","; strings.Contains(joined, ",tthc_events,") || strings.Contains(joined, ",tthc_supplements,") {
		t.Errorf("db.Tables still lists the dropped tables: %v", tables)
	}
}
