package tthc

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// Every write the index reads is audited under an entity of IndexScope:
// after each, the next request computes the index again. The aggregates
// are emptied behind the log's back first (a raw statement), so a kept
// index is told from a computed one whatever the write changed. Writes
// outside the scope (a sign-in, an API token, another capability's
// record) keep it.
func TestEveryWriteTheIndexReadsIsAuditedInItsScope(t *testing.T) {
	ctx := context.Background()
	year, _ := ParsePeriod("2026")
	orgOf := func(s *Store) *org.Store { return org.NewStore(s.db, nil) }
	aUser := func(t *testing.T, s *Store) (int64, string) {
		var id int64
		var name string
		if err := s.db.R.QueryRowContext(ctx, `SELECT id, username FROM users ORDER BY id LIMIT 1`).Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		return id, name
	}
	writes := []struct {
		name    string
		inScope bool
		write   func(t *testing.T, s *Store, unit UnitInfo) error
	}{
		{"dossiers imported", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			// Into a unit of the agency's subtree: the same codes again
			// would be refused as the same dossiers going back in time.
			rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, "000.07.05.H33"), 9, 50, GenerateOptions{Procedures: 4}, nil, nil)
			if rep.Imported == 0 {
				t.Fatalf("nothing imported: %+v", rep)
			}
			return err
		}},
		{"a procedure edited", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unit.Path})
			if err != nil || len(procs) == 0 {
				t.Fatalf("procedures: %v %v", procs, err)
			}
			procs[0].Field = "Lĩnh vực đổi tên"
			return s.UpdateProcedure(ctx, audit.CLI(), procs[0])
		}},
		{"a procedure added", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			withProcedure(t, s, "1.009999", 5)
			return nil
		}},
		{"a count entered by hand", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			return s.SetManualCount(ctx, audit.CLI(), ManualCount{UnitID: unit.ID, Metric: "PUBLIC_UPDATE_ON_TIME", Period: year, Count: Count{3, 4}})
		}},
		{"a calendar day set", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			_, err := s.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: DateDay(2026, 8, 5), Kind: Holiday, Name: "Nghỉ đột xuất"})
			return err
		}},
		{"a unit created under the agency", true, func(t *testing.T, s *Store, unit UnitInfo) error {
			_, err := orgOf(s).CreateUnit(ctx, audit.CLI(), org.UnitInput{Code: "000.07.99.H33", Kind: org.KindDivision, Name: "Phòng mới", ParentID: unit.ID,
				ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
			return err
		}},
		{"a sign-in", false, func(t *testing.T, s *Store, unit UnitInfo) error {
			id, name := aUser(t, s)
			_, err := orgOf(s).OpenSession(ctx, id, name, "127.0.0.1", "test")
			return err
		}},
		{"an API token issued", false, func(t *testing.T, s *Store, unit UnitInfo) error {
			id, _ := aUser(t, s)
			_, err := orgOf(s).CreateToken(ctx, audit.CLI(), id, "đồng bộ")
			return err
		}},
		{"a task ticked", false, func(t *testing.T, s *Store, unit UnitInfo) error {
			return s.db.Tx(ctx, func(tx *sql.Tx) error {
				return audit.Write(ctx, tx, audit.Entry{Actor: audit.CLI(), Action: "update", Entity: "tasks", UnitID: unit.ID})
			})
		}},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			s := newStore(t)
			unit := unitOf(t, s, demoAgency)
			if rep, err := s.GenerateInto(ctx, audit.CLI(), unit, 3, 400, GenerateOptions{Procedures: 4}, nil, nil); err != nil || rep.Rejected != 0 {
				t.Fatalf("generate: %+v %v", rep, err)
			}
			index := func() IndexReport {
				t.Helper()
				rep, err := s.Index(ctx, unit, year, IndexOptions{Breakdowns: true})
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			kept := index()
			for _, table := range []string{"tthc_daily", "tthc_monthly", "tthc_yearly"} {
				if _, err := s.db.W.ExecContext(ctx, "DELETE FROM "+table); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.write(t, s, unit); err != nil {
				t.Fatal(err)
			}
			fresh, err := s.computeIndex(ctx, unit, year, IndexOptions{Breakdowns: true})
			if err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(kept, fresh) {
				t.Fatal("the index computed now is the one kept: the test proves nothing")
			}
			want, what := kept, "kept"
			if w.inScope {
				want, what = fresh, "computed again"
			}
			if got := index(); !reflect.DeepEqual(got, want) {
				t.Fatalf("after %s the index was not %s", w.name, what)
			}
		})
	}
}
