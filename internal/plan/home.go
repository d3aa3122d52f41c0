package plan

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"papihub/internal/home"
	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// homeLines is how many items a home block lists before "see all".
const homeLines = 6

// HomePanel writes the plan's blocks of a person's home page: an officer's
// own tasks, a division head's division (and what waits for the focal
// office's review), the focal officer's plan and the next report due, and
// for a leader the overdue work that needs a decision.
func HomePanel(s *Store) home.Panel {
	return func(r *http.Request, user *org.User) ([]home.Block, error) {
		ctx, lang := r.Context(), web.Lang(r)
		var out []home.Block
		add := func(b home.Block, err error) error {
			if err == nil {
				out = append(out, b)
			}
			return err
		}
		if user.HasRole(string(org.RoleOfficer)) {
			if err := add(s.officerBlock(ctx, user, lang)); err != nil {
				return nil, err
			}
		}
		if user.HasRole(string(org.RoleManager)) {
			if err := add(s.divisionBlock(ctx, user, lang)); err != nil {
				return nil, err
			}
		}
		if user.HasRole(string(org.RoleFocal)) {
			if err := add(s.focalBlock(ctx, user, lang)); err != nil {
				return nil, err
			}
		}
		if user.HasRole(string(org.RoleLeader)) {
			if err := add(s.decideBlock(ctx, user, lang)); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}

// line is an instance as a home line: its task, its unit and state, its
// due date toned by where it stands.
func line(lang string, ti TaskInstance) home.Line {
	tone := ""
	switch {
	case ti.Overdue:
		tone = "bad"
	case ti.Status == Returned, ti.DueSoon:
		tone = "warn"
	}
	return home.Line{Text: short(ti.TaskText), Note: ti.LeadUnitName + " · " + web.T(lang, "plan.status."+string(ti.Status)),
		Href: "/instances/" + strconv.FormatInt(ti.ID, 10), Due: ti.Due, Tone: tone}
}

// homeLinesOf is the groups' instances in order, each once (a returned task
// can be overdue too), at most homeLines.
func homeLinesOf(lang string, groups ...[]TaskInstance) []home.Line {
	var out []home.Line
	seen := map[int64]bool{}
	for _, group := range groups {
		for _, ti := range group {
			if !seen[ti.ID] && len(out) < homeLines {
				seen[ti.ID] = true
				out = append(out, line(lang, ti))
			}
		}
	}
	return out
}

// listed reads up to homeLines instances of f, and whether more follow.
func (s *Store) listed(ctx context.Context, f InstanceFilter) ([]TaskInstance, bool, error) {
	f.PerPage = homeLines
	return s.Instances(ctx, f)
}

func count(n int, more bool) string {
	if more {
		return strconv.Itoa(n) + "+"
	}
	return strconv.Itoa(n)
}

// officerBlock is "my tasks": overdue, returned, then due within two weeks.
func (s *Store) officerBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	today := s.Today()
	base := InstanceFilter{LeadScope: user.UnitPath, Assignee: user.ID}
	f := base
	f.Overdue = true
	overdue, moreOverdue, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	f = base
	f.Status = []Status{Returned}
	returned, moreReturned, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	f = base
	f.Status, f.DueFrom, f.DueTo = []Status{NotStarted, InProgress}, today, today.AddDate(0, 0, 14)
	due, moreDue, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	b := home.Block{ID: "mytasks", Order: 10, Title: web.T(lang, "plan.home.mytasks"), Empty: web.T(lang, "plan.home.nothing"),
		More: home.Link{Text: web.T(lang, "plan.home.all_tasks"), Href: "/tasks/mine"},
		Figures: []home.Figure{
			{Label: web.T(lang, "plan.home.overdue"), Value: count(len(overdue), moreOverdue), Tone: toneIf(len(overdue) > 0, "bad")},
			{Label: web.T(lang, "plan.home.returned"), Value: count(len(returned), moreReturned), Tone: toneIf(len(returned) > 0, "warn")},
			{Label: web.T(lang, "plan.home.due14"), Value: count(len(due), moreDue)},
		}}
	b.Lines = homeLinesOf(lang, overdue, returned, due)
	return b, nil
}

func toneIf(cond bool, tone string) string {
	if cond {
		return tone
	}
	return ""
}

// divisionBlock is the division's work: overdue and returned tasks, and
// what the division reported that waits for the focal office's review.
func (s *Store) divisionBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	base := InstanceFilter{LeadScope: user.UnitPath}
	f := base
	f.Overdue = true
	overdue, moreOverdue, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	f = base
	f.Status = []Status{Returned}
	returned, moreReturned, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	f = base
	f.Status = []Status{Submitted}
	waiting, moreWaiting, err := s.listed(ctx, f)
	if err != nil {
		return home.Block{}, err
	}
	b := home.Block{ID: "division", Order: 20, Title: web.T(lang, "plan.home.division", user.UnitName), Empty: web.T(lang, "plan.home.nothing"),
		More: home.Link{Text: web.T(lang, "plan.home.all_tasks"), Href: "/tasks/mine"},
		Figures: []home.Figure{
			{Label: web.T(lang, "plan.home.overdue"), Value: count(len(overdue), moreOverdue), Tone: toneIf(len(overdue) > 0, "bad")},
			{Label: web.T(lang, "plan.home.returned"), Value: count(len(returned), moreReturned), Tone: toneIf(len(returned) > 0, "warn")},
			{Label: web.T(lang, "plan.home.waiting"), Value: count(len(waiting), moreWaiting)},
		}}
	b.Lines = homeLinesOf(lang, overdue, returned, waiting)
	return b, nil
}

