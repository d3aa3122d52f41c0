package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/portal"
	"papihub/internal/reception"
	"papihub/internal/report"
	"papihub/internal/survey"
	"papihub/internal/tthc"
)

// The public portal reads the registers through the adapters below, which
// turn each capability's public query into the portal's own types; the
// portal imports none of them.
func init() {
	addCapability(capability{
		name:    "portal",
		modules: []db.Module{portal.Migrations},
		nav:     []web.NavItem{{Key: "nav.portal", Href: "/portal/profile", Roles: org.RoleNames(org.RoleAdmin, org.RoleFocal)}},
		demo:    loadPortalDemo,
		routes: func(app *web.App, d deps) {
			ts := indexStore(d) // the same index as the internal page, feedback indicators included
			opt := lookupLimits()
			portal.Routes(app, d.db, d.org, portal.Sources{
				Procedures: portalProcedures{ts},
				Dossiers:   portalDossiers{ts},
				Index:      portalIndex{ts},
				Legal:      portalLegal{legaldoc.NewStore(d.db, d.now)},
				Reception:  portalReception{receptionStore(d)},
				Feedback:   portalReception{receptionStore(d)},
				Lookups:    web.NewLimiter(opt.LookupRate, opt.LookupBurst),
				Plans:      portalPlans{planStore(d)},
				Standing:   portalStanding{provinceStanding(d)},
				Surveys:    portalSurveys{survey.NewStore(d.db, d.now)},
				Answers:    portalAnswers{receptionStore(d)},
				Reports:    portalReports{report.NewRegister(d.db, d.dataDir, d.now)},
			}, d.now)
		},
	})
}

func tthcUnit(u org.Unit) tthc.UnitInfo {
	return tthc.UnitInfo{ID: u.ID, Code: u.Code, Name: u.Name, Path: u.Path}
}

// portalNotFound turns a capability's "not found" into the portal's.
func portalNotFound(err error, notFound error) error {
	if errors.Is(err, notFound) {
		return portal.ErrNotFound
	}
	return err
}

type portalProcedures struct{ s *tthc.Store }

func publicProcedure(p tthc.Procedure) portal.Procedure {
	out := portal.Procedure{Code: p.Code, Name: p.Name, Field: p.Field, IssuingBody: p.IssuingBody, CompetentUnit: p.CompetentUnit,
		TimeLimit: p.Statutory.String(), Fee: p.Fee, Online: string(p.Online), PayOnline: p.PaymentIntegrated,
		DecisionDate: p.DecisionDate, PublishedDate: p.PublishedDate, Abolished: !p.Applies()}
	for i := range out.Parts {
		out.Parts[i] = p.Parts.Has(i)
	}
	return out
}

func (a portalProcedures) Procedures(ctx context.Context, agency org.Unit, query string, page, perPage int) ([]portal.Procedure, bool, error) {
	list, more, err := a.s.Procedures(ctx, tthc.ProcedureFilter{Scope: agency.Path, Query: query, Limit: perPage, Offset: (page - 1) * perPage})
	out := make([]portal.Procedure, 0, len(list))
	for _, p := range list {
		out = append(out, publicProcedure(p))
	}
	return out, more, err
}

// Procedure finds the procedure by its code in the agency's catalogue, and
// its dossiers' figures this year from the index's breakdown by procedure
// (so the portal says what the internal index page says).
func (a portalProcedures) Procedure(ctx context.Context, agency org.Unit, code string, now time.Time) (portal.Procedure, portal.ProcedureStats, error) {
	if tthc.CheckProcedureCode(code) != nil {
		return portal.Procedure{}, portal.ProcedureStats{}, portal.ErrNotFound
	}
	list, _, err := a.s.Procedures(ctx, tthc.ProcedureFilter{Scope: agency.Path, Query: code, OrderBy: "code", Limit: 100})
	if err != nil {
		return portal.Procedure{}, portal.ProcedureStats{}, err
	}
	for _, p := range list {
		if p.Code != code {
			continue
		}
		year, err := tthc.ParsePeriod(strconv.Itoa(now.In(tthc.Location).Year()))
		if err != nil {
			return portal.Procedure{}, portal.ProcedureStats{}, err
		}
		rep, err := a.s.Index(ctx, tthcUnit(agency), year, tthc.IndexOptions{Breakdowns: true})
		if err != nil {
			return portal.Procedure{}, portal.ProcedureStats{}, err
		}
		st := portal.ProcedureStats{Period: year.Label()}
		for _, row := range rep.ByProcedure {
			if row.ID != p.ID {
				continue
			}
			st.Received, st.Judged, st.OnTime = row.Received, row.Judged, row.OnTime
			for _, g := range row.Result.Groups {
				for _, in := range g.Indicators {
					if in.Metric == "ONLINE_SUBMITTED" {
						st.Online = in.Num
					}
				}
			}
		}
		return publicProcedure(p), st, nil
	}
	return portal.Procedure{}, portal.ProcedureStats{}, portal.ErrNotFound
}

