package main

import (
	"context"
	"errors"
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
	"papihub/internal/reception"
	"papihub/internal/tthc"
)

// indexFixture is the demo organisation on 15/04/2026 with a generated
// year of the demo agency's dossiers, the reception register and the
// service index wired as serve wires them.
type indexFixture struct {
	t        *testing.T
	db       *db.DB
	d        deps
	index    *tthc.Store // one store: its index is kept between reads (audit.Cache)
	desk     *reception.Store
	agency   tthc.UnitInfo
	division tthc.UnitInfo
	officer  *org.User
}

func newIndexFixture(t *testing.T) *indexFixture {
	t.Helper()
	ctx := context.Background()
	conn := dbtest.Open(t, modules()...)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, testPassword); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 4, 15, 3, 0, 0, 0, time.UTC) }
	f := &indexFixture{t: t, db: conn, d: deps{db: conn, org: orgs, secret: mustBox(t), now: now}.complete()}
	f.index, f.desk = indexStore(f.d), receptionStore(f.d)
	var err error
	if f.agency, err = f.index.UnitByCode(ctx, demoAgencyCode); err != nil {
		t.Fatal(err)
	}
	var divisionID int64
	if err := conn.R.QueryRowContext(ctx, `SELECT id FROM units WHERE parent_id = $1 ORDER BY id LIMIT 1`, f.agency.ID).Scan(&divisionID); err != nil {
		t.Fatal(err)
	}
	if f.division, err = f.index.Unit(ctx, divisionID); err != nil {
		t.Fatal(err)
	}
	if f.officer, err = orgs.UserByUsername(ctx, "chuyenvien"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.index.GenerateInto(ctx, audit.System, f.agency, 766, 400, tthc.GenerateOptions{Year: 2026, Procedures: 12},
		func(x *tthc.Dossier) bool { return x.AsOf(now()) }, nil); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *indexFixture) count(p, metric string) (tthc.Count, string) {
	f.t.Helper()
	return f.countOf(f.agency, p, metric)
}

func (f *indexFixture) countOf(u tthc.UnitInfo, p, metric string) (tthc.Count, string) {
	f.t.Helper()
	period, err := tthc.ParsePeriod(p)
	if err != nil {
		f.t.Fatal(err)
	}
	rep, err := f.index.Index(context.Background(), u, period, tthc.IndexOptions{Breakdowns: true})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, g := range rep.Result.Groups {
		for _, in := range g.Indicators {
			if in.Metric == metric {
				return tthc.Count{Num: in.Num, Den: in.Den}, rep.Sources[metric]
			}
		}
	}
	f.t.Fatalf("no %s in the index", metric)
	return tthc.Count{}, ""
}

// entry writes an entry of unit's logbook received on day.
func (f *indexFixture) entry(unit tthc.UnitInfo, kind reception.Kind, received, dossier string) reception.Entry {
	f.t.Helper()
	ctx := context.Background()
	e := reception.Entry{UnitID: unit.ID, Kind: kind, Channel: reception.InPerson, ReceivedOn: vnDay(received), Summary: "Phản ánh về việc giải quyết hồ sơ",
		Handling: reception.Accepted, HandledOn: vnDay(received), DossierCode: dossier, Person: reception.Person{Name: "Lê Thị Mai", Address: "Phố Hiến"}}
	id, err := f.desk.CreateEntry(ctx, audit.CLI(), e)
	if err != nil {
		f.t.Fatalf("entry: %v", err)
	}
	got, err := f.desk.Entry(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return got
}

// answer takes a case to its answer on day.
func (f *indexFixture) answer(caseID int64, on string) {
	f.t.Helper()
	for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: f.officer.ID}, {To: reception.StDrafted}, {To: reception.StAnswered, Answer: "Đã trả lời"}} {
		st.On = vnDay(on)
		if _, err := f.desk.Step(context.Background(), audit.CLI(), caseID, st); err != nil {
			f.t.Fatalf("step %s: %v", st.To, err)
		}
	}
}

func vnDay(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, tthc.Location)
	if err != nil {
		panic(err)
	}
	return t
}

