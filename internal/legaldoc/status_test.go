package legaldoc

import (
	"strings"
	"testing"
	"time"
)

// on reads a yyyy-mm-dd day.
func on(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, Day(2000, 1, 1).Location())
	if err != nil {
		panic(err)
	}
	return t
}

// doc is a document in force from eff.
func doc(id int64, number, eff string) Document {
	return Document{ID: id, Number: number, Type: "Quyết định", IssuedOn: on(eff).AddDate(0, 0, -10), EffectiveFrom: on(eff)}
}

func rel(id, src, tgt int64, kind RelationKind, provisions string) Relation {
	return Relation{ID: id, SourceID: src, TargetID: tgt, Kind: kind, Provisions: provisions}
}

// The register of the chain test: A amended by B, B replaced by C, C
// repealed by D; G details B; E ends article 5 of A; S suspends C for the
// first half of 2024.
func chain() ([]Document, []Relation) {
	docs := []Document{
		doc(1, "A-01/2020/QĐ-UBND", "2020-01-01"),
		doc(2, "B-05/2021/QĐ-UBND", "2021-07-01"),
		doc(3, "C-01/2023/QĐ-UBND", "2023-01-01"),
		doc(4, "D-07/2025/QĐ-UBND", "2025-03-15"),
		doc(5, "G-09/2021/QĐ-UBND", "2021-08-01"),
		doc(6, "E-02/2022/QĐ-UBND", "2022-05-01"),
		doc(7, "S-10/2024/QĐ-UBND", "2024-01-01"),
	}
	rels := []Relation{
		rel(1, 2, 1, Amends, "Điều 3"),
		rel(2, 3, 2, Replaces, ""),
		rel(3, 4, 3, Repeals, ""),
		rel(4, 5, 2, Guides, ""),
		rel(5, 6, 1, PartlyExpires, "Điều 5"),
		{ID: 6, SourceID: 7, TargetID: 3, Kind: Suspends, Until: on("2024-06-30")},
	}
	return docs, rels
}

func TestStatusOnADateFollowsTheChainOfRelations(t *testing.T) {
	docs, rels := chain()
	tl, _ := Derive(docs, rels)
	for _, tc := range []struct {
		name string
		id   int64
		day  string
		want Status
	}{
		{"A the day before it takes effect", 1, "2019-12-31", NotYetInForce},
		{"A on its first day", 1, "2020-01-01", InForce},
		{"A after B amends it is still in force", 1, "2021-07-01", InForce},
		{"A the day before E ends its article 5", 1, "2022-04-30", InForce},
		{"A once E ends its article 5", 1, "2022-05-01", PartlyExpired},
		{"A after its amender B is replaced: replacing the amender revives nothing and ends nothing", 1, "2023-06-01", PartlyExpired},
		{"A after C (which replaced its amender) is repealed", 1, "2026-01-01", PartlyExpired},
		{"B before it takes effect", 2, "2021-06-30", NotYetInForce},
		{"B the last day before C replaces it", 2, "2022-12-31", InForce},
		{"B the day C takes effect", 2, "2023-01-01", Expired},
		{"G, which details B, while B applies", 5, "2022-12-31", InForce},
		{"G ends with B", 5, "2023-01-01", Expired},
		{"C while in force", 3, "2023-12-31", InForce},
		{"C on the first day of its suspension", 3, "2024-01-01", Suspended},
		{"C on the last day of its suspension", 3, "2024-06-30", Suspended},
		{"C after the suspension", 3, "2024-07-01", InForce},
		{"C the day before D repeals it", 3, "2025-03-14", InForce},
		{"C the day D repeals it", 3, "2025-03-15", Expired},
		{"D itself", 4, "2025-03-15", InForce},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tl[tc.id].StatusOn(on(tc.day)); got != tc.want {
				t.Errorf("status of %s on %s = %s, want %s", docs[tc.id-1].Number, tc.day, got, tc.want)
			}
		})
	}
}

