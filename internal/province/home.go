package province

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"papihub/internal/home"
	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// HomePanel writes the province's blocks of the home page: for a Home
// Affairs reviewer the province at a glance, for a leader the one honest
// page of their agency (progress by dimension beside the province's PAPI
// gap, the service index and its trend, what was reported).
func HomePanel(s *Store) home.Panel {
	return func(r *http.Request, user *org.User) ([]home.Block, error) {
		ctx, lang := r.Context(), web.Lang(r)
		var out []home.Block
		if user.HasRole(string(org.RoleReviewer)) {
			b, err := s.reviewerBlock(ctx, user, lang)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		if user.HasRole(string(org.RoleLeader)) {
			b, err := s.leaderBlock(ctx, user, lang)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		return out, nil
	}
}

// reportingPeriod is the period Home Affairs is collecting: that of the
// latest round, or the quarter just ended when none was opened.
func (s *Store) reportingPeriod(ctx context.Context, provinceID int64) (string, error) {
	rounds, err := s.Rounds(ctx, provinceID, 1)
	if err != nil || len(rounds) > 0 {
		if len(rounds) > 0 {
			return rounds[0].Period, nil
		}
		return "", err
	}
	return period.Quarter(s.Today().AddDate(0, -3, 0)).Key, nil
}

func (s *Store) reviewerBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	scope, err := s.ScopeOf(ctx, user)
	if err != nil {
		return home.Block{}, err
	}
	key, err := s.reportingPeriod(ctx, rootID(scope.Path))
	if err != nil {
		return home.Block{}, err
	}
	v, err := s.Dashboard(ctx, scope, key)
	if err != nil {
		return home.Block{}, err
	}
	t := v.Totals
	b := home.Block{ID: "province", Order: 5, Title: web.T(lang, "province.home.title", v.Span.Label()), Lead: scope.Name,
		Empty: web.T(lang, "province.home.all_in"), More: home.Link{Text: web.T(lang, "province.home.open"), Href: "/province?period=" + v.Span.Key},
		Figures: []home.Figure{
			{Label: web.T(lang, "province.totals.reported"), Value: fmt.Sprintf("%d/%d", t.Reported, t.Units), Note: web.T(lang, "province.totals.late", t.Late, t.Returned), Tone: toneIf(t.Late > 0, "bad")},
			{Label: web.T(lang, "province.totals.progress"), Value: vn.FormatPercent(t.Progress.Percent(), 1), Note: web.T(lang, "province.totals.done", t.Progress.Done, t.Progress.Total)},
			{Label: web.T(lang, "province.totals.overdue"), Value: strconv.Itoa(t.Progress.Overdue), Tone: toneIf(t.Progress.Overdue > 0, "warn")},
		}}
	if v.Round != nil {
		b.More = home.Link{Text: web.T(lang, "province.home.open_round", v.Round.Period), Href: "/province/rounds/" + strconv.FormatInt(v.Round.ID, 10)}
	}
	rows := v.Rows
	Sort(rows, "report", false)
	for _, r := range rows {
		if (r.Late || r.Report == ReportReturned) && len(b.Lines) < 8 {
			state := web.T(lang, "province.report."+string(r.Report))
			if r.Late {
				state += " · " + web.T(lang, "province.late")
			}
			b.Lines = append(b.Lines, home.Line{Text: r.Unit.Name, Note: state, Tone: "bad", Href: b.More.Href})
		}
	}
	return b, nil
}

func toneIf(cond bool, tone string) string {
	if cond {
		return tone
	}
	return ""
}

// leaderBlock is the leader's one page: where the agency's work stands by
// PAPI dimension, with how far the province is from the best in each; the
// service index and its trend; what the agency reported.
func (s *Store) leaderBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	scope, err := s.ScopeOf(ctx, user)
	if err != nil {
		return home.Block{}, err
	}
	today := s.Today()
	b := home.Block{ID: "leader", Order: 5, Title: web.T(lang, "province.home.leader", scope.Name),
		Lead: web.T(lang, "province.home.leader.lead", vn.FormatDate(today)), More: home.Link{Text: web.T(lang, "province.home.open"), Href: "/province"}}

	dims, err := s.leaderProgress(ctx, scope, today)
	if err != nil {
		return b, err
	}
	gaps := map[string]string{}
	if s.src.Standing != nil {
		st, ok, err := s.src.Standing(ctx, rootID(scope.Path))
		if err != nil {
			return b, err
		}
		if ok {
			for _, d := range st.Dimensions {
				if d.GapToBest.Present {
					gaps[d.Code] = web.T(lang, "province.home.gap", st.Year, vn.FormatDecimal(d.Score.Value, 2), vn.FormatDecimal(d.GapToBest.Value, 2))
				}
			}
		}
	}
	var bars []chart.Bar
	var total Progress
	for _, d := range dims {
		total.Add(d.Progress)
		label := d.Dimension
		if label == "" {
			label = web.T(lang, "province.home.general")
		}
		note := fmt.Sprintf("%d/%d", d.Done, d.Total)
		if g := gaps[d.Dimension]; g != "" {
			note += " · " + g
		}
		tone := chart.ToneDefault
		if d.Overdue > 0 {
			tone = chart.ToneBad
		}
		bars = append(bars, chart.Bar{Label: label + " " + dimName(today.Year(), d.Dimension), Value: d.Percent(), Max: 100, Note: note, Tone: tone})
	}
	b.Chart = chart.Bars(chart.BarChart{Title: web.T(lang, "province.home.by_dimension"), Bars: bars, Unit: "%", Horizontal: true})
	b.Figures = append(b.Figures,
		home.Figure{Label: web.T(lang, "province.home.due_done"), Value: vn.FormatPercent(total.Percent(), 1), Note: fmt.Sprintf("%d/%d", total.Done, total.Total)},
		home.Figure{Label: web.T(lang, "province.totals.overdue"), Value: strconv.Itoa(total.Overdue), Tone: toneIf(total.Overdue > 0, "bad")})

	if s.src.Index != nil {
		quarter := period.Quarter(today)
		now, before, err := s.leaderIndex(ctx, scope.ID, quarter)
		if err != nil {
			return b, err
		}
		f := home.Figure{Label: web.T(lang, "province.home.index", quarter.Label()), Value: "—"}
		if now.Known {
			f.Value = vn.FormatDecimal(now.Total, 2)
			if before.Known {
				f.Note = web.T(lang, "province.home.trend", signed(now.Total-before.Total))
				f.Tone = toneIf(now.Total < before.Total, "warn")
			}
		}
		b.Figures = append(b.Figures, f)
	}

	issued, _, err := s.reports.List(ctx, report.RegisterFilter{Scopes: []string{scope.Path}, PerPage: 4})
	if err != nil {
		return b, err
	}
	for _, x := range issued {
		b.Lines = append(b.Lines, home.Line{Text: x.Number + " " + x.Title, Note: web.T(lang, "province.home.reported", x.UnitName, x.Period),
			Href: "/reports/" + strconv.FormatInt(x.ID, 10) + "/file", Due: x.IssuedOn})
	}
	b.Empty = web.T(lang, "province.home.nothing_reported")
	return b, nil
}