// TestTheIndexFeedbackIndicatorsFollowTheRegisterAtOnce: each change of the
// register (a case opened, answered, rated) shows in the next index read of
// the same store, although the index is kept between reads.
func TestTheIndexFeedbackIndicatorsFollowTheRegisterAtOnce(t *testing.T) {
	f := newIndexFixture(t)
	ctx := context.Background()
	for _, m := range []string{tthc.MetricFeedbackOnTime, tthc.MetricFeedbackSatisfied} {
		if c, src := f.count("2026Q1", m); c != (tthc.Count{}) || src != "reception" {
			t.Fatalf("%s before any feedback: %+v from %s", m, c, src)
		}
	}
	// Received 02/03, due ten working days later (16/03): answered on 03/03.
	answered := f.entry(f.agency, reception.Petition, "2026-03-02", "")
	f.answer(answered.CaseID, "2026-03-03")
	if c, _ := f.count("2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 1, Den: 1}) {
		t.Fatalf("after an answer on time: %+v", c)
	}
	if err := f.desk.Rate(ctx, audit.CLI(), answered.CaseID, reception.Dissatisfied); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.count("2026Q1", tthc.MetricFeedbackSatisfied); c != (tthc.Count{Num: 0, Den: 1}) {
		t.Fatalf("after a rating: %+v", c)
	}
	// Left open past its due day (16/03): late by 15/04.
	f.entry(f.agency, reception.Reflection, "2026-03-02", "")
	if c, _ := f.count("2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 1, Den: 2}) {
		t.Fatalf("after an overdue case: %+v", c)
	}
	// Received today: not due yet, so not judged in the running quarter.
	f.entry(f.agency, reception.Petition, "2026-04-15", "")
	if c, _ := f.count("2026Q2", tthc.MetricFeedbackOnTime); c != (tthc.Count{}) {
		t.Fatalf("a case not yet due: %+v", c)
	}
	// The division's case counts in the agency's subtree and its own row.
	f.entry(f.division, reception.Petition, "2026-03-02", "")
	if c, _ := f.count("2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 1, Den: 3}) {
		t.Fatalf("with the division's overdue case: %+v", c)
	}
	if c, _ := f.countOf(f.division, "2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 0, Den: 1}) {
		t.Fatalf("the division's own index: %+v", c)
	}
}

// TestACountEnteredForAUnitReplacesTheRegisterForThatUnitOnly: what a unit
// enters for the period is its own statement of its figure; the other
// units keep the register's.
func TestACountEnteredForAUnitReplacesTheRegisterForThatUnitOnly(t *testing.T) {
	f := newIndexFixture(t)
	ctx := context.Background()
	answered := f.entry(f.agency, reception.Petition, "2026-03-02", "")
	f.answer(answered.CaseID, "2026-03-03")
	f.entry(f.agency, reception.Petition, "2026-03-02", "") // overdue
	f.entry(f.division, reception.Petition, "2026-03-02", "")
	q1, _ := tthc.ParsePeriod("2026Q1")
	enter := func(u tthc.UnitInfo, num, den int64) {
		if err := f.index.SetManualCount(ctx, audit.CLI(), tthc.ManualCount{UnitID: u.ID, Metric: tthc.MetricFeedbackOnTime, Period: q1, Count: tthc.Count{Num: num, Den: den}}); err != nil {
			t.Fatal(err)
		}
	}
	enter(f.division, 3, 4) // replaces the division's 0/1
	c, src := f.count("2026Q1", tthc.MetricFeedbackOnTime)
	if c != (tthc.Count{Num: 1 + 3, Den: 2 + 4}) || src != "reception_manual" {
		t.Fatalf("agency 1/2 from the register, division 3/4 entered: %+v from %s", c, src)
	}
	if c, _ := f.countOf(f.division, "2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 3, Den: 4}) {
		t.Fatalf("the division's own index: %+v", c)
	}
	enter(f.agency, 5, 5) // replaces the agency's own 1/2
	if c, _ := f.count("2026Q1", tthc.MetricFeedbackOnTime); c != (tthc.Count{Num: 5 + 3, Den: 5 + 4}) {
		t.Fatalf("both entered: %+v", c)
	}
	// The satisfaction indicator has no entered count: the register alone.
	if c, src := f.count("2026Q1", tthc.MetricFeedbackSatisfied); c != (tthc.Count{}) || src != "reception" {
		t.Fatalf("satisfaction: %+v from %s", c, src)
	}
}

