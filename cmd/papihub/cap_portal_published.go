package main

import (
	"context"
	"fmt"
	"time"

	"papihub/internal/legaldoc"
	"papihub/internal/org"
	"papihub/internal/plan"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/portal"
	"papihub/internal/reception"
	"papihub/internal/report"
	"papihub/internal/survey"
)

// The adapters of what an agency published: its surveys (survey's public
// queries), its answers of public interest (reception's) and the reports it
// issued (the report register, kinds the law has an agency publish).

type portalSurveys struct{ s *survey.Store }

func publicSurvey(p survey.PublicSurvey) portal.Survey {
	return portal.Survey{ID: p.ID, Title: p.Title, Unit: p.Unit, Open: p.Status == survey.StatusOpen, Responses: p.Responses, Created: p.CreatedAt}
}

// portalSurveyLimit is how many surveys an agency's page lists.
const portalSurveyLimit = 100

func (a portalSurveys) Surveys(ctx context.Context, agency org.Unit) ([]portal.Survey, error) {
	list, err := a.s.PublicSurveys(ctx, agency.Path, portalSurveyLimit)
	out := make([]portal.Survey, 0, len(list))
	for _, p := range list {
		out = append(out, publicSurvey(p))
	}
	return out, err
}

func (a portalSurveys) Results(ctx context.Context, agency org.Unit, id int64, lang string) (portal.SurveyResults, error) {
	r, err := a.s.PublicResults(ctx, agency.Path, id, lang)
	if err != nil {
		return portal.SurveyResults{}, portalNotFound(err, db.ErrNotFound)
	}
	est := func(e *survey.PublicEstimate) *portal.Estimate {
		if e == nil {
			return nil
		}
		return &portal.Estimate{Score: e.Score, Low: e.Low, High: e.High}
	}
	var dims func(in []survey.PublicDimension) []portal.SurveyDimension
	dims = func(in []survey.PublicDimension) []portal.SurveyDimension {
		if in == nil {
			return nil
		}
		out := make([]portal.SurveyDimension, 0, len(in))
		for _, d := range in {
			out = append(out, portal.SurveyDimension{Code: d.Code, Name: d.Name, Score: est(d.Score), Subdimensions: dims(d.Subdimensions)})
		}
		return out
	}
	out := portal.SurveyResults{Survey: publicSurvey(r.Survey), N: r.N, MinCell: r.MinCell, Suppressed: r.Suppressed, Unscored: r.Unscored,
		Total: est(r.Total), Dimensions: dims(r.Dimensions), Computed: r.ComputedAt}
	for _, b := range r.Breakdowns {
		pb := portal.SurveyBreakdown{Column: b.Column, Label: b.Label}
		for _, g := range b.Groups {
			pb.Groups = append(pb.Groups, portal.SurveyGroup{Value: g.Value, N: g.N, Suppressed: g.Suppressed, Total: est(g.Total), Dimensions: dims(g.Dimensions)})
		}
		out.Breakdowns = append(out.Breakdowns, pb)
	}
	return out, nil
}

type portalAnswers struct{ s *reception.Store }

func publicAnswer(a reception.PublicAnswer) (portal.Answer, error) {
	out := portal.Answer{ID: a.ID, Kind: string(a.Kind), Unit: a.Unit, Text: a.Answer}
	for _, d := range []struct {
		in  string
		out *time.Time
	}{{a.ReceivedOn, &out.Received}, {a.AnsweredOn, &out.Answered}, {a.PublishedOn, &out.Published}} {
		if d.in == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", d.in, vn.Location())
		if err != nil {
			return out, fmt.Errorf("portal: answer %d: %w", a.ID, err)
		}
		*d.out = t
	}
	return out, nil
}

func (a portalAnswers) Answers(ctx context.Context, agency org.Unit, page, perPage int) ([]portal.Answer, bool, error) {
	list, more, err := a.s.PublicAnswers(ctx, agency.Code, page, perPage)
	if err != nil {
		return nil, false, portalNotFound(err, reception.ErrNotFound)
	}
	out := make([]portal.Answer, 0, len(list))
	for _, x := range list {
		p, err := publicAnswer(x)
		if err != nil {
			return nil, false, err
		}
		out = append(out, p)
	}
	return out, more, nil
}

func (a portalAnswers) Answer(ctx context.Context, agency org.Unit, id int64) (portal.Answer, error) {
	x, err := a.s.PublicAnswerOf(ctx, agency.Code, id)
	if err != nil {
		return portal.Answer{}, portalNotFound(err, reception.ErrNotFound)
	}
	return publicAnswer(x)
}

// publishedReportKinds are the issued reports an agency publishes: its
// plan's periodic reports (the plan's results, Law on Access to
// Information art. 17) and the yearly list of expired legal documents.
// Reception, inspection and the province's consolidated reports stay
// inside. The portal shows them on its pages (the plan's report page, the
// yearly list), never their files.
var publishedReportKinds = []string{plan.ReportKind, legaldoc.KindExpiredList}

type portalReports struct{ reg *report.Register }

func publicReport(x report.Issued) portal.Report {
	return portal.Report{ID: x.ID, Kind: x.Kind, SourceID: x.SourceID, Title: x.Title, Number: x.Number, Period: x.Period, Unit: x.UnitName,
		IssuedOn: time.Date(x.IssuedOn.Year(), x.IssuedOn.Month(), x.IssuedOn.Day(), 0, 0, 0, 0, vn.Location()),
		Created:  x.CreatedAt, Format: x.Format, FileName: x.FileName}
}

func (a portalReports) Issued(ctx context.Context, agency org.Unit, limit int) ([]portal.Report, error) {
	list, _, err := a.reg.List(ctx, report.RegisterFilter{Kinds: publishedReportKinds, Scopes: []string{agency.Path}, PerPage: limit})
	out := make([]portal.Report, 0, len(list))
	for _, x := range list {
		out = append(out, publicReport(x))
	}
	return out, err
}

func (a portalLegal) Recent(ctx context.Context, agency org.Unit, limit int) ([]portal.RecentDocument, error) {
	docs, err := a.s.PublicRecent(ctx, agency.Code, limit)
	if err != nil {
		return nil, portalNotFound(err, legaldoc.ErrNotFound)
	}
	out := make([]portal.RecentDocument, 0, len(docs))
	for _, d := range docs {
		r := portal.RecentDocument{LegalDocument: publicLegalDocument(d.PublicDocument), ID: d.ID, Created: d.CreatedAt, Updated: d.UpdatedAt}
		if d.ExpiredOn != "" {
			if r.Expired, err = time.ParseInLocation("2006-01-02", d.ExpiredOn, vn.Location()); err != nil {
				return nil, fmt.Errorf("portal: document %d: %w", d.ID, err)
			}
		}
		out = append(out, r)
	}
	return out, nil
}