type portalDossiers struct{ s *tthc.Store }

func (a portalDossiers) Dossier(ctx context.Context, agency org.Unit, code string) (portal.Dossier, error) {
	d, err := a.s.PublicDossier(ctx, code, agency.Path)
	if err != nil {
		if errors.Is(err, tthc.ErrArchived) {
			return portal.Dossier{}, &portal.ArchivedError{Reason: err.Error()}
		}
		return portal.Dossier{}, portalNotFound(err, tthc.ErrNotFound)
	}
	out := portal.Dossier{Code: d.Code, Procedure: d.Procedure, Unit: d.Unit, ReceivedAt: d.ReceivedAt, Appointment: d.Appointment(), Status: d.StatusName}
	for _, e := range d.Timeline {
		out.Timeline = append(out.Timeline, portal.DossierStep{At: e.At, Status: e.StatusName})
	}
	return out, nil
}

type portalIndex struct{ s *tthc.Store }

// portalTrendMonths is how many months the portal's trend shows.
const portalTrendMonths = 6

func (a portalIndex) Index(ctx context.Context, agency org.Unit, now time.Time) (portal.Index, error) {
	month := tthc.MonthOf(now)
	trend, err := a.s.Trend(ctx, tthcUnit(agency), month, portalTrendMonths)
	if err != nil || len(trend) == 0 {
		return portal.Index{}, err
	}
	cur := trend[len(trend)-1]
	out := portal.Index{Period: cur.PeriodLabel, Total: cur.Result.Total, Max: cur.Result.Max}
	for _, g := range cur.Result.Groups {
		out.Groups = append(out.Groups, portal.IndexGroup{NameVi: g.NameVi, NameEn: g.NameEn, Score: g.Score, Max: g.Max, NA: g.NA})
	}
	for _, r := range trend {
		out.Trend = append(out.Trend, portal.IndexPoint{Label: r.PeriodLabel, Total: r.Result.Total})
	}
	return out, nil
}

type portalLegal struct{ s *legaldoc.Store }

func (a portalLegal) InForce(ctx context.Context, agency org.Unit, query string, page, perPage int) ([]portal.LegalDocument, bool, error) {
	docs, more, err := a.s.PublicInForce(ctx, legaldoc.PublicQuery{UnitCode: agency.Code, Query: query, Page: page, PerPage: perPage})
	if err != nil {
		return nil, false, portalNotFound(err, legaldoc.ErrNotFound)
	}
	out := make([]portal.LegalDocument, 0, len(docs))
	for _, d := range docs {
		out = append(out, publicLegalDocument(d))
	}
	return out, more, nil
}

func publicLegalDocument(d legaldoc.PublicDocument) portal.LegalDocument {
	return portal.LegalDocument{Number: d.Number, Type: d.Type, Title: d.Title, IssuingBody: d.IssuingBody, Field: d.Field,
		IssuedOn: dayVN(d.IssuedOn), EffectiveFrom: dayVN(d.EffectiveFrom), Status: string(d.Status), PartlyFrom: dayVN(d.PartlyFrom)}
}

// dayVN writes a stored day (YYYY-MM-DD) as the portal prints dates,
// dd/mm/yyyy; anything else as it is.
func dayVN(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return vn.FormatDate(t)
}

func (a portalLegal) Expired(ctx context.Context, agency org.Unit, year int) (portal.ExpiredList, error) {
	l, err := a.s.PublicExpired(ctx, agency.Code, year)
	if err != nil {
		return portal.ExpiredList{}, portalNotFound(err, legaldoc.ErrNotFound)
	}
	rows := func(in []legaldoc.ExpiredRowJSON) []portal.ExpiredDocument {
		out := make([]portal.ExpiredDocument, 0, len(in))
		for _, r := range in {
			out = append(out, portal.ExpiredDocument{Number: r.Number, Type: r.Type, IssuedOn: r.IssuedOn, Title: r.Title,
				Provisions: r.Provisions, Reason: r.Reason, ExpiredOn: r.ExpiredOn})
		}
		return out
	}
	return portal.ExpiredList{Year: l.Year, Whole: rows(l.Full), Partly: rows(l.Partial)}, nil
}

type portalReception struct{ s *reception.Store }