// TestComplaintsAndDislikesAboutADossierLeaveItsSatisfaction: a complaint
// naming a dossier, or feedback naming one whose answer was rated not
// satisfied, takes the dossier out of DOSSIER_RECEIVING_SATISFACTION's
// numerator in the period of the complaint or answer, once.
func TestComplaintsAndDislikesAboutADossierLeaveItsSatisfaction(t *testing.T) {
	f := newIndexFixture(t)
	ctx := context.Background()
	var clean, flagged string
	if err := f.db.R.QueryRowContext(ctx, `SELECT MIN(code) FROM tthc_dossiers WHERE complaint = 0 AND rating <> $1`, int(tthc.RatingDislike)).Scan(&clean); err != nil {
		t.Fatal(err)
	}
	if err := f.db.R.QueryRowContext(ctx, `SELECT MIN(code) FROM tthc_dossiers WHERE complaint = 1`).Scan(&flagged); err != nil {
		t.Fatal(err)
	}
	const metric = "DOSSIER_RECEIVING_SATISFACTION"
	before, src := f.count("2026Q1", metric)
	if before.Num < 2 || src != "dossiers_reception" {
		t.Fatalf("the generated quarter: %+v from %s", before, src)
	}
	q2, _ := f.count("2026Q2", metric)

	f.entry(f.agency, reception.Complaint, "2026-03-10", clean)
	if c, _ := f.count("2026Q1", metric); c != (tthc.Count{Num: before.Num - 1, Den: before.Den}) {
		t.Fatalf("after a complaint: %+v, before %+v", c, before)
	}
	// The same dossier again, and a dossier already flagged by the portal's
	// sync (deducted through its own row): no further change.
	f.entry(f.agency, reception.Complaint, "2026-03-11", clean)
	f.entry(f.agency, reception.Complaint, "2026-03-11", flagged)
	if c, _ := f.count("2026Q1", metric); c != (tthc.Count{Num: before.Num - 1, Den: before.Den}) {
		t.Fatalf("a dossier counts once: %+v, before %+v", c, before)
	}
	if c, _ := f.count("2026Q2", metric); c != q2 {
		t.Fatalf("the complaint of March changed Q2: %+v, was %+v", c, q2)
	}
	// A reflection about a dossier counts when its answer is rated not
	// satisfied, in the period of the answer.
	var other string
	if err := f.db.R.QueryRowContext(ctx, `SELECT MAX(code) FROM tthc_dossiers WHERE complaint = 0 AND rating <> $1`, int(tthc.RatingDislike)).Scan(&other); err != nil {
		t.Fatal(err)
	}
	r := f.entry(f.agency, reception.Reflection, "2026-04-01", other)
	f.answer(r.CaseID, "2026-04-02")
	if c, _ := f.count("2026Q2", metric); c != q2 {
		t.Fatalf("an answer not rated yet: %+v, was %+v", c, q2)
	}
	if err := f.desk.Rate(ctx, audit.CLI(), r.CaseID, reception.Dissatisfied); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.count("2026Q2", metric); c != (tthc.Count{Num: q2.Num - 1, Den: q2.Den}) {
		t.Fatalf("after a dislike: %+v, was %+v", c, q2)
	}
	// A code that is no dossier of the agency is refused, nothing saved.
	_, err := f.desk.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: f.agency.ID, Kind: reception.Complaint, Channel: reception.Post,
		ReceivedOn: vnDay("2026-03-10"), Summary: "Khiếu nại", Person: reception.Person{Name: "Lê Văn Tâm"}, DossierCode: "H15.99.99.99-260310-0001"})
	var ve *web.ValidationError
	if !errors.As(err, &ve) || ve.Fields["dossier_code"] != "reception.dossier_code.unknown" {
		t.Fatalf("an unknown dossier: %v", err)
	}
}

