package legaldoc

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/audit"
)

// importFile imports a file of testdata into the fixture's register.
func (f *fixture) importFile(name string, skip bool) ImportReport {
	f.t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		f.t.Fatal(err)
	}
	format := "csv"
	if strings.HasSuffix(name, ".xlsx") {
		format = "xlsx"
	}
	return f.importBytes(b, format, skip)
}

func (f *fixture) importBytes(b []byte, format string, skip bool) ImportReport {
	f.t.Helper()
	dec, err := NewDecoder(bytes.NewReader(b), format)
	if err != nil {
		f.t.Fatalf("open: %v", err)
	}
	defer dec.Close()
	rep, err := f.s.Import(context.Background(), audit.CLI(), f.unit.ID, dec, skip)
	if err != nil {
		f.t.Fatalf("import: %v", err)
	}
	return rep
}

func (f *fixture) statusOf(number, day string) Status {
	f.t.Helper()
	d, err := f.s.DocumentByNumber(context.Background(), f.unit.ID, number)
	if err != nil {
		f.t.Fatalf("%s: %v", number, err)
	}
	st, err := f.s.StatusesOn(context.Background(), f.unit.Path, on(day))
	if err != nil {
		f.t.Fatal(err)
	}
	return st[d.ID]
}

func TestARegisterFileIsImportedOnceAndAgainChangesNothing(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("register_basic.csv", false)
	if rep.Imported != 7 || rep.Rejected != 0 || !rep.Applied {
		t.Fatalf("first import: %+v", rep)
	}
	for _, tc := range []struct {
		number, day string
		want        Status
	}{
		{"12/2020/QĐ-UBND", "2025-03-19", InForce},
		{"12/2020/QĐ-UBND", "2025-03-20", Expired},
		{"05/2021/NQ-HĐND", "2025-06-15", PartlyExpired},
		{"08/2022/QĐ-UBND", "2025-12-31", InForce},
		{"03/CT-UBND", "2024-12-31", InForce},
		{"03/CT-UBND", "2025-01-01", Expired},
		{"20/2025/QĐ-UBND", "2025-08-14", NotYetInForce},
	} {
		if got := f.statusOf(tc.number, tc.day); got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.number, tc.day, got, tc.want)
		}
	}
	amending, _ := f.s.DocumentByNumber(context.Background(), f.unit.ID, "08/2022/QĐ-UBND")
	rels, _ := f.s.Relations(context.Background(), amending.ID)
	if len(rels) != 1 || rels[0].Kind != Amends || rels[0].Provisions != "Điều 3; khoản 2 Điều 5" {
		t.Errorf("the amendment: %+v", rels)
	}
	again := f.importFile("register_basic.csv", false)
	if again.Imported != 0 || again.Unchanged != 7 || again.Rejected != 0 {
		t.Errorf("second import: %+v, want 7 unchanged", again)
	}
}

func TestTheLegalListShapeWithNumberAndDateInOneColumnIsRead(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("register_legal_list.csv", false)
	if rep.Imported != 3 || rep.Rejected != 0 {
		t.Fatalf("import: %+v", rep)
	}
	d, err := f.s.DocumentByNumber(context.Background(), f.unit.ID, "10/2019/QĐ-UBND")
	if err != nil {
		t.Fatal(err)
	}
	if d.Type != "Quyết định" || !d.IssuedOn.Equal(on("2019-08-05")) || !d.EffectiveFrom.Equal(on("2019-08-15")) {
		t.Errorf("10/2019: type %q, issued %v, effective %v", d.Type, d.IssuedOn, d.EffectiveFrom)
	}
	if !d.Timeline.ExpiredOn.Equal(on("2024-12-15")) {
		t.Errorf("10/2019 ends %v, want 15/12/2024 (replaced by 11/2024)", d.Timeline.ExpiredOn)
	}
	nq, err := f.s.DocumentByNumber(context.Background(), f.unit.ID, "09/2018/NQ-HĐND")
	if err != nil || nq.Type != "Nghị quyết" || !nq.IssuedOn.Equal(on("2018-07-12")) {
		t.Errorf("a number and date on two lines of one cell: %+v, %v", nq, err)
	}
}

func TestEnglishTitlesISODatesAndASuspensionUntilADay(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("register_english.csv", false)
	if rep.Imported != 3 || rep.Rejected != 0 {
		t.Fatalf("import: %+v", rep)
	}
	for day, want := range map[string]Status{"2024-02-29": InForce, "2024-03-01": Suspended, "2024-06-30": Suspended, "2024-07-01": InForce, "2025-02-10": InForce} {
		if got := f.statusOf("01/2024/QĐ-UBND", day); got != want {
			t.Errorf("on %s: %s, want %s", day, got, want)
		}
	}
}