func (a portalReception) Schedule(ctx context.Context, agency org.Unit, days int) ([]portal.ReceptionSession, error) {
	list, err := a.s.PublicSchedule(ctx, agency.Code, days)
	if err != nil {
		return nil, portalNotFound(err, reception.ErrNotFound)
	}
	out := make([]portal.ReceptionSession, 0, len(list))
	for _, ss := range list {
		day, err := time.ParseInLocation("2006-01-02", ss.Date, vn.Location())
		if err != nil {
			return nil, fmt.Errorf("portal: reception session on %q: %w", ss.Date, err)
		}
		out = append(out, portal.ReceptionSession{ID: ss.ID, Date: day, Part: string(ss.Part), Hours: ss.Hours, Host: ss.Host, HostTitle: ss.HostTitle,
			Head: ss.Head, Place: ss.Place, Format: ss.Format, Unit: ss.Unit})
	}
	return out, nil
}

func (a portalReception) Figures(ctx context.Context, agency org.Unit, from, to time.Time) (portal.ReceptionFigures, error) {
	f, err := a.s.PublicFigures(ctx, agency.Code, from, to)
	if err != nil {
		return portal.ReceptionFigures{}, portalNotFound(err, reception.ErrNotFound)
	}
	out := portal.ReceptionFigures{Received: f.Received, ByKind: map[string]int{}, Accepted: f.Accepted, Guided: f.Guided, Transferred: f.Transferred,
		Due: f.Due, OnTime: f.OnTime, Late: f.Late, Overdue: f.Overdue, Sessions: f.Sessions, HeadSessions: f.HeadSession}
	for k, n := range f.ByKind {
		out.ByKind[string(k)] = n
	}
	return out, nil
}

// portalActor is who the audit log names for what citizens send from the
// portal.
func portalActor(ip string) audit.Actor { return audit.Actor{Username: "cong-khai", IP: ip} }

// receptionFields maps the register's field names to the portal form's.
var receptionFields = map[string]string{"summary": "message", "dossier_code": "dossier_code", "name": "name", "phone": "phone", "address": "address", "kind": "kind"}

// Submit enters a citizen's letter in the agency's logbook as an online
// petition or reflection awaiting handling, so it is dealt with, counted
// and timed like one brought to the desk.
func (a portalReception) Submit(ctx context.Context, agency org.Unit, in portal.FeedbackInput, ip string) (string, error) {
	e := reception.Entry{UnitID: agency.ID, ReceivedOn: a.s.Today(), Channel: reception.Online, Kind: reception.Kind(in.Kind), People: 1,
		Summary: in.Message, DossierCode: in.DossierCode, Handling: reception.Pending,
		Person: reception.Person{Name: in.Name, Phone: in.Phone, Address: in.Address}}
	id, err := a.s.CreateEntry(ctx, portalActor(ip), e)
	if errs, ok := web.AsValidation(err); ok {
		out := web.FieldErrors{}
		for f, key := range errs {
			if pf, known := receptionFields[f]; known {
				out.Add(pf, key)
			} else {
				out.Add("message", key)
			}
		}
		return "", &web.ValidationError{Fields: out}
	}
	if err != nil {
		return "", err
	}
	saved, err := a.s.Entry(ctx, id)
	if err != nil {
		return "", err
	}
	if saved.LookupCode == "" {
		return "", fmt.Errorf("portal: entry %d has no look-up code", id)
	}
	return saved.LookupCode, nil
}

// Lookup reads the letter of code in the agency's logbook, as the
// register's public query gives it (no person, no summary).
func (a portalReception) Lookup(ctx context.Context, agency org.Unit, code string) (portal.FeedbackCase, error) {
	p, err := a.s.PublicLookupIn(ctx, agency.Code, code)
	if err != nil {
		return portal.FeedbackCase{}, portalNotFound(err, reception.ErrNotFound)
	}
	state := string(p.Status)
	if state == "" {
		state = string(p.Handling)
	}
	out := portal.FeedbackCase{Number: p.Number, Kind: string(p.Kind), State: state, HandlingTo: p.HandlingTo, Answer: p.Answer,
		Published: p.Published, Rating: string(p.Rating), CanRate: p.CanRate}
	for _, d := range []struct {
		s  string
		to *time.Time
	}{{p.ReceivedOn, &out.ReceivedOn}, {p.DueOn, &out.DueOn}, {p.AnsweredOn, &out.AnsweredOn}} {
		if d.s == "" {
			continue
		}
		if *d.to, err = time.ParseInLocation("2006-01-02", d.s, vn.Location()); err != nil {
			return out, fmt.Errorf("portal: letter day %q: %w", d.s, err)
		}
	}
	return out, nil
}

// Rate records the sender's rating, once the code is found in the agency's
// logbook (a code of another agency is not found on this one's portal).
func (a portalReception) Rate(ctx context.Context, agency org.Unit, code string, satisfied bool, ip string) error {
	if _, err := a.s.PublicLookupIn(ctx, agency.Code, code); err != nil {
		return portalNotFound(err, reception.ErrNotFound)
	}
	r := reception.Dissatisfied
	if satisfied {
		r = reception.Satisfied
	}
	return portalNotFound(a.s.PublicRate(ctx, code, r, ip), reception.ErrNotFound)
}
