package tthc

import (
	"context"
	"reflect"
	"testing"

	"papihub/internal/audit"
)

// The index is computed again exactly when an audited change came after
// it: a write the audit log does not know of (here a raw statement) is not
// seen, an audited one is, on the next request already.
func TestTheIndexIsKeptUntilAnAuditedChange(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	unit := unitOf(t, s, demoAgency)
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unit, 3, 400, GenerateOptions{Procedures: 4}, nil, nil); err != nil || rep.Rejected != 0 {
		t.Fatalf("generate: %+v %v", rep, err)
	}
	year, _ := ParsePeriod("2026")
	first, err := s.Index(ctx, unit, year, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.ExecContext(ctx, "DELETE FROM tthc_daily"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.ExecContext(ctx, "DELETE FROM tthc_monthly"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.ExecContext(ctx, "DELETE FROM tthc_yearly"); err != nil {
		t.Fatal(err)
	}
	again, err := s.Index(ctx, unit, year, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Fatal("the index was computed again without an audited change")
	}
	fresh, err := s.computeIndex(ctx, unit, year, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(first, fresh) {
		t.Fatal("deleting the aggregates changed nothing: the test proves nothing")
	}
	// An audited change (a procedure edited) and the next request sees the
	// aggregates as they are now.
	procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unit.Path})
	if err != nil || len(procs) == 0 {
		t.Fatalf("procedures: %v %v", procs, err)
	}
	p := procs[0]
	p.Field = "Lĩnh vực đổi tên"
	if err := s.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	after, err := s.Index(ctx, unit, year, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.computeIndex(ctx, unit, year, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, want) {
		t.Fatal("after an audited change the index was not computed again")
	}
}
