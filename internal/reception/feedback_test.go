package reception

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/registers"
)

// fb is a case of the feedback table: kind, due day, what became of it
// ("open", "answered DATE", "withdrawn", "transferred"), the rating, and
// whether it belongs to the agency's division rather than the agency.
type fb struct {
	name     string
	kind     Kind
	due      string
	decided  string // "" open
	status   Status
	rating   Rating
	division bool
}

// feedbackCases are the cases the table below is counted by hand from.
var feedbackCases = []fb{
	{"P petition answered on time in 2025", Petition, "2025-12-31", "2025-12-30", StAnswered, Satisfied, false},
	{"A petition answered the day before its due day", Petition, "2026-01-20", "2026-01-19", StAnswered, Satisfied, false},
	{"B reflection answered on its due day", Reflection, "2026-01-20", "2026-01-20", StClosed, Dissatisfied, false},
	{"C petition answered two days late", Petition, "2026-02-10", "2026-02-12", StAnswered, Unrated, false},
	{"D petition open past its due day", Petition, "2026-02-27", "", StVerifying, Unrated, false},
	{"E petition open, due on the quarter's last day", Petition, "2026-03-31", "", StAssigned, Unrated, false},
	{"F reflection withdrawn", Reflection, "2026-03-05", "", StWithdrawn, Unrated, false},
	{"G the division's reflection answered a day late", Reflection, "2026-03-02", "2026-03-03", StPublished, Satisfied, true},
	{"H complaint open past due: not feedback", Complaint, "2026-02-01", "", StAssigned, Unrated, false},
	{"I petition due in April, answered in March", Petition, "2026-04-01", "2026-03-20", StAnswered, Satisfied, false},
	{"J petition answered on the quarter's last day, its due day", Petition, "2026-03-31", "2026-03-31", StAnswered, Dissatisfied, false},
	{"K reflection transferred", Reflection, "2026-01-25", "", StTransferred, Unrated, false},
	{"L petition open, due the day before today", Petition, "2026-04-14", "", StAssigned, Unrated, false},
	{"M petition open, due today", Petition, "2026-04-15", "", StAssigned, Unrated, false},
	{"N petition open, due next month", Petition, "2026-05-20", "", StAccepted, Unrated, false},
}

// writeFeedbackCases writes feedbackCases into the agency's logbook (and
// its division's) as the generator writes its rows, and returns the
// division.
func (f *fixture) writeFeedbackCases() Unit {
	f.t.Helper()
	ctx := context.Background()
	var divisionID int64
	if err := f.db.R.QueryRowContext(ctx, `SELECT id FROM units WHERE parent_id = $1 ORDER BY id LIMIT 1`, f.unit.ID).Scan(&divisionID); err != nil {
		f.t.Fatal(err)
	}
	division, err := f.s.Unit(ctx, divisionID)
	if err != nil {
		f.t.Fatal(err)
	}
	var batch []Generated
	for _, c := range feedbackCases {
		g := Generated{Handling: Accepted}
		g.UnitID = f.unit.ID
		if c.division {
			g.UnitID = division.ID
		}
		g.Kind, g.Due, g.Status, g.Rating, g.Summary = c.kind, on(c.due), c.status, c.rating, c.name
		g.ReceivedOn = g.Due.AddDate(0, 0, -14)
		g.AcceptedOn = g.ReceivedOn
		if c.kind == Complaint {
			g.Round = 1
		}
		if c.decided != "" {
			g.DecidedOn, g.Answer = on(c.decided), "Đã trả lời"
		}
		if c.status == StWithdrawn || c.status == StTransferred {
			g.EndedOn = g.AcceptedOn.AddDate(0, 0, 2)
		}
		batch = append(batch, g)
	}
	if err := f.db.Tx(ctx, func(tx *sql.Tx) error { return f.s.writeGenerated(ctx, tx, batch) }); err != nil {
		f.t.Fatal(err)
	}
	return division
}

