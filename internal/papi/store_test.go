package papi

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db/dbtest"
)

// newTestStore gives a store on the engine under test (SQLite, or PostgreSQL
// when PAPIHUB_TEST_POSTGRES is set) with a fixed clock.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, Migrations)
	return NewStore(conn, func() time.Time { return time.Date(2026, 3, 14, 2, 30, 0, 0, time.UTC) })
}

var officer = audit.Actor{Username: "vanphong"}

func importCSV(t *testing.T, s *Store, name, text string) ImportReport {
	t.Helper()
	rep, err := s.ImportFile(context.Background(), officer, name, strings.NewReader(text))
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return rep
}

func auditEntries(t *testing.T, s *Store, action string) []audit.Record {
	t.Helper()
	recs, _, err := audit.List(context.Background(), s.db.R, audit.Filter{Entity: "papi_results", Action: action, PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestTheOfficialFileRoundTripsThroughTheDatabaseUnchanged(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	rep, err := s.LoadOfficial(ctx, audit.System)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := ReadResultsCSV(strings.NewReader(OfficialResultsCSV))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != len(want) || rep.Updated != 0 || rep.Unchanged != 0 || len(rep.Warnings) != 0 {
		t.Fatalf("first import = %+v; want %d added and nothing else", rep, len(want))
	}
	got, err := s.Results(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("stored %d results, want %d", len(got), len(want))
	}
	byKey := map[string]Result{}
	for _, r := range got {
		byKey[resultKey(r)] = r
	}
	for _, w := range want {
		g, ok := byKey[resultKey(w)]
		if !ok {
			t.Fatalf("%s %d not stored", w.Province, w.Year)
		}
		if g.Province != w.Province || !sameScores(g, w) {
			t.Fatalf("%s %d stored as %+v, want %+v", w.Province, w.Year, g, w)
		}
	}
	years, err := s.Years(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 11 || years[0] != 2021 || years[10] != 2011 {
		t.Errorf("years = %v, want 2021 down to 2011", years)
	}
}

func TestMissingScoresStayMissingInTheDatabase(t *testing.T) {
	s := newTestStore(t)
	importCSV(t, s, "2021.csv", "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"+
		"Bắc Ninh,2021,,,,,,,,,\n"+
		"Hưng Yên,2021,5.1,,5.3,5.4,5.5,5.6,5.7,5.8,\n")
	rows, err := s.ResultsOfYear(context.Background(), 2021)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	bn, hy := rows[0], rows[1] // code order: Bắc Ninh 27, Hưng Yên 33
	if bn.Total.Present || bn.Dimensions[0].Present {
		t.Errorf("Bắc Ninh = %+v; want every score missing", bn)
	}
	if hy.Dimensions[1].Present || hy.Total.Present || hy.Dimensions[0] != Known(5.1) {
		t.Errorf("Hưng Yên = %+v; want D2 and total missing, D1 5.1", hy)
	}
}

func TestReimportingTheSameFileChangesNothing(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, err := s.LoadOfficial(ctx, audit.System); err != nil {
		t.Fatal(err)
	}
	before := len(auditEntries(t, s, ""))
	sources, err := s.SourcesOfYear(ctx, 2021)
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }
	rep, err := s.LoadOfficial(ctx, audit.System)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != 693 {
		t.Fatalf("second import = %+v; want all 693 unchanged", rep)
	}
	if after := len(auditEntries(t, s, "")); after != before {
		t.Errorf("audit entries %d → %d; an import that changes nothing writes nothing", before, after)
	}
	again, err := s.SourcesOfYear(ctx, 2021)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || !again[0].ImportedAt.Equal(sources[0].ImportedAt) {
		t.Errorf("sources %+v → %+v; the import time should not move", sources, again)
	}
}

func TestARevisedValueIsAnAuditedUpdate(t *testing.T) {
	s := newTestStore(t)
	header := "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"
	importCSV(t, s, "v1.csv", header+
		"Hưng Yên,2021,5.1,5.2,5.3,5.4,5.5,5.6,5.7,5.8,43.6\n"+
		"Hà Nam,2021,5,5,5,5,5,5,5,5,40\n")
	rep := importCSV(t, s, "v2.csv", header+
		"Hưng Yên,2021,5.1,5.2,5.3,5.4,5.5,5.6,5.7,6.8,44.6\n"+
		"Hà Nam,2021,5,5,5,5,5,5,5,5,40\n"+
		"Nam Định,2021,4,4,4,4,4,4,4,4,32\n")
	if rep.Added != 1 || rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("report = %+v; want 1 added, 1 updated, 1 unchanged", rep)
	}
	updates := auditEntries(t, s, "update")
	if len(updates) != 1 || updates[0].EntityID != "63:33:2021" || updates[0].Actor != "vanphong" {
		t.Fatalf("update entries = %+v; want one for Hưng Yên (63:33:2021) by vanphong", updates)
	}
	var before, after map[string]*float64
	if err := json.Unmarshal([]byte(updates[0].Before), &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(updates[0].After), &after); err != nil {
		t.Fatal(err)
	}
	if *before["D8"] != 5.8 || *after["D8"] != 6.8 || *after["total"] != 44.6 {
		t.Errorf("audit before %v after %v; want D8 5.8 → 6.8", before, after)
	}
	if imports := auditEntries(t, s, "import"); len(imports) != 2 || imports[0].EntityID != "v2.csv" {
		t.Errorf("import entries = %+v; want one per file that changed something", imports)
	}
	rows, err := s.ResultsOfYear(context.Background(), 2021)
	if err != nil {
		t.Fatal(err)
	}
	hy := rows[slicesIndex(rows, "Hưng Yên")]
	if hy.Dimensions[7] != Known(6.8) {
		t.Errorf("Hưng Yên D8 = %v after the revision, want 6.8", hy.Dimensions[7])
	}
}

func TestABadFileIsRefusedWholeWithEveryRowAndColumnNamed(t *testing.T) {
	s := newTestStore(t)
	_, err := s.ImportFile(context.Background(), officer, "bad.csv", strings.NewReader(
		"province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"+
			"Hưng Yên,2021,5.1,5.2,5.3,5.4,5.5,5.6,5.7,5.8,43.6\n"+
			"Atlantis,2021,5,5,5,5,5,5,5,5,40\n"+
			"Hà Nam,2021,5,11,5,5,5,5,5,5,40\n"+
			"Nam Định,20x1,4,4,4,4,4,4,4,4,32\n"))
	var re *ResultsError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *ResultsError", err)
	}
	want := map[string]bool{"3 province": false, "4 D2": false, "5 year": false}
	for _, p := range re.Problems {
		key := strconv.Itoa(p.Row) + " " + p.Column
		if _, ok := want[key]; ok {
			want[key] = true
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("no problem reported at row/column %s; got %v", k, re.Problems)
		}
	}
	rows, err := s.Results(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 0 {
		t.Errorf("%d rows stored from a refused file; want none, not even the good Hưng Yên row", len(rows))
	}
	if n := len(auditEntries(t, s, "")); n != 0 {
		t.Errorf("%d audit entries for a refused file, want 0", n)
	}
}

func TestResultsOfTheNewMapAreStoredApartFromTheOldProvinceWithTheSameCode(t *testing.T) {
	s := newTestStore(t)
	header := "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"
	importCSV(t, s, "old.csv", header+"Hưng Yên,2024,5,5,5,5,5,5,5,5,40\n")
	importCSV(t, s, "new.csv", header+"Hưng Yên,2025,6,6,6,6,6,6,6,6,48\n")
	all, err := s.Results(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Province.Era != 63 || all[1].Province.Era != 34 || all[0].Province.Code != all[1].Province.Code {
		t.Fatalf("results = %+v; want old (63) Hưng Yên 2024 and new (34) Hưng Yên 2025, both code 33", all)
	}
}

func slicesIndex(rows []Result, name string) int {
	for i, r := range rows {
		if r.Province.Name == name {
			return i
		}
	}
	return -1
}
