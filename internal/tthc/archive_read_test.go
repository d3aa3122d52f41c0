package tthc

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
)

// drillCounts is, for every indicator of the index of unit over p that has
// a drill-down, the figure and what its drill-down lists: the number of
// dossiers behind the numerator and the denominator links, and the sum of
// those behind the links of what the score loses.
type drillCount struct {
	Num, Den           int64 // the figure
	ListNum, ListDen   int64 // listed; -1 when the indicator has no such link
	ListMinus          int64
	HasMinus, Archived bool // Archived: some listed dossier is of an archived year
}

func drillCounts(t *testing.T, s *Store, unit UnitInfo, p Period) map[string]drillCount {
	t.Helper()
	ctx := context.Background()
	rep, err := s.computeIndex(ctx, unit, p, IndexOptions{})
	if err != nil {
		t.Fatalf("index of %s over %s: %v", unit.Code, p, err)
	}
	out := map[string]drillCount{}
	for metric, d := range drillLinks(unit, p) {
		in := resultOf(rep.Result, metric)
		c := drillCount{Num: in.Num, Den: in.Den, ListNum: -1, ListDen: -1, HasMinus: len(d.Minus) > 0}
		list := func(href string) int64 {
			u, err := url.Parse(href)
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			lp, err := ParsePeriod(q.Get("period"))
			if err != nil || q.Get("unit") != "" && q.Get("unit") != itoa(unit.ID) {
				t.Fatalf("drill-down %s: %v", href, err)
			}
			ds, more, err := s.Dossiers(ctx, DossierFilter{Scope: unit.Path, Period: &lp, Judged: Judged(q.Get("judged")), Limit: 100000})
			if err != nil || more {
				t.Fatalf("drill-down %s: more %v, %v", href, more, err)
			}
			for _, d := range ds {
				c.Archived = c.Archived || d.Archived
			}
			return int64(len(ds))
		}
		if d.Num != "" {
			c.ListNum = list(d.Num)
		}
		if d.Den != "" {
			c.ListDen = list(d.Den)
		}
		for _, m := range d.Minus {
			c.ListMinus += list(m.Href)
		}
		out[metric] = c
	}
	return out
}

// With 2024 and 2025 archived, every indicator's figure over the kept
// periods is what its drill-down lists: the dossiers of 2025 still counted
// in 2026 (ended late in January, open and overdue since December) are
// listed, marked archived, and a staff look-up shows them read-only. A list
// over an archived period is refused as its index is.
func TestArchivedYearsStayInTheDrillDownsOfTheFiguresThatCountThem(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if s.db.Dialect != db.Postgres {
		t.Skip("archiving years is PostgreSQL's; SQLite keeps every year in plain tables")
	}
	_, agency := archiveFixture(t, s)
	units := []UnitInfo{agency, unitOf(t, s, org.DemoProvinceCode)}
	before := map[string]map[string]drillCount{}
	for _, u := range units {
		for _, name := range keptPeriods {
			before[u.Code+" "+name] = drillCounts(t, s, u, mustPeriod(t, name))
		}
	}
	if _, err := s.Archive(ctx, audit.CLI(), 2026); err != nil {
		t.Fatal(err)
	}
	sawArchived := false
	for _, u := range units {
		for _, name := range keptPeriods {
			key := u.Code + " " + name
			after := drillCounts(t, s, u, mustPeriod(t, name))
			if len(after) < 9 {
				t.Fatalf("%s: %d indicators with a drill-down, want the 9 of drillLinks", key, len(after))
			}
			for metric, c := range after {
				if c.ListNum >= 0 && c.ListNum != c.Num {
					t.Errorf("%s %s: numerator %d, its drill-down lists %d", key, metric, c.Num, c.ListNum)
				}
				if c.ListDen >= 0 && c.ListDen != c.Den {
					t.Errorf("%s %s: denominator %d, its drill-down lists %d", key, metric, c.Den, c.ListDen)
				}
				if c.HasMinus && max(c.Den-c.ListMinus, 0) != c.Num {
					t.Errorf("%s %s: %d/%d, but the dossiers it loses list %d", key, metric, c.Num, c.Den, c.ListMinus)
				}
				b := before[key][metric]
				b.Archived = c.Archived
				if b != c {
					t.Errorf("%s %s: before the archive %+v, after %+v", key, metric, before[key][metric], c)
				}
				sawArchived = sawArchived || c.Archived
			}
		}
	}
	if !sawArchived {
		t.Fatal("no drill-down listed a dossier of an archived year: the test proves nothing")
	}
	// January 2026's late list holds both December 2025 dossiers.
	jan := mustPeriod(t, "2026-01")
	late, _, err := s.Dossiers(ctx, DossierFilter{Scope: agency.Path, Period: &jan, Judged: JudgedLate, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, d := range late {
		if d.Archived {
			found[d.Code] = true
		}
	}
	if !found["000.07.00.H33-251222-9001"] || !found["000.07.00.H33-251223-9002"] {
		t.Errorf("January 2026's late list lacks the archived December dossiers: %v", found)
	}
	// A staff look-up reads the archived dossier, marked; an unknown code
	// stays unknown.
	if d, err := s.Dossier(ctx, "000.07.00.H33-251222-9001"); err != nil || !d.Archived || d.Status != StatusResolved {
		t.Errorf("staff look-up of an archived dossier: %+v %v", d, err)
	}
	// The list of an archived period is refused, as its index is.
	dec := mustPeriod(t, "2025-12")
	for _, j := range []Judged{JudgedAny, JudgedLate} {
		if _, _, err := s.Dossiers(ctx, DossierFilter{Scope: agency.Path, Period: &dec, Judged: j}); !errors.Is(err, ErrArchived) {
			t.Errorf("list %q of December 2025: %v, want ErrArchived", j, err)
		}
	}
}