// TestTheFeedbackIndicatorsFollowDomainRules counts the service index's two
// feedback indicators (domain §3, §5.1) over feedbackCases, by hand:
// petitions and reflections due in the period, judged at its end (or today
// while it runs), on time when answered by the due day; ratings of the
// answers given in the period; withdrawn and transferred cases, complaints
// and cases not yet due left out; no feedback → full marks.
func TestTheFeedbackIndicatorsFollowDomainRules(t *testing.T) {
	f := newFixture(t)
	f.today = on("2026-04-15")
	division := f.writeFeedbackCases()
	ctx := context.Background()
	reg := NewRegister(f.s)
	vn := on("2026-01-01").Location()
	for _, tc := range []struct {
		name                             string
		today                            string
		scope                            Unit
		from, to                         time.Time
		onTime, judged, satisfied, rated int
	}{
		// Q1 is over: A, B, J on time; C late; D and E open past due; G the
		// division's, late; F withdrawn, K transferred, H a complaint, P in
		// 2025, I due in April. Ratings of answers given in Q1: A, G, I
		// satisfied; B, J not.
		{"a finished quarter", "2026-04-15", f.unit, on("2026-01-01"), on("2026-03-31"), 3, 7, 3, 5},
		// On 31/03 the quarter runs: E, due today and open, may still be
		// answered on time, so it is not judged yet; J, answered today, is.
		{"the quarter's last day, today", "2026-03-31", f.unit, on("2026-01-01"), on("2026-03-31"), 3, 6, 3, 5},
		// Q2 runs on 15/04: I answered early; L open past due; M due today and
		// N next month are not judged yet; nothing answered in Q2.
		{"a running quarter: cases not yet due are not judged", "2026-04-15", f.unit, on("2026-04-01"), on("2026-06-30"), 1, 2, 0, 0},
		// February: C late, D overdue: all late; nothing answered then.
		{"a month where all is late", "2026-04-15", f.unit, on("2026-02-01"), on("2026-02-28"), 0, 2, 0, 0},
		// March: G late, J on time, E overdue; F withdrawn. Answers in March:
		// G and I satisfied, J not.
		{"a month with a withdrawn case", "2026-04-15", f.unit, on("2026-03-01"), on("2026-03-31"), 1, 3, 2, 3},
		// The division alone: G.
		{"a child unit's own cases", "2026-04-15", division, on("2026-01-01"), on("2026-03-31"), 0, 1, 1, 1},
		// No feedback in Q3 2025.
		{"no feedback in the period", "2026-04-15", f.unit, on("2025-07-01"), on("2025-09-30"), 0, 0, 0, 0},
		// The period's bounds are days in Vietnam: 01/01/2026 00:00 there is
		// 31/12/2025 17:00 UTC, which must not bring P (due 31/12/2025) in,
		// and 31/03 23:59 there must not bring I (due 01/04) in.
		{"period bounds as instants in another zone", "2026-04-15", f.unit,
			time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 23, 59, 0, 0, vn).UTC(), 3, 7, 3, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.today = on(tc.today)
			rows, err := f.s.FeedbackByUnit(ctx, tc.scope.Path, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			got := SumFeedback(rows)
			want := FeedbackCounts{OnTime: tc.onTime, Judged: tc.judged, Satisfied: tc.satisfied, Rated: tc.rated}
			if got != want {
				t.Fatalf("feedback %+v, want %+v (rows %+v)", got, want, rows)
			}
			// The plan's measures say the same, full marks when nothing counts.
			scope := registers.Scope{UnitID: tc.scope.ID, UnitPath: tc.scope.Path}
			for _, m := range []struct {
				code     string
				num, den int
			}{{MeasureFeedbackOnTime, tc.onTime, tc.judged}, {MeasureFeedbackSatisfied, tc.satisfied, tc.rated}} {
				fig, err := reg.Figure(ctx, m.code, scope, day(tc.from), day(tc.to))
				if err != nil {
					t.Fatal(err)
				}
				value := 1.0
				if m.den > 0 {
					value = float64(m.num) / float64(m.den)
				}
				if int(fig.Num) != m.num || int(fig.Den) != m.den || fig.NA || abs(fig.Value-value) > 1e-9 {
					t.Fatalf("%s: %+v, want %d/%d = %v", m.code, fig, m.num, m.den, value)
				}
			}
		})
	}
}

// TestTheFeedbackCountsComeUnitByUnit: the index deducts entered counts
// and breaks its figures down by child unit from these rows.
func TestTheFeedbackCountsComeUnitByUnit(t *testing.T) {
	f := newFixture(t)
	f.today = on("2026-04-15")
	division := f.writeFeedbackCases()
	rows, err := f.s.FeedbackByUnit(context.Background(), f.unit.Path, on("2026-01-01"), on("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b FeedbackCounts) int { return int(a.UnitID - b.UnitID) })
	want := []FeedbackCounts{{UnitID: f.unit.ID, OnTime: 3, Judged: 6, Satisfied: 2, Rated: 4}, {UnitID: division.ID, OnTime: 0, Judged: 1, Satisfied: 1, Rated: 1}}
	slices.SortFunc(want, func(a, b FeedbackCounts) int { return int(a.UnitID - b.UnitID) })
	if !slices.Equal(rows, want) {
		t.Fatalf("rows %+v, want %+v", rows, want)
	}
}

// TestTheListsBehindTheFeedbackCountsHoldThoseCases: the drill-down lists
// the very cases counted, and no complaint or denunciation.
func TestTheListsBehindTheFeedbackCountsHoldThoseCases(t *testing.T) {
	f := newFixture(t)
	f.today = on("2026-04-15")
	f.writeFeedbackCases()
	ctx := context.Background()
	for _, tc := range []struct {
		list string
		want []string // the cases' first letters, by due day
	}{
		{FeedbackJudged, []string{"A", "B", "C", "D", "G", "E", "J"}},
		{FeedbackOnTime, []string{"A", "B", "J"}},
		{FeedbackLate, []string{"C", "D", "G", "E"}},
		{FeedbackRated, []string{"A", "B", "G", "J", "I"}},
		{FeedbackSatisfied, []string{"A", "G", "I"}},
		{FeedbackDissatisfied, []string{"B", "J"}},
	} {
		t.Run(tc.list, func(t *testing.T) {
			cs, _, err := f.s.Cases(ctx, CaseFilter{Scope: f.unit.Path, List: tc.list, From: on("2026-01-01"), To: on("2026-03-31"), PerPage: 100})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Summary[:1])
			}
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("list %s: %v, want %v", tc.list, got, want)
			}
		})
	}
	if _, _, err := f.s.Cases(ctx, CaseFilter{Scope: f.unit.Path, List: "everything", From: on("2026-01-01"), To: on("2026-03-31")}); err == nil {
		t.Fatal("an unknown list was accepted")
	}
}