// focalBlock is the state of the unit's plans of the year and what is due
// next: the work waiting for the focal officer's review, and the reports
// the unit owes (the registers' agenda, where the reporting rounds are).
func (s *Store) focalBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	today := s.Today()
	plans, _, err := s.Plans(ctx, PlanFilter{ReadScopes: []string{user.UnitPath}, UnitID: user.UnitID, Year: today.Year(), PerPage: 5})
	if err != nil {
		return home.Block{}, err
	}
	b := home.Block{ID: "plan", Order: 10, Title: web.T(lang, "plan.home.plan", today.Year()), Empty: web.T(lang, "plan.home.no_plan"),
		More: home.Link{Text: web.T(lang, "plan.home.all_plans"), Href: "/plans"}}
	var total Figures
	for _, p := range plans {
		_, t, err := s.Summary(ctx, SummaryFilter{PlanID: p.ID})
		if err != nil {
			return home.Block{}, err
		}
		total.add(t)
		b.Lines = append(b.Lines, home.Line{Text: p.Title, Href: "/plans/" + strconv.FormatInt(p.ID, 10),
			Note: web.T(lang, "plan.home.plan_line", vn.FormatPercent(t.Percent(), 1), t.Done, t.Total, t.Overdue, t.Submitted)})
	}
	if len(plans) == 1 {
		b.More = home.Link{Text: web.T(lang, "plan.home.open_plan"), Href: "/plans/" + strconv.FormatInt(plans[0].ID, 10)}
	}
	b.Figures = []home.Figure{
		{Label: web.T(lang, "plan.home.progress"), Value: vn.FormatPercent(total.Percent(), 1), Note: fmt.Sprintf("%d/%d", total.Done, total.Total)},
		{Label: web.T(lang, "plan.home.overdue"), Value: strconv.Itoa(total.Overdue), Tone: toneIf(total.Overdue > 0, "bad")},
		{Label: web.T(lang, "plan.home.to_review"), Value: strconv.Itoa(total.Submitted), Tone: toneIf(total.Submitted > 0, "warn")},
	}
	items, err := s.registers.Agenda(ctx, user, today, 45)
	if err != nil {
		return home.Block{}, err
	}
	for _, it := range items {
		tone := toneIf(it.Overdue, "bad")
		b.Lines = append(b.Lines, home.Line{Text: it.Title + " — " + it.UnitName, Note: it.Kind + " · " + it.State, Href: it.Link, Due: it.Due, Tone: tone})
	}
	return b, nil
}

// decideBlock lists, for a leader, the overdue work of the plans of their
// unit: what needs a decision (a new deadline, another unit, resources).
func (s *Store) decideBlock(ctx context.Context, user *org.User, lang string) (home.Block, error) {
	overdue, more, err := s.leaderOverdue(ctx, user.UnitPath)
	if err != nil {
		return home.Block{}, err
	}
	b := home.Block{ID: "decide", Order: 30, Title: web.T(lang, "plan.home.decide"), Lead: web.T(lang, "plan.home.decide.lead"),
		Empty: web.T(lang, "plan.home.decide.none")}
	for _, ti := range overdue {
		b.Lines = append(b.Lines, line(lang, ti))
	}
	if more {
		b.More = home.Link{Text: web.T(lang, "plan.home.all_overdue"), Href: "/plans"}
		if len(overdue) > 0 {
			b.More.Href = "/plans/" + strconv.FormatInt(overdue[0].PlanID, 10) + "/overdue"
		}
	}
	return b, nil
}

// decideLines is how many overdue instances a leader's home lists.
const decideLines = 8

type keptOverdueKey struct {
	scope string
	today time.Time
}

type overdueHead struct {
	first []TaskInstance
	more  bool
}

// leaderOverdue is the first overdue instances of the plans issued in scope
// (firstOverdue), kept (s.overdue) until an audited change in KeptScope or
// the next day: every leader of the scope reads the same, and at a
// province's volume it took a tenth of a second and more, while the
// leader's page is kept per user.
func (s *Store) leaderOverdue(ctx context.Context, scope string) ([]TaskInstance, bool, error) {
	got, err := s.overdue.GetAhead(ctx, s.db.R, KeptScope, keptOverdueKey{scope, s.Today()}, func(ctx context.Context) (overdueHead, error) {
		first, more, err := s.firstOverdue(ctx, scope, decideLines)
		return overdueHead{first, more}, err
	})
	return got.first, got.more, err
}

// WarmLeaderHome computes ahead, and keeps, the overdue work a leader whose
// unit has path scope finds on their home today (leaderOverdue).
func (s *Store) WarmLeaderHome(ctx context.Context, scope string) error {
	_, _, err := s.leaderOverdue(ctx, scope)
	return err
}