func TestTheExpiryRecordsWhoEndedTheDocumentAndWhy(t *testing.T) {
	docs, rels := chain()
	docs[2].IssuingBody = "UBND tỉnh Hưng Yên"
	tl, eff := Derive(docs, rels)
	b := tl[2]
	if !b.ExpiredOn.Equal(on("2023-01-01")) || b.ExpiredBy != 3 {
		t.Fatalf("B ends %v by %d, want 01/01/2023 by C (3)", b.ExpiredOn, b.ExpiredBy)
	}
	if want := "Được thay thế bởi Quyết định số C-01/2023/QĐ-UBND ngày 22/12/2022 của UBND tỉnh Hưng Yên"; b.ExpiredReason != want {
		t.Errorf("reason = %q, want %q", b.ExpiredReason, want)
	}
	if g := tl[5]; !strings.HasPrefix(g.ExpiredReason, "Văn bản được quy định chi tiết hết hiệu lực (Quyết định số B-05") || g.ExpiredBy != 0 {
		t.Errorf("G's reason = %q (by %d)", g.ExpiredReason, g.ExpiredBy)
	}
	if !eff[6].Equal(on("2024-01-01")) || !eff[2].Equal(on("2023-01-01")) {
		t.Errorf("effective dates of relations = %v", eff)
	}
}

func TestTheEarliestEndWinsAndAStatedStartDateCounts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		docs     []Document
		rels     []Relation
		id       int64
		ends     string // "" for never
		partFrom string
	}{
		{"its own term", []Document{{ID: 1, EffectiveFrom: on("2024-01-01"), ExpiresOn: on("2025-01-01")}}, nil, 1, "2025-01-01", ""},
		{"replaced before its own term ends", []Document{{ID: 1, EffectiveFrom: on("2024-01-01"), ExpiresOn: on("2030-01-01")}, doc(2, "X", "2026-02-01")},
			[]Relation{rel(1, 2, 1, Replaces, "")}, 1, "2026-02-01", ""},
		{"repealed from a day the repealing document states", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2025-01-01")},
			[]Relation{{ID: 1, SourceID: 2, TargetID: 1, Kind: Repeals, StartsOn: on("2025-07-01")}}, 1, "2025-07-01", ""},
		{"a repeal naming articles ends only those", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2025-01-01")},
			[]Relation{rel(1, 2, 1, Repeals, "Điều 4, Điều 6")}, 1, "", "2025-01-01"},
		{"two partial ends: the first counts", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2025-01-01"), doc(3, "C", "2023-01-01")},
			[]Relation{rel(1, 2, 1, Replaces, "Điều 2"), rel(2, 3, 1, PartlyExpires, "Điều 9")}, 1, "", "2023-01-01"},
		{"a detailing document of two ends only when both have ended", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2020-01-01"), doc(3, "G", "2020-02-01"), doc(4, "R", "2024-01-01")},
			[]Relation{rel(1, 3, 1, Guides, ""), rel(2, 3, 2, Guides, ""), rel(3, 4, 1, Repeals, "")}, 3, "", ""},
		{"a detailing document of two ends with the later one", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2020-01-01"), doc(3, "G", "2020-02-01"), doc(4, "R", "2024-01-01"), doc(5, "Q", "2025-06-01")},
			[]Relation{rel(1, 3, 1, Guides, ""), rel(2, 3, 2, Guides, ""), rel(3, 4, 1, Repeals, ""), rel(4, 5, 2, Replaces, "")}, 3, "2025-06-01", ""},
		{"details of details end with the root", []Document{doc(1, "A", "2020-01-01"), doc(2, "G1", "2020-02-01"), doc(3, "G2", "2020-03-01"), doc(4, "R", "2024-01-01")},
			[]Relation{rel(1, 3, 2, Guides, ""), rel(2, 2, 1, Guides, ""), rel(3, 4, 1, Replaces, "")}, 3, "2024-01-01", ""},
		{"a cycle of guides ends nothing and does not loop", []Document{doc(1, "A", "2020-01-01"), doc(2, "B", "2020-01-01")},
			[]Relation{rel(1, 1, 2, Guides, ""), rel(2, 2, 1, Guides, "")}, 1, "", ""},
		{"a relation to a document outside the register is ignored", []Document{doc(1, "A", "2020-01-01")},
			[]Relation{rel(1, 9, 1, Repeals, "")}, 1, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl, _ := Derive(tc.docs, tc.rels)
			got := tl[tc.id]
			if want := optDay(tc.ends); !got.ExpiredOn.Equal(want) {
				t.Errorf("ends %v, want %v", got.ExpiredOn, want)
			}
			if want := optDay(tc.partFrom); !got.PartlyFrom.Equal(want) {
				t.Errorf("partly from %v, want %v", got.PartlyFrom, want)
			}
		})
	}
}