// TestTheDailyCountsFollowEveryWriteOfACase: after cases are opened at the
// desk, handled, extended, withdrawn, answered, rated by the officer and on
// the portal, and imported, the daily counts the index reads say what the
// cases themselves say (caseCounts) for every period.
func TestTheDailyCountsFollowEveryWriteOfACase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.importFile("feedback_basic.csv", false)
	officer := f.user("chuyenvien").ID
	var ids []int64
	for i, received := range []string{"2026-02-02", "2026-02-09", "2026-02-23", "2026-03-02"} {
		kind := Petition
		if i%2 == 1 {
			kind = Reflection
		}
		e := f.add(Entry{Kind: kind, Channel: Online, ReceivedOn: on(received), Summary: "Kiến nghị " + received, Anonymous: true,
			Handling: Accepted, HandledOn: on(received)})
		ids = append(ids, e.CaseID)
	}
	f.add(Entry{Kind: Petition, Channel: Online, ReceivedOn: on("2026-03-09"), Summary: "Kiến nghị mới", Anonymous: true, Handling: Accepted, HandledOn: on("2026-03-09")})
	for _, id := range ids[:3] {
		f.step(id, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: officer})
	}
	f.step(ids[0], Step{To: StDrafted, On: on("2026-03-04")})
	f.step(ids[0], Step{To: StAnswered, On: on("2026-03-05"), Answer: "Đã trả lời"})
	if err := f.s.Rate(ctx, audit.CLI(), ids[0], Dissatisfied); err != nil {
		t.Fatal(err)
	}
	f.step(ids[1], Step{To: StDrafted, On: on("2026-03-04")})
	f.step(ids[1], Step{To: StAnswered, On: on("2026-03-04"), Answer: "Đã trả lời"})
	one, err := f.s.Entry(ctx, f.caseEntry(ids[1]))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublicRate(ctx, one.LookupCode, Satisfied, "203.0.113.9"); err != nil {
		t.Fatal(err)
	}
	f.step(ids[2], Step{To: StWithdrawn, On: on("2026-03-06"), Reason: "Công dân rút đơn"})
	// Today moves on from the day of the writes (answers are never later than today).
	for _, today := range []string{"2026-03-10", "2026-03-16", "2026-03-31", "2026-05-01"} {
		f.today = on(today)
		for _, p := range [][2]string{{"2026-01-01", "2026-03-31"}, {"2026-02-01", "2026-02-28"}, {"2026-03-01", "2026-03-31"}, {"2026-03-10", "2026-03-20"}, {"2026-01-01", "2026-12-31"}} {
			from, to := on(p[0]), on(p[1])
			rows, err := f.s.FeedbackByUnit(ctx, f.unit.Path, from, to)
			if err != nil {
				t.Fatal(err)
			}
			cases, err := f.s.caseFigures(ctx, f.unit.Path, from, to, true)
			if err != nil {
				t.Fatal(err)
			}
			got := SumFeedback(rows)
			want := FeedbackCounts{OnTime: cases.OnTime, Judged: cases.Judged(), Satisfied: cases.Satisfied, Rated: cases.Rated}
			if got != want {
				t.Fatalf("today %s, %s..%s: daily counts %+v, cases %+v", today, p[0], p[1], got, want)
			}
		}
	}
}

// caseEntry is the entry a case was accepted from.
func (f *fixture) caseEntry(caseID int64) int64 {
	f.t.Helper()
	c, err := f.s.Case(context.Background(), caseID)
	if err != nil {
		f.t.Fatal(err)
	}
	return c.EntryID
}
