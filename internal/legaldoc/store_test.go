package legaldoc

import (
	"context"
	"errors"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

const demoAgency = "000.07.00.H33" // Sở Khoa học và Công nghệ of the demo organisation

type fixture struct {
	t     *testing.T
	s     *Store
	unit  Unit
	today time.Time
}

// newFixture gives a store on the engine under test with the demo
// organisation loaded and a clock at 15/06/2025.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, Migrations)
	if _, err := org.NewStore(conn, nil).LoadDemo(context.Background(), "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, today: on("2025-06-15")}
	f.s = NewStore(conn, func() time.Time { return f.today.Add(9 * time.Hour) })
	u, err := f.s.UnitByCode(context.Background(), demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	f.unit = u
	return f
}

// add registers a decision of the agency in force from eff.
func (f *fixture) add(number, eff string) int64 {
	f.t.Helper()
	d := doc(0, number, eff)
	d.UnitID, d.Title, d.IssuingBody = f.unit.ID, "Văn bản "+number, "UBND tỉnh Hưng Yên"
	id, err := f.s.CreateDocument(context.Background(), audit.CLI(), d)
	if err != nil {
		f.t.Fatalf("add %s: %v", number, err)
	}
	return id
}

func (f *fixture) relate(src, tgt int64, kind RelationKind, provisions string) int64 {
	f.t.Helper()
	id, err := f.s.AddRelation(context.Background(), audit.CLI(), Relation{SourceID: src, TargetID: tgt, Kind: kind, Provisions: provisions})
	if err != nil {
		f.t.Fatalf("relate %d %s %d: %v", src, kind, tgt, err)
	}
	return id
}

// chainIDs stores the chain of the rule's test: A amended by B, B replaced
// by C, C repealed by D, G detailing B, E ending article 5 of A, S
// suspending C in the first half of 2024.
func (f *fixture) chain() map[string]int64 {
	ids := map[string]int64{}
	docs, rels := chain()
	byOld := map[int64]int64{}
	for _, d := range docs {
		ids[d.Number[:1]] = f.add(d.Number, fmtDay(d.EffectiveFrom))
		byOld[d.ID] = ids[d.Number[:1]]
	}
	for _, r := range rels {
		r.ID, r.SourceID, r.TargetID = 0, byOld[r.SourceID], byOld[r.TargetID]
		if _, err := f.s.AddRelation(context.Background(), audit.CLI(), r); err != nil {
			f.t.Fatal(err)
		}
	}
	return ids
}

func TestTheStoredRegisterDerivesTheSameStatusesAsTheRule(t *testing.T) {
	f := newFixture(t)
	ids := f.chain()
	ctx := context.Background()
	for _, tc := range []struct {
		day  string
		want map[string]Status
	}{
		{"2022-06-01", map[string]Status{"A": PartlyExpired, "B": InForce, "C": NotYetInForce, "G": InForce, "D": NotYetInForce}},
		{"2024-03-01", map[string]Status{"A": PartlyExpired, "B": Expired, "C": Suspended, "G": Expired, "D": NotYetInForce}},
		{"2025-06-15", map[string]Status{"A": PartlyExpired, "B": Expired, "C": Expired, "G": Expired, "D": InForce}},
	} {
		got, err := f.s.StatusesOn(ctx, f.unit.Path, on(tc.day))
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range tc.want {
			if got[ids[name]] != want {
				t.Errorf("%s on %s: %s, want %s", name, tc.day, got[ids[name]], want)
			}
		}
	}
	b, err := f.s.Document(ctx, ids["B"])
	if err != nil {
		t.Fatal(err)
	}
	if b.Timeline.ExpiredBy != ids["C"] || !b.Timeline.ExpiredOn.Equal(on("2023-01-01")) {
		t.Errorf("B's stored end: %+v", b.Timeline)
	}
}

func TestTheStatusFilterAgreesWithTheRule(t *testing.T) {
	f := newFixture(t)
	f.chain()
	ctx := context.Background()
	for _, day := range []string{"2019-06-01", "2022-06-01", "2024-03-01", "2024-07-01", "2025-06-15"} {
		want, err := f.s.StatusesOn(ctx, f.unit.Path, on(day))
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range Statuses {
			list, _, err := f.s.Documents(ctx, Filter{Scope: f.unit.Path, Status: string(st), On: on(day), PerPage: 100})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range want {
				if s == st {
					n++
				}
			}
			if len(list) != n {
				t.Errorf("%s on %s: the filter lists %d, the rule counts %d", st, day, len(list), n)
			}
			for _, d := range list {
				if want[d.ID] != st {
					t.Errorf("%s on %s: the filter lists %s, whose status is %s", st, day, d.Number, want[d.ID])
				}
			}
		}
	}
}

func TestALoopOfReplacementsIsRefusedAndNothingIsSaved(t *testing.T) {
	f := newFixture(t)
	a, b := f.add("01/2024/QĐ-UBND", "2024-01-01"), f.add("02/2024/QĐ-UBND", "2024-02-01")
	f.relate(b, a, Replaces, "")
	_, err := f.s.AddRelation(context.Background(), audit.CLI(), Relation{SourceID: a, TargetID: b, Kind: Replaces})
	fe, ok := web.AsValidation(err)
	if !ok || fe["target"] != "legaldoc.relation.cycle" {
		t.Fatalf("A replaces B after B replaced A: %v", err)
	}
	if rels, _ := f.s.Relations(context.Background(), a); len(rels) != 1 {
		t.Errorf("relations of A after the refusal: %d, want 1", len(rels))
	}
	doc, _ := f.s.Document(context.Background(), b)
	if !doc.Timeline.ExpiredOn.IsZero() {
		t.Errorf("B ended by a refused relation: %+v", doc.Timeline)
	}
}

func TestAnExpiryBeforeTheEffectiveDateIsRefusedWithAFieldError(t *testing.T) {
	f := newFixture(t)
	d := doc(0, "05/2025/QĐ-UBND", "2025-03-01")
	d.UnitID, d.Title, d.ExpiresOn = f.unit.ID, "Quy chế", on("2025-02-01")
	_, err := f.s.CreateDocument(context.Background(), audit.CLI(), d)
	if fe, ok := web.AsValidation(err); !ok || fe["expires_on"] != "legaldoc.expires_on.before_effect" {
		t.Fatalf("CreateDocument = %v", err)
	}
	if list, _, _ := f.s.Documents(context.Background(), Filter{Scope: f.unit.Path}); len(list) != 0 {
		t.Errorf("%d documents saved", len(list))
	}
}

func TestANumberIsUniqueInARegisterHoweverItIsTyped(t *testing.T) {
	f := newFixture(t)
	f.add("12/2024/QĐ-UBND", "2024-05-01")
	d := doc(0, "12/2024/QD-UBND", "2024-05-01")
	d.UnitID, d.Title = f.unit.ID, "Bản trùng"
	_, err := f.s.CreateDocument(context.Background(), audit.CLI(), d)
	if fe, ok := web.AsValidation(err); !ok || fe["number"] != "legaldoc.number.taken" {
		t.Fatalf("a second 12/2024/QĐ-UBND: %v", err)
	}
	got, err := f.s.DocumentByNumber(context.Background(), f.unit.ID, "12 / 2024 / qđ-ubnd")
	if err != nil || got.Number != "12/2024/QĐ-UBND" {
		t.Errorf("DocumentByNumber = %v, %v", got.Number, err)
	}
}

func TestMovingAnEffectiveDateMovesTheEndsItCauses(t *testing.T) {
	f := newFixture(t)
	a, b := f.add("01/2020/QĐ-UBND", "2020-01-01"), f.add("02/2025/QĐ-UBND", "2025-03-01")
	f.relate(b, a, Repeals, "")
	ctx := context.Background()
	d, _ := f.s.Document(ctx, b)
	d.EffectiveFrom = on("2025-04-01")
	if err := f.s.UpdateDocument(ctx, audit.CLI(), d); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Document(ctx, a)
	if !got.Timeline.ExpiredOn.Equal(on("2025-04-01")) {
		t.Errorf("A ends %v, want 01/04/2025 with its repealer's new date", got.Timeline.ExpiredOn)
	}
}

func TestSearchIgnoresDiacritics(t *testing.T) {
	f := newFixture(t)
	d := doc(0, "07/2024/QĐ-UBND", "2024-05-01")
	d.UnitID, d.Title, d.Field = f.unit.ID, "Quy định quản lý hoạt động bưu chính", "Bưu chính, viễn thông"
	if _, err := f.s.CreateDocument(context.Background(), audit.CLI(), d); err != nil {
		t.Fatal(err)
	}
	f.add("08/2024/QĐ-UBND", "2024-06-01")
	for _, q := range []string{"buu chinh", "BƯU CHÍNH", "quan ly buu", "07/2024/qd"} {
		list, _, err := f.s.Documents(context.Background(), Filter{Scope: f.unit.Path, Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Number != "07/2024/QĐ-UBND" {
			t.Errorf("search %q found %d", q, len(list))
		}
	}
}

func TestAReviewProposingAChangeSaysWhereItWent(t *testing.T) {
	f := newFixture(t)
	a := f.add("01/2020/QĐ-UBND", "2020-01-01")
	ctx := context.Background()
	_, err := f.s.AddReview(ctx, audit.CLI(), Review{DocumentID: a, ReviewedOn: on("2025-05-01"), Reviewer: "Nguyễn Văn A", Finding: Repeal})
	if fe, ok := web.AsValidation(err); !ok || fe["proposed_to"] != "legaldoc.review.proposed_to.required" {
		t.Fatalf("a repeal proposal sent nowhere: %v", err)
	}
	_, err = f.s.AddReview(ctx, audit.CLI(), Review{DocumentID: a, ReviewedOn: on("2025-07-01"), Reviewer: "Nguyễn Văn A", Finding: Keep})
	if fe, ok := web.AsValidation(err); !ok || fe["reviewed_on"] != "legaldoc.review.reviewed_on.future" {
		t.Fatalf("a review dated tomorrow and later: %v", err)
	}
	if _, err := f.s.AddReview(ctx, audit.CLI(), Review{DocumentID: a, ReviewedOn: on("2025-05-01"), Reviewer: "Nguyễn Văn A", Finding: Repeal,
		ProposedTo: "UBND tỉnh", ProposalNo: "15/TTr-SKHCN"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddReview(ctx, audit.CLI(), Review{DocumentID: 999999, ReviewedOn: on("2025-05-01"), Reviewer: "X", Finding: Keep}); !errors.Is(err, ErrNotFound) {
		t.Errorf("review of a document that does not exist: %v", err)
	}
	list, err := f.s.Reviews(ctx, a)
	if err != nil || len(list) != 1 || list[0].ProposedTo != "UBND tỉnh" {
		t.Fatalf("reviews = %+v, %v", list, err)
	}
}