// TestTheIndexDrillsDownFromTheFeedbackNumbersToTheirCases: on the index
// page each feedback number links to the register's list of the cases
// behind it, which shows them by logbook number without any citizen's
// name, and never a denunciation.
func TestTheIndexDrillsDownFromTheFeedbackNumbersToTheirCases(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	f := &indexFixture{t: t, db: ts.db, d: deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete()}
	f.index, f.desk = indexStore(f.d), receptionStore(f.d)
	var err error
	if f.agency, err = f.index.UnitByCode(ctx, demoAgencyCode); err != nil {
		t.Fatal(err)
	}
	if f.officer, err = ts.org.UserByUsername(ctx, "chuyenvien"); err != nil {
		t.Fatal(err)
	}
	onTime := f.entry(f.agency, reception.Petition, "2026-03-02", "")
	f.answer(onTime.CaseID, "2026-03-03")
	if err := f.desk.Rate(ctx, audit.CLI(), onTime.CaseID, reception.Satisfied); err != nil {
		t.Fatal(err)
	}
	overdue := f.entry(f.agency, reception.Reflection, "2026-03-02", "")
	_, err = f.desk.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: f.agency.ID, Kind: reception.Denunciation, Channel: reception.Post,
		ReceivedOn: vnDay("2026-02-02"), Summary: "Tố cáo cán bộ Phạm Văn Quý nhận tiền", Handling: reception.Accepted, HandledOn: vnDay("2026-02-03"),
		Person: reception.Person{Name: "Đinh Thị Hoa", Address: "Thôn Đông"}})
	if err != nil {
		t.Fatal(err)
	}
	c := ts.client(t, "giamdoc")
	page := readBody(t, c.get(t, "/tthc?unit="+strconv.FormatInt(f.agency.ID, 10)+"&period=2026Q1"))
	for _, want := range []string{"Từ sổ tiếp công dân", `data-testid="late-PETITION_PROCESSING_ON_TIME"`, `data-testid="dissatisfied-PETITION_HANDLING_SATISFACTION"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("the index page lacks %s", want)
		}
	}
	for _, tc := range []struct {
		list string
		want []reception.Entry
		not  []reception.Entry
	}{
		{reception.FeedbackJudged, []reception.Entry{onTime, overdue}, nil},
		{reception.FeedbackOnTime, []reception.Entry{onTime}, []reception.Entry{overdue}},
		{reception.FeedbackLate, []reception.Entry{overdue}, []reception.Entry{onTime}},
		{reception.FeedbackSatisfied, []reception.Entry{onTime}, []reception.Entry{overdue}},
		{reception.FeedbackDissatisfied, nil, []reception.Entry{onTime, overdue}},
	} {
		link := reception.FeedbackCasesURL(f.agency.ID, vnDay("2026-01-01"), vnDay("2026-03-31"), tc.list)
		if !strings.Contains(page, html.EscapeString(link)) {
			t.Fatalf("the index page does not link to %s", link)
		}
		resp := c.get(t, link)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", link, resp.StatusCode)
		}
		for _, e := range tc.want {
			if !strings.Contains(body, "/reception/cases/"+strconv.FormatInt(e.CaseID, 10)+`"`) {
				t.Errorf("%s lacks case %d", tc.list, e.CaseID)
			}
		}
		for _, e := range tc.not {
			if strings.Contains(body, "/reception/cases/"+strconv.FormatInt(e.CaseID, 10)+`"`) {
				t.Errorf("%s lists case %d", tc.list, e.CaseID)
			}
		}
		for _, secret := range []string{"Lê Thị Mai", "L. T. M.", "Đinh Thị Hoa", "Phạm Văn Quý"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows %q", tc.list, secret)
			}
		}
	}
	if resp := c.get(t, "/reception/cases?unit="+strconv.FormatInt(f.agency.ID, 10)+"&list=everything&from=2026-01-01&to=2026-03-31"); resp.StatusCode == http.StatusOK {
		t.Fatal("an unknown list answered 200")
	}
}