func optDay(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return on(s)
}

func TestAnExpiryBeforeTheDocumentTakesEffectReadsAsNotYetInForceThenExpired(t *testing.T) {
	tl := Timeline{EffectiveFrom: on("2025-01-01"), ExpiredOn: on("2024-12-01")}
	if got := tl.StatusOn(on("2024-12-15")); got != NotYetInForce {
		t.Errorf("before effect: %s", got)
	}
	if got := tl.StatusOn(on("2025-01-01")); got != Expired {
		t.Errorf("from its effect on: %s", got)
	}
}

func TestAnOpenSuspensionRunsUntilTheDocumentEnds(t *testing.T) {
	tl := Timeline{EffectiveFrom: on("2020-01-01"), ExpiredOn: on("2026-01-01"), PartlyFrom: on("2021-01-01"),
		Suspensions: []Span{{From: on("2024-01-01")}}}
	for day, want := range map[string]Status{"2023-12-31": PartlyExpired, "2024-01-01": Suspended, "2025-12-31": Suspended, "2026-01-01": Expired} {
		if got := tl.StatusOn(on(day)); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}

func TestNumberKeysMatchTheWaysPeopleTypeANumber(t *testing.T) {
	for _, s := range []string{"12/2024/QĐ-UBND", "12/2024/QD-UBND", "12 / 2024 / qđ-ubnd", "12/2024/QĐ–UBND"} {
		if got := NumberKey(s); got != "12/2024/QD-UBND" {
			t.Errorf("NumberKey(%q) = %q", s, got)
		}
	}
}

func TestARelationThatClosesALoopIsFound(t *testing.T) {
	rels := []Relation{rel(1, 1, 2, Replaces, ""), rel(2, 2, 3, Amends, "Điều 1"), rel(3, 4, 1, Guides, "")}
	for _, tc := range []struct {
		name string
		add  Relation
		want []int64
	}{
		{"B replaces A after A replaced B", rel(0, 2, 1, Replaces, ""), []int64{1, 2}},
		{"C repeals A, which replaced B, which amended C", rel(0, 3, 1, Repeals, ""), []int64{1, 2, 3}},
		{"a document acting on itself", rel(0, 5, 5, Repeals, ""), []int64{5}},
		{"D amends C: no loop", rel(0, 4, 3, Amends, ""), nil},
		{"editing relation 1 itself is no loop", rel(1, 1, 2, Repeals, ""), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Cycle(rels, tc.add)
			if len(got) != len(tc.want) {
				t.Fatalf("Cycle = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("Cycle = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestDocumentFieldsAreCheckedBeforeAnythingIsSaved(t *testing.T) {
	good := func() Document {
		return Document{Number: "12/2024/QĐ-UBND", Type: "Quyết định", Title: "Ban hành quy chế", IssuedOn: on("2024-03-01"), EffectiveFrom: on("2024-03-15")}
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Document)
		field string
		key   string
	}{
		{"a complete document", func(*Document) {}, "", ""},
		{"no number", func(d *Document) { d.Number = "  " }, "number", "legaldoc.number.required"},
		{"a number without digits", func(d *Document) { d.Number = "QĐ-UBND" }, "number", "legaldoc.number.invalid"},
		{"no title", func(d *Document) { d.Title = "" }, "title", "legaldoc.title.required"},
		{"in force before it was issued", func(d *Document) { d.EffectiveFrom = on("2024-02-01") }, "effective_from", "legaldoc.effective_from.before_issue"},
		{"an expiry before the effective date", func(d *Document) { d.ExpiresOn = on("2024-03-01") }, "expires_on", "legaldoc.expires_on.before_effect"},
		{"an expiry on the effective date", func(d *Document) { d.ExpiresOn = on("2024-03-15") }, "expires_on", "legaldoc.expires_on.before_effect"},
		{"a reason without an expiry date", func(d *Document) { d.ExpiryReason = "Bị thay thế" }, "expires_on", "legaldoc.expires_on.required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := good()
			tc.edit(&d)
			errs := d.Validate()
			if tc.field == "" {
				if errs.Any() {
					t.Fatalf("errors %v on a good document", errs)
				}
				return
			}
			if errs[tc.field] != tc.key {
				t.Errorf("errors = %v, want %s: %s", errs, tc.field, tc.key)
			}
		})
	}
}