// leaderIndex is the service index of a leader's unit over quarter and, when
// it is known, over the quarter before: the kept values (Sources.Index) a
// leader's home reads.
func (s *Store) leaderIndex(ctx context.Context, unitID int64, quarter period.Span) (now, before IndexScore, err error) {
	got, err := s.src.Index(ctx, 0, []int64{unitID}, quarter.Key)
	if err != nil {
		return now, before, err
	}
	now = got[unitID]
	pk, ok := Previous(quarter.Key)
	if !now.Known || !ok {
		return now, before, nil
	}
	prev, err := s.src.Index(ctx, 0, []int64{unitID}, pk)
	return now, prev[unitID], err
}

// leaderKey names the progress by dimension a leader's home shows: that
// of the plans of a scope's units this year up to today.
type leaderKey struct {
	scope int64
	today time.Time
}

// leaderProgress is the progress by dimension of the plans of scope's units
// this year up to today, kept (s.leaders) while nothing the plans' figures
// read changes: every leader of the scope reads the same, and at a
// province's volume (120 plans) it took a tenth of a second and more,
// while the leader's page is kept per user.
func (s *Store) leaderProgress(ctx context.Context, scope org.Unit, today time.Time) ([]DimensionProgress, error) {
	if s.src.Dimensions == nil {
		return nil, nil
	}
	key := leaderKey{scope: scope.ID, today: today}
	return s.leaders.GetAhead(ctx, s.db.Heavy(ctx), s.src.ProgressReads, key, func(ctx context.Context) ([]DimensionProgress, error) {
		all, err := s.units(ctx, scope)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(all))
		for i, u := range all {
			ids[i] = u.ID
		}
		return s.src.Dimensions(ctx, today.Year(), ids, period.Date(today.Year(), 1, 1), today)
	})
}

// WarmLeaderHome computes ahead, and keeps, what a leader of unit (a root:
// their scope is the unit itself) finds on their home today: the service
// index (leaderIndex) and the progress by dimension (leaderProgress).
func (s *Store) WarmLeaderHome(ctx context.Context, unitID int64) error {
	if s.src.Index != nil {
		if _, _, err := s.leaderIndex(ctx, unitID, period.Quarter(s.Today())); err != nil {
			return err
		}
	}
	scope, err := s.org.Unit(ctx, unitID)
	if err != nil {
		return err
	}
	_, err = s.leaderProgress(ctx, scope, s.Today())
	return err
}
