package tthc

import (
	"context"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// The index keeps its reading of a subtree's catalogue until a procedure
// or a unit changes, in any process: a procedure edited, or a unit moved
// with its procedures to another subtree, is read at once.
func TestTheIndexReadsTheCatalogueAgainWhenAProcedureOrAUnitChanges(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p := withProcedure(t, s, "1.000001", 5)
	withProcedure(t, s, "1.000002", 7)
	province, other := unitOf(t, s, org.DemoProvinceCode), unitOf(t, s, "000.01.00.H33")
	read := func(u UnitInfo) []Procedure {
		t.Helper()
		procs, keys, err := s.indexCatalogue(ctx, u.Path)
		if err != nil || len(keys) != len(procs) {
			t.Fatalf("%d procedures, %d keys, %v", len(procs), len(keys), err)
		}
		return procs
	}
	field := func(procs []Procedure, id int64) string {
		for _, pr := range procs {
			if pr.ID == id {
				return pr.Field
			}
		}
		return "(none)"
	}

	first := read(province)
	if again := read(province); len(first) != 2 || &again[0] != &first[0] {
		t.Fatalf("the catalogue was read again without a change (%d procedures)", len(first))
	}
	// a change in another process: a second store on the same database
	other2 := NewStore(s.DB(), testBox{}, nil)
	p.Field = "Đất đai"
	if err := other2.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	if got := field(read(province), p.ID); got != "Đất đai" {
		t.Errorf("after the edit the index reads field %q", got)
	}

	if n := len(read(other)); n != 0 {
		t.Fatalf("%s has %d procedures before the move", other.Path, n)
	}
	orgs := org.NewStore(s.DB(), nil)
	agency, err := orgs.UnitByCode(ctx, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	in := org.UnitInput{Code: agency.Code, Kind: agency.Kind, Name: agency.Name, ShortName: agency.ShortName,
		ParentID: other.ID, ValidFrom: agency.ValidFrom, ValidTo: agency.ValidTo}
	if err := orgs.UpdateUnit(ctx, audit.CLI(), agency.ID, in); err != nil {
		t.Fatal(err)
	}
	if n := len(read(other)); n != 2 {
		t.Errorf("after the move %s has %d procedures, want 2", other.Path, n)
	}
}
