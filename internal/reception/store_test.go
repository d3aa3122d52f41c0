package reception

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/web"
)

const demoAgency = "000.07.00.H33" // Sở Khoa học và Công nghệ of the demo organisation

type fixture struct {
	t     *testing.T
	db    *db.DB
	s     *Store
	org   *org.Store
	unit  Unit
	today time.Time
}

// newFixture gives a store on the engine under test with the demo
// organisation loaded, the 2026 holidays, and a clock at 10/03/2026.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	ctx := context.Background()
	f := &fixture{t: t, db: conn, today: on("2026-03-10"), org: org.NewStore(conn, nil)}
	if _, err := f.org.LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	f.s = NewStore(conn, box, func(context.Context) (Calendar, error) { return cal2026, nil }, func() time.Time { return f.today.Add(9 * time.Hour) })
	if f.unit, err = f.s.UnitByCode(ctx, demoAgency); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) user(name string) *org.User {
	f.t.Helper()
	u, err := f.org.UserByUsername(context.Background(), name)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// add writes an entry of the agency's logbook.
func (f *fixture) add(e Entry) Entry {
	f.t.Helper()
	e.UnitID = f.unit.ID
	id, err := f.s.CreateEntry(context.Background(), audit.CLI(), e)
	if err != nil {
		f.t.Fatalf("add: %v", err)
	}
	got, err := f.s.Entry(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return got
}

// denounced is a named denunciation accepted on 02/03/2026.
func denounced() Entry {
	return Entry{Kind: Denunciation, Channel: Post, ReceivedOn: on("2026-02-24"), Summary: "Tố cáo cán bộ nhận tiền khi giải quyết hồ sơ",
		Handling: Accepted, HandledOn: on("2026-03-02"),
		Person: Person{Name: "Trần Thị Bích", Address: "Số 12 ngõ 5 đường Hoàng Hoa Thám", IDNumber: "033190004567", Phone: "0987654321"}}
}

func (f *fixture) step(caseID int64, st Step) Case {
	f.t.Helper()
	c, err := f.s.Step(context.Background(), audit.CLI(), caseID, st)
	if err != nil {
		f.t.Fatalf("step %+v: %v", st, err)
	}
	return c
}

func TestAnAcceptedEntryBecomesACaseWithItsDeadline(t *testing.T) {
	f := newFixture(t)
	first := f.add(complaint())
	if first.Number() != "1/2026" || first.CaseID != 0 || first.Handling != Pending {
		t.Fatalf("a pending entry: %+v", first)
	}
	if first.NameMasked != "N. V. A." || first.IDMasked != "033*******34" || first.PhoneMasked != "091****678" {
		t.Fatalf("masks: %q %q %q", first.NameMasked, first.IDMasked, first.PhoneMasked)
	}
	// Accepted on Friday 06/02: thirty days end on Sunday 08/03, moved to Monday 09/03.
	if err := f.s.Handle(context.Background(), audit.CLI(), first.ID, Decision{Handling: Accepted, HandledOn: on("2026-02-06")}); err == nil {
		t.Fatal("accepted before it was received")
	}
	if err := f.s.Handle(context.Background(), audit.CLI(), first.ID, Decision{Handling: Accepted, HandledOn: on("2026-03-06")}); err != nil {
		t.Fatal(err)
	}
	e, err := f.s.Entry(context.Background(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.s.Case(context.Background(), e.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	// 06/03 + 30 days = Sunday 05/04, moved to Monday 06/04.
	if !c.Due.Equal(on("2026-04-06")) || c.Status != StAccepted {
		t.Fatalf("case: due %s status %s", c.Due.Format(time.DateOnly), c.Status)
	}
	if err := f.s.Handle(context.Background(), audit.CLI(), first.ID, Decision{Handling: Guided, HandlingTo: "UBND xã", HandlingLetter: "1/HD"}); err == nil {
		t.Fatal("an entry decided twice")
	} else if fe, _ := web.AsValidation(err); fe["handling"] != "reception.handling.decided" {
		t.Fatalf("second decision: %v", err)
	}
	second := f.add(complaint())
	if second.Number() != "2/2026" {
		t.Fatalf("second number %s", second.Number())
	}
}

func TestBadInputSavesNothing(t *testing.T) {
	f := newFixture(t)
	e := complaint()
	e.Kind = ""
	e.UnitID = f.unit.ID
	_, err := f.s.CreateEntry(context.Background(), audit.CLI(), e)
	if fe, ok := web.AsValidation(err); !ok || fe["kind"] != "reception.kind.required" {
		t.Fatalf("err = %v", err)
	}
	got, _, err := f.s.Entries(context.Background(), EntryFilter{Scope: "/"})
	if err != nil || len(got) != 0 {
		t.Fatalf("entries after a refused one: %d, %v", len(got), err)
	}
	c := f.add(denounced())
	// Twice extended while only complex: the second is refused, the case keeps its first.
	f.step(c.CaseID, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: f.user("chuyenvien").ID})
	f.step(c.CaseID, Step{Extend: true, On: on("2026-03-09"), Complexity: Complex, Reason: "Cần xác minh thêm"})
	_, err = f.s.Step(context.Background(), audit.CLI(), c.CaseID, Step{Extend: true, On: on("2026-03-10"), Complexity: Complex, Reason: "Lần nữa"})
	if fe, _ := web.AsValidation(err); fe["complexity"] != "reception.extension.exhausted" {
		t.Fatalf("second extension: %v", err)
	}
	cs, _ := f.s.Case(context.Background(), c.CaseID)
	// Accepted 02/03: 60 days = 01/05 (holiday), then the weekend: 04/05.
	if cs.Extensions != 1 || !cs.Due.Equal(on("2026-05-04")) {
		t.Fatalf("after the refused extension: %d, due %s", cs.Extensions, cs.Due.Format(time.DateOnly))
	}
	ev, err := f.s.Events(context.Background(), c.CaseID)
	if err != nil || len(ev) != 3 {
		t.Fatalf("timeline: %v %v", ev, err)
	}
}

// TestTheDenouncerIsProtected proves each place of the register where a
// denouncer's identity could leak: lists, the audit log's readable text,
// the public queries; and who may reveal it.
func TestTheDenouncerIsProtected(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.add(denounced())
	officer, manager, leader, admin := f.user("chuyenvien"), f.user("truongphong"), f.user("giamdoc"), f.user("admin")
	f.step(e.CaseID, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: officer.ID})
	c, _ := f.s.Case(ctx, e.CaseID)

	list, _, err := f.s.Entries(ctx, EntryFilter{Scope: "/"})
	if err != nil || len(list) != 1 {
		t.Fatal(err)
	}
	if shown := list[0].ShownName(); shown != "(được giữ bí mật)" || list[0].NameMasked != "" || list[0].IDMasked != "" || list[0].PhoneMasked != "" {
		t.Fatalf("the list shows %q / %q %q %q", shown, list[0].NameMasked, list[0].IDMasked, list[0].PhoneMasked)
	}
	for _, tc := range []struct {
		who  string
		user *org.User
		may  bool
	}{{"the assigned handler", officer, true}, {"the head", leader, true}, {"a division head who reveals others' data", manager, false},
		{"an administrator", admin, false}} {
		if got := MayReveal(tc.user, f.unit.Path, e, c); got != tc.may {
			t.Errorf("%s may reveal: %v, want %v", tc.who, got, tc.may)
		}
	}
	p, err := f.s.Reveal(ctx, officer.Actor(), e.ID)
	if err != nil || p.Name != "Trần Thị Bích" || p.IDNumber != "033190004567" {
		t.Fatalf("reveal: %+v %v", p, err)
	}
	recs, _, err := audit.List(ctx, f.db.R, audit.Filter{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	reveals := 0
	for _, r := range recs {
		if !strings.HasPrefix(r.Entity, "reception_") {
			continue
		}
		text := r.Summary + r.Before + r.After
		for _, secretPart := range []string{"Bích", "Bich", "033190004567", "0987654321", "Hoàng Hoa Thám", "T. T. B."} {
			if strings.Contains(text, secretPart) {
				t.Errorf("audit entry %s %s shows %q: %s", r.Action, r.Entity, secretPart, text)
			}
		}
		if r.Action == "reveal" {
			reveals++
		}
	}
	if reveals != 1 {
		t.Errorf("%d reveals audited, want 1", reveals)
	}
	var stored string
	if err := f.db.R.QueryRowContext(ctx, `SELECT name_sealed || id_sealed || phone_sealed || address_sealed || search_fold FROM reception_entries`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, "Bích") || strings.Contains(stored, "bich") || strings.Contains(stored, "033190004567") {
		t.Fatalf("personal data stored in the clear: %s", stored)
	}
	figs, err := f.s.PublicFigures(ctx, demoAgency, on("2026-01-01"), on("2026-12-31"))
	if err != nil || figs.Received != 1 || figs.ByKind[Denunciation] != 1 {
		t.Fatalf("public figures: %+v %v", figs, err)
	}
}

func TestAComplaintMaskRevealsOnlyToThoseWhoMay(t *testing.T) {
	f := newFixture(t)
	e := f.add(complaint())
	for _, tc := range []struct {
		user string
		may  bool
	}{{"truongphong", false}, {"giamdoc", true}, {"admin", true}, {"chuyenvien", false}, {"noivu", false}, {"xem", false}} {
		// The division head reveals only in his division's subtree; the
		// agency's logbook is the agency's.
		if got := MayReveal(f.user(tc.user), f.unit.Path, e, Case{}); got != tc.may {
			t.Errorf("%s may reveal: %v, want %v", tc.user, got, tc.may)
		}
	}
}

func TestFiguresAgreeWithJudgingEachCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	officer := f.user("chuyenvien").ID
	// Petitions received on working days of January and February, answered
	// at various distances from their deadline, some never.
	plan := []struct {
		received, answered string
	}{
		{"2026-01-05", "2026-01-15"}, {"2026-01-06", "2026-01-30"}, {"2026-01-12", ""}, {"2026-02-02", "2026-02-10"},
		{"2026-02-09", "2026-03-06"}, {"2026-02-13", "2026-03-06"}, {"2026-02-23", ""}, {"2026-02-26", "2026-03-09"},
	}
	var cases []Case
	for _, p := range plan {
		e := Entry{Kind: Petition, Channel: Online, ReceivedOn: on(p.received), Summary: "Kiến nghị " + p.received, Anonymous: true,
			Handling: Accepted, HandledOn: on(p.received)}
		e = f.add(e)
		if p.answered != "" {
			f.step(e.CaseID, Step{To: StAssigned, On: on(p.received), HandlerID: officer})
			f.step(e.CaseID, Step{To: StDrafted, On: on(p.answered)})
			f.step(e.CaseID, Step{To: StAnswered, On: on(p.answered), Answer: "Trả lời kiến nghị"})
		}
		c, _ := f.s.Case(ctx, e.CaseID)
		cases = append(cases, c)
	}
	from, to := on("2026-01-01"), on("2026-03-31")
	figs, err := f.s.Figures(ctx, f.unit.Path, from, to, true)
	if err != nil {
		t.Fatal(err)
	}
	var want Figures
	for _, c := range cases {
		if c.Due.Before(from) || c.Due.After(to) {
			continue
		}
		want.Due++
		switch Judge(c, to, cal2026) {
		case OnTime:
			want.OnTime++
		case Late:
			want.Late++
		case Overdue:
			want.Overdue++
		}
	}
	// By hand (ten working days from receipt): due 19/01 answered 15/01,
	// due 20/01 answered 30/01 (late), due 26/01 open (overdue), due 23/02
	// (Tết) answered 10/02, due 02/03 answered 06/03 (late), due 06/03
	// answered 06/03, due 09/03 open (overdue), due 12/03 answered 09/03.
	if figs.Due != 8 || figs.OnTime != want.OnTime || figs.Late != want.Late || figs.Overdue != want.Overdue {
		t.Fatalf("figures %+v, judged one by one %+v", figs, want)
	}
	if want.OnTime != 4 || want.Late != 2 || want.Overdue != 2 {
		t.Fatalf("hand count: on time 4, late 2, overdue 2; judged %+v", want)
	}
}

func TestASessionNeedsItsHostAndAppearsOnThePublicSchedule(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.s.AddSession(ctx, audit.CLI(), Session{UnitID: f.unit.ID, On: on("2026-03-16"), Part: Morning, Place: "Phòng tiếp công dân"})
	if fe, _ := web.AsValidation(err); fe["host"] != "reception.host.required" {
		t.Fatalf("err = %v", err)
	}
	if _, err := f.s.AddSession(ctx, audit.CLI(), Session{UnitID: f.unit.ID, On: on("2026-03-16"), Part: Morning, Hours: "07:30–11:30",
		Host: "Nguyễn Văn Hùng", HostTitle: "Giám đốc Sở", Head: true, Place: "Phòng tiếp công dân", Format: "Trực tiếp"}); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.PublicSchedule(ctx, demoAgency, 30)
	if err != nil || len(got) != 1 || got[0].Host != "Nguyễn Văn Hùng" || got[0].Date != "2026-03-16" {
		t.Fatalf("schedule %+v %v", got, err)
	}
	if _, err := f.s.PublicSchedule(ctx, "no-such-unit", 30); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown unit: %v", err)
	}
}
