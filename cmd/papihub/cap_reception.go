package main

import (
	"context"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/reception"
	"papihub/internal/report"
	"papihub/internal/tthc"
)

// Citizen reception: the schedule, the logbook (form 03) and the cases of
// complaints, denunciations, petitions and reflections with their legal
// deadlines, on the working-day calendar procedures use.
func init() {
	addCapability(capability{
		name:    "reception",
		modules: []db.Module{reception.Migrations},
		nav:     []web.NavItem{{Key: "nav.reception", Href: "/reception"}},
		routes: func(app *web.App, d deps) {
			opt := lookupLimits()
			reception.Routes(app, receptionStore(d), report.NewRegister(d.db, d.dataDir, d.now), web.NewLimiter(opt.LookupRate, opt.LookupBurst))
		},
		demo: loadReceptionDemo,
		registers: func(d deps) []any {
			return []any{reception.NewRegister(receptionStore(d))}
		},
	})
}

// receptionStore is the register's store on the agency's working-day
// calendar (the one procedures use, edited by the admin each year), which
// checks the dossier an entry names against the procedures' register.
func receptionStore(d deps) *reception.Store {
	procedures := tthc.NewStore(d.db, d.secret, d.now)
	return reception.NewStore(d.db, d.secret, func(ctx context.Context) (reception.Calendar, error) {
		c, err := procedures.Calendar(ctx)
		if err != nil {
			return nil, err
		}
		return workingDays{c}, nil
	}, d.now).WithDossiers(procedures)
}

// indexStore is the procedures' store whose service index reads its two
// feedback indicators, and the complaints and dislikes about dossiers,
// from the reception register: every place that shows the index uses it,
// deps' own when it has one (deps.complete).
func indexStore(d deps) *tthc.Store {
	if d.index != nil {
		return d.index
	}
	return tthc.NewStore(d.db, d.secret, d.now).WithFeedback(receptionFeedback{receptionStore(d)})
}

// receptionFeedback is the reception register as the index's
// FeedbackSource.
type receptionFeedback struct{ s *reception.Store }

func (f receptionFeedback) FeedbackByUnit(ctx context.Context, path string, from, to time.Time) ([]tthc.FeedbackUnit, error) {
	rows, err := f.s.FeedbackByUnit(ctx, path, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]tthc.FeedbackUnit, len(rows))
	for i, r := range rows {
		out[i] = tthc.FeedbackUnit{UnitID: r.UnitID, OnTime: int64(r.OnTime), Judged: int64(r.Judged), Satisfied: int64(r.Satisfied), Rated: int64(r.Rated)}
	}
	return out, nil
}

func (f receptionFeedback) DisapprovedDossiers(ctx context.Context, path string, from, to time.Time) ([]string, error) {
	return f.s.DisapprovedDossiers(ctx, path, from, to)
}

func (f receptionFeedback) FeedbackLink(unitID int64, from, to time.Time, list string) string {
	return reception.FeedbackCasesURL(unitID, from, to, list)
}

// workingDays reads the procedures' calendar with reception's dates.
type workingDays struct{ c *tthc.Calendar }

func (w workingDays) IsWorkingDay(day time.Time) bool { return w.c.IsWorkingDay(tthc.DayOf(day)) }

// loadReceptionDemo gives the Department of Science and Technology a small
// logbook, cases at each stage (the officer of its digital-transformation
// division handles them) and the director's monthly sessions.
func loadReceptionDemo(ctx context.Context, d deps) error {
	s := receptionStore(d)
	unit, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		return err
	}
	officer, err := d.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		return err
	}
	head, err := d.org.UserByUsername(ctx, "giamdoc")
	if err != nil {
		return err
	}
	return s.LoadDemo(ctx, unit.ID, officer.ID, head.ID, head.FullName, head.Title)
}