// TestAGeneratedYearOfCasesScoresTheIndexAsAPlainCount generates a year of
// the register over the agency and its divisions (the generator of
// `papihub reception generate`), on 20/11/2026, and compares the index's
// two feedback indicators, for the agency's subtree and for a division,
// over the year, each quarter (the fourth still running) and the month,
// with a count made here by plain loops over the generated cases.
func TestAGeneratedYearOfCasesScoresTheIndexAsAPlainCount(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.Open(t, modules()...)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, testPassword); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC) }
	d := deps{db: conn, org: orgs, secret: mustBox(t), now: now}.complete()
	index, desk := indexStore(d), receptionStore(d)
	agency, err := index.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	units := []tthc.UnitInfo{agency}
	rows, err := conn.R.QueryContext(ctx, `SELECT id FROM units WHERE parent_id = $1 ORDER BY id`, agency.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		u, err := index.Unit(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		units = append(units, u)
	}
	rows.Close()
	if len(units) < 2 {
		t.Fatal("the demo agency has no division")
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	gen, err := desk.Generate(ctx, reception.GenerateSpec{UnitIDs: ids, Year: 2026, Entries: 4000, Seed: 766})
	if err != nil {
		t.Fatal(err)
	}
	today := vnDay("2026-11-20")

	// count is the plain count: petitions and reflections accepted, not
	// withdrawn or transferred, due in from..to; judged when answered by
	// the period's end (or today) or when their due day is over by then;
	// on time when answered by the due day. Ratings of answers given in
	// from..to (up to today).
	count := func(in func(int64) bool, from, to time.Time) (onTime, satisfied tthc.Count) {
		end := to
		over := to.Before(today)
		if !over {
			end = today
		}
		var ot, j, s, r int64
		for _, g := range gen {
			c := g.Case
			if g.Handling != reception.Accepted || (c.Kind != reception.Petition && c.Kind != reception.Reflection) || !in(c.UnitID) {
				continue
			}
			answered := !c.DecidedOn.IsZero()
			if answered && c.Rating != reception.Unrated && !c.DecidedOn.Before(from) && !c.DecidedOn.After(end) {
				r++
				if c.Rating == reception.Satisfied {
					s++
				}
			}
			if c.Status == reception.StWithdrawn || c.Status == reception.StTransferred || c.Due.Before(from) || c.Due.After(to) {
				continue
			}
			answeredByEnd := answered && !c.DecidedOn.After(end)
			dueDayOver := c.Due.Before(end) || (over && c.Due.Equal(end))
			if answeredByEnd || dueDayOver {
				j++
				if answeredByEnd && !c.DecidedOn.After(c.Due) {
					ot++
				}
			}
		}
		return tthc.Count{Num: ot, Den: j}, tthc.Count{Num: s, Den: r}
	}
	division := units[1]
	scopes := []struct {
		unit tthc.UnitInfo
		in   func(int64) bool
	}{
		{agency, func(int64) bool { return true }},
		{division, func(id int64) bool { return id == division.ID }},
	}
	var judgedYear int64
	for _, p := range []string{"2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026-11", "2026-02"} {
		period, err := tthc.ParsePeriod(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range scopes {
			onTime, satisfied := count(sc.in, period.From.At(0, 0), period.To.At(0, 0))
			rep, err := index.Index(ctx, sc.unit, period, tthc.IndexOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]tthc.Count{}
			for _, g := range rep.Result.Groups {
				for _, in := range g.Indicators {
					got[in.Metric] = tthc.Count{Num: in.Num, Den: in.Den}
				}
			}
			if got[tthc.MetricFeedbackOnTime] != onTime || got[tthc.MetricFeedbackSatisfied] != satisfied {
				t.Errorf("%s %s: index on time %+v, satisfied %+v; counted %+v, %+v", sc.unit.Code, p,
					got[tthc.MetricFeedbackOnTime], got[tthc.MetricFeedbackSatisfied], onTime, satisfied)
			}
			if p == "2026" && sc.unit.ID == agency.ID {
				judgedYear = onTime.Den
				if onTime.Num == 0 || onTime.Num == onTime.Den || satisfied.Num == 0 || satisfied.Num == satisfied.Den {
					t.Fatalf("the generated year is too tame to test anything: %+v, %+v", onTime, satisfied)
				}
			}
		}
	}
	if judgedYear < 1000 {
		t.Fatalf("only %d feedback cases judged in the year", judgedYear)
	}
}

// TestTheCommandLineGeneratesARegister: `papihub reception generate` writes
// the synthetic register into the units named; a unit that does not exist
// writes nothing.
func TestTheCommandLineGeneratesARegister(t *testing.T) {
	dir := demoDataDir(t)
	code, out, errOut := run(t, "", "reception", "generate", "--unit", demoAgencyCode, "--entries", "300", "--seed", "3", "--year", "2026", "--data", dir)
	if code != 0 || !strings.Contains(out, "generated 300 entries") {
		t.Fatalf("reception generate: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := run(t, "", "reception", "generate", "--unit", "NOPE", "--entries", "3", "--data", dir); code != 1 {
		t.Fatalf("an unknown unit: exit %d", code)
	}
	if code, _, _ := run(t, "", "reception", "generate", "--entries", "3", "--data", dir); code != 2 {
		t.Fatalf("no unit: exit %d", code)
	}
}