func TestAWorkbookWithATitleRowAndRealDateCellsIsRead(t *testing.T) {
	x := excelize.NewFile()
	sh := x.GetSheetName(0)
	rows := [][]any{
		{"SỔ THEO DÕI VĂN BẢN QPPL"},
		{"STT", "Số, ký hiệu", "Hình thức văn bản", "Tên văn bản", "Ngày ban hành", "Ngày hiệu lực", "Bị bãi bỏ bởi"},
		{1, "04/2023/QĐ-UBND", "Quyết định", "Quy định về quản lý tần số", on("2023-03-01"), on("2023-03-11"), "09/2025/QĐ-UBND (Điều 2)"},
		{2, "09/2025/QĐ-UBND", "Quyết định", "Bãi bỏ một phần quy định về tần số", on("2025-05-05"), on("2025-05-15"), ""},
	}
	style, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	x.SetCellStyle(sh, "E3", "F4", style)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t)
	rep := f.importBytes(buf.Bytes(), "xlsx", false)
	if rep.Imported != 2 || rep.Rejected != 0 {
		t.Fatalf("import: %+v", rep)
	}
	if got := f.statusOf("04/2023/QĐ-UBND", "2025-05-15"); got != PartlyExpired {
		t.Errorf("04/2023 after the partial repeal: %s", got)
	}
}

func TestAFileWithBadRowsIsRejectedWholeWithEveryRowNamed(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("register_bad.csv", false)
	if rep.Applied || rep.Imported != 0 {
		t.Fatalf("a bad file was applied: %+v", rep)
	}
	want := map[int]string{
		2: "tạo thành vòng",                              // both rows of the loop are named
		3: "tạo thành vòng",                              // 02/2024 replaces 01/2024, which replaces 02/2024
		4: "Ngày hết hiệu lực phải sau ngày có hiệu lực", // 03/2024
		5: "31/02/2024",                                  // no such day
		6: "99/2023/QĐ-UBND không có trong sổ",
	}
	got := map[int]string{}
	for _, e := range rep.Errors {
		got[e.Line] += e.Column + ": " + e.Reason + " | "
	}
	for line, fragment := range want {
		if !strings.Contains(got[line], fragment) {
			t.Errorf("line %d: %q, want it to say %q", line, got[line], fragment)
		}
	}
	if rep.Rejected != len(want) {
		t.Errorf("rejected %d rows (%v), want %d", rep.Rejected, got, len(want))
	}
	if list, _, _ := f.s.Documents(context.Background(), Filter{Scope: f.unit.Path}); len(list) != 0 {
		t.Errorf("%d documents saved from a rejected file", len(list))
	}
	skipped := f.importFile("register_bad.csv", true)
	if !skipped.Applied || skipped.Imported != 1 || skipped.Rejected != 5 {
		t.Errorf("with --skip-invalid: %+v, want 06/2024 imported", skipped)
	}
}

func TestRelationCellsAreReadTheWaysPeopleWriteThem(t *testing.T) {
	for _, tc := range []struct {
		cell string
		want []RelationRef
	}{
		{"12/2024/QĐ-UBND", []RelationRef{{Number: "12/2024/QĐ-UBND"}}},
		{"Quyết định số 12/2024/QĐ-UBND ngày 15/3/2024 (Điều 3, khoản 2 Điều 5); 05/2023/NQ-HĐND",
			[]RelationRef{{Number: "12/2024/QĐ-UBND", Provisions: "Điều 3, khoản 2 Điều 5"}, {Number: "05/2023/NQ-HĐND"}}},
		{"01/CT-UBND: Mục II", []RelationRef{{Number: "01/CT-UBND", Provisions: "Mục II"}}},
		{"64/2025/QH15 (từ 01/07/2025)", []RelationRef{{Number: "64/2025/QH15", StartsOn: on("2025-07-01")}}},
		{"12/2024/QĐ - UBND", []RelationRef{{Number: "12/2024/QĐ-UBND"}}},
	} {
		got, err := ParseRelationCell(Repeals, false, tc.cell)
		if err != nil {
			t.Errorf("%q: %v", tc.cell, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: %d items %+v", tc.cell, len(got), got)
			continue
		}
		for i := range got {
			w := tc.want[i]
			if got[i].Number != w.Number || got[i].Provisions != w.Provisions || !got[i].StartsOn.Equal(w.StartsOn) {
				t.Errorf("%q item %d: %+v, want %+v", tc.cell, i, got[i], w)
			}
		}
	}
	if _, err := ParseRelationCell(PartlyExpires, false, "12/2024/QĐ-UBND"); err == nil {
		t.Error("a partial expiry without provisions was accepted")
	}
	if _, err := ParseRelationCell(Replaces, false, "công văn hỏa tốc"); err == nil {
		t.Error("an item without a number was accepted")
	}
}

func TestTypesAreWrittenTheUsualWay(t *testing.T) {
	for in, want := range map[string]string{"quyết định": "Quyết định", "QĐ": "Quyết định", "nghi quyet": "Nghị quyết", "Chỉ thị": "Chỉ thị", "kế hoạch": "Kế hoạch"} {
		if got := CanonicalType(in); got != want {
			t.Errorf("CanonicalType(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"12/2024/QĐ-UBND": "Quyết định", "05/2021/NQ-HĐND": "Nghị quyết", "03/CT-UBND": "Chỉ thị", "64/2025/QH15": "Luật", "79/2025/NĐ-CP": "Nghị định", "123/UBND-VX": ""} {
		if got := TypeFromNumber(in); got != want {
			t.Errorf("TypeFromNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
