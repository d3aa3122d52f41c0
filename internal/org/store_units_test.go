package org

import (
	"context"
	"papihub/internal/platform/db"
	"strings"
	"testing"
)

func TestUnitsFormATreeWithPathsAndLevels(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	dept := under(t, s, root, "000.07.00.H33", "Sở Khoa học và Công nghệ", KindAgency)
	div := under(t, s, dept, "000.07.01.H33", "Văn phòng Sở", KindDivision)
	u, err := s.Unit(ctx, div)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/" + itoa(root) + "/" + itoa(dept) + "/" + itoa(div) + "/"; u.Path != want || u.Level != 2 {
		t.Fatalf("path, level = %q, %d; want %q, 2", u.Path, u.Level, want)
	}
	if u.ParentName != "Sở Khoa học và Công nghệ" {
		t.Fatalf("parent name = %q", u.ParentName)
	}
}

func TestUnitListIsInTreeOrderWithVietnameseSortingOfSiblings(t *testing.T) {
	s, _ := newTestStore(t)
	root := province(s, t)
	b := under(t, s, root, "B", "Sở Xây dựng", KindAgency)
	a := under(t, s, root, "A", "Sở Đào tạo", KindAgency) // Đ sorts after D, before X
	under(t, s, b, "B1", "Phòng Ấn", KindDivision)
	under(t, s, a, "A1", "Văn phòng", KindDivision)
	under(t, s, root, "C", "Sở Dân tộc", KindAgency)
	units, err := s.Units(context.Background(), UnitFilter{Scope: "/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units {
		got = append(got, u.Name)
	}
	want := []string{"UBND tỉnh Hưng Yên", "Sở Dân tộc", "Sở Đào tạo", "Văn phòng", "Sở Xây dựng", "Phòng Ấn"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestUnitSearchIgnoresDiacriticsAndCase(t *testing.T) {
	s, _ := newTestStore(t)
	root := province(s, t)
	under(t, s, root, "X1", "Sở Nội vụ", KindHomeAffairs)
	under(t, s, root, "X2", "Sở Tài chính", KindAgency)
	for _, q := range []string{"noi vu", "NỘI", "sở nội vụ"} {
		units, err := s.Units(context.Background(), UnitFilter{Scope: "/", Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 1 || units[0].Name != "Sở Nội vụ" {
			t.Fatalf("search %q found %v", q, units)
		}
	}
}

func TestSearchTreatsPercentAndUnderscoreLiterally(t *testing.T) {
	s, _ := newTestStore(t)
	root := province(s, t)
	under(t, s, root, "X1", "Sở Nội vụ", KindHomeAffairs)
	units, err := s.Units(context.Background(), UnitFilter{Scope: "/", Query: "%"})
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 0 {
		t.Fatalf(`"%%" matched %d units, want none`, len(units))
	}
}

func TestDuplicateUnitCodeIsAFieldErrorAndChangesNothing(t *testing.T) {
	s, _ := newTestStore(t)
	root := province(s, t)
	under(t, s, root, "000.07.00.H33", "Sở A", KindAgency)
	_, err := s.CreateUnit(context.Background(), testActor, UnitInput{Code: "000.07.00.H33", Kind: KindAgency, Name: "Sở B", ParentID: root, ValidFrom: day("01/01/2020")})
	if got := fieldError(t, err, "code"); got != "org.unit.code.taken" {
		t.Fatalf("code error = %q", got)
	}
	units, _ := s.Units(context.Background(), UnitFilter{Scope: "/"})
	if len(units) != 2 {
		t.Fatalf("%d units after a rejected create, want 2", len(units))
	}
}

func TestAUnitCannotMoveUnderItselfOrItsDescendant(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	dept := under(t, s, root, "D", "Sở A", KindAgency)
	div := under(t, s, dept, "D1", "Phòng 1", KindDivision)
	for _, target := range []int64{dept, div} {
		err := s.UpdateUnit(ctx, testActor, dept, UnitInput{Code: "D", Kind: KindAgency, Name: "Sở A", ParentID: target, ValidFrom: day("01/01/2008")})
		if got := fieldError(t, err, "parent_id"); got != "org.unit.parent.cycle" {
			t.Fatalf("move under %d: error = %q", target, got)
		}
	}
}

func TestMovingAUnitCarriesItsSubtree(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	a := under(t, s, root, "A", "Sở A", KindAgency)
	b := under(t, s, root, "B", "Sở B", KindAgency)
	div := under(t, s, a, "A1", "Phòng 1", KindDivision)
	team := under(t, s, div, "A11", "Tổ 1", KindDivision)
	if err := s.UpdateUnit(ctx, testActor, div, UnitInput{Code: "A1", Kind: KindDivision, Name: "Phòng 1", ParentID: b, ValidFrom: day("01/01/2008")}); err != nil {
		t.Fatal(err)
	}
	u, err := s.Unit(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/" + itoa(root) + "/" + itoa(b) + "/" + itoa(div) + "/" + itoa(team) + "/"; u.Path != want || u.Level != 3 {
		t.Fatalf("grandchild path, level = %q, %d; want %q, 3", u.Path, u.Level, want)
	}
}

func TestAClosedUnitKeepsItsHistoryAndIsHiddenFromTodaysList(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	old := under(t, s, root, "000.10.00.H33", "Sở Thông tin và Truyền thông", KindAgency)
	merged := under(t, s, root, "000.07.00.H33", "Sở Khoa học và Công nghệ", KindAgency)
	if err := s.CloseUnit(ctx, testActor, old, day("30/06/2025"), merged); err != nil {
		t.Fatal(err)
	}
	u, err := s.Unit(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if !u.OpenOn(day("30/06/2025")) || u.OpenOn(day("01/07/2025")) || u.SuccessorID != merged {
		t.Fatalf("closed unit: open 30/06=%v, open 01/07=%v, successor=%d", u.OpenOn(day("30/06/2025")), u.OpenOn(day("01/07/2025")), u.SuccessorID)
	}
	today, _ := s.Units(ctx, UnitFilter{Scope: "/"})
	all, _ := s.Units(ctx, UnitFilter{Scope: "/", IncludeClosed: true})
	then, _ := s.Units(ctx, UnitFilter{Scope: "/", On: day("15/03/2023")})
	if len(today) != 2 || len(all) != 3 || len(then) != 3 {
		t.Fatalf("today %d, all %d, in 2023 %d; want 2, 3, 3", len(today), len(all), len(then))
	}
}

func TestNoUnitCanBeCreatedUnderAClosedParent(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	old := under(t, s, root, "O", "Sở cũ", KindAgency)
	if err := s.CloseUnit(ctx, testActor, old, day("30/06/2025"), 0); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateUnit(ctx, testActor, UnitInput{Code: "O1", Kind: KindDivision, Name: "Phòng mới", ParentID: old, ValidFrom: day("01/07/2025")})
	if got := fieldError(t, err, "parent_id"); got != "org.unit.parent.closed" {
		t.Fatalf("error = %q", got)
	}
}

func TestUnitValidationNamesEachBadField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    UnitInput
		field string
		key   string
	}{
		{"empty code", UnitInput{Kind: KindAgency, Name: "A", ParentID: 1, ValidFrom: day("01/01/2020")}, "code", "org.unit.code.required"},
		{"code with spaces", UnitInput{Code: "000 00", Kind: KindAgency, Name: "A", ParentID: 1, ValidFrom: day("01/01/2020")}, "code", "org.unit.code.format"},
		{"no name", UnitInput{Code: "A", Kind: KindAgency, ParentID: 1, ValidFrom: day("01/01/2020")}, "name", "org.unit.name.required"},
		{"unknown kind", UnitInput{Code: "A", Kind: "ministry", Name: "A", ParentID: 1, ValidFrom: day("01/01/2020")}, "kind", "org.unit.kind.invalid"},
		{"province under a parent", UnitInput{Code: "A", Kind: KindProvince, Name: "A", ParentID: 1, ValidFrom: day("01/01/2020")}, "parent_id", "org.unit.province.root"},
		{"division without parent", UnitInput{Code: "A", Kind: KindDivision, Name: "A", ValidFrom: day("01/01/2020")}, "parent_id", "org.unit.parent.required"},
		{"no start date", UnitInput{Code: "A", Kind: KindAgency, Name: "A", ParentID: 1}, "valid_from", "org.unit.valid_from.required"},
		{"ends before it starts", UnitInput{Code: "A", Kind: KindAgency, Name: "A", ParentID: 1, ValidFrom: day("01/01/2020"), ValidTo: day("31/12/2019")}, "valid_to", "org.unit.valid_to.before"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Validate()[tc.field]; got != tc.key {
				t.Fatalf("Validate()[%s] = %q, want %q", tc.field, got, tc.key)
			}
		})
	}
}

// A subtree's range of paths in byte order can be read through an index on
// PostgreSQL too, whatever the database's collation (migration 002).
func TestASubtreeRangeOfPathsCanUseAnIndex(t *testing.T) {
	s, _ := newTestStore(t)
	if s.db.Dialect != db.Postgres {
		t.Skip("SQLite compares paths in byte order with units_path")
	}
	ctx := context.Background()
	conn, err := s.db.W.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "RESET enable_seqscan")
	path := s.db.Dialect.Bytewise("path")
	rows, err := conn.QueryContext(ctx, "EXPLAIN SELECT id FROM units WHERE "+path+" >= '/1/' AND "+path+" < '/10'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	if !strings.Contains(plan.String(), "units_path_bytewise") {
		t.Fatalf("the subtree's range is not read through units_path_bytewise:\n%s", plan.String())
	}
}
