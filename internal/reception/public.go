package reception

import (
	"context"
	"time"
)

// PublicSession is a session of the reception schedule as the portal posts
// it (Decree 64/2014 art. 6): the receiving leader's name and title are
// public; nothing of any citizen is.
type PublicSession struct {
	// ID names the session for ever (the UID of its iCalendar event).
	ID        int64  `json:"id"`
	Date      string `json:"date"` // YYYY-MM-DD
	Part      Part   `json:"part"`
	Hours     string `json:"hours"`
	Host      string `json:"host"`
	HostTitle string `json:"host_title"`
	Head      bool   `json:"head"`
	Place     string `json:"place"`
	Format    string `json:"format"`
	Unit      string `json:"unit"`
}

// PublicSchedule is the read-only query the public portal uses for the
// reception schedule: the sessions of the unit with electronic code
// unitCode from today for the next days days. ErrNotFound for an unknown
// unit.
func (s *Store) PublicSchedule(ctx context.Context, unitCode string, days int) ([]PublicSession, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	sessions, err := s.Sessions(ctx, unit.Path, today, today.AddDate(0, 0, min(max(days, 1), 366)))
	if err != nil {
		return nil, err
	}
	out := make([]PublicSession, 0, len(sessions))
	for _, ss := range sessions {
		out = append(out, PublicSession{ID: ss.ID, Date: fmtDay(ss.On), Part: ss.Part, Hours: ss.Hours, Host: ss.Host, HostTitle: ss.HostTitle,
			Head: ss.Head, Place: ss.Place, Format: ss.Format, Unit: ss.UnitName})
	}
	return out, nil
}

// PublicFigureSet is the anonymous aggregate the portal publishes for a
// period: counts only, no entry, no summary, no person.
type PublicFigureSet struct {
	Unit        string       `json:"unit"`
	From        string       `json:"from"`
	To          string       `json:"to"`
	Received    int          `json:"received"`
	ByKind      map[Kind]int `json:"by_kind"`
	Accepted    int          `json:"accepted"`
	Guided      int          `json:"guided"`
	Transferred int          `json:"transferred"`
	Due         int          `json:"due"`
	OnTime      int          `json:"on_time"`
	Late        int          `json:"late"`
	Overdue     int          `json:"overdue"`
	Sessions    int          `json:"sessions"`
	HeadSession int          `json:"head_sessions"`
}

// PublicFigures is the read-only query the public portal uses for the
// reception statistics of the unit with electronic code unitCode (its
// subtree included) over from..to. ErrNotFound for an unknown unit.
func (s *Store) PublicFigures(ctx context.Context, unitCode string, from, to time.Time) (PublicFigureSet, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return PublicFigureSet{}, err
	}
	f, err := s.Figures(ctx, unit.Path, from, to, false)
	if err != nil {
		return PublicFigureSet{}, err
	}
	sessions, err := s.Sessions(ctx, unit.Path, from, to)
	if err != nil {
		return PublicFigureSet{}, err
	}
	out := PublicFigureSet{Unit: unit.Name, From: fmtDay(from), To: fmtDay(to), Received: f.Entries, ByKind: f.ByKind, Accepted: f.Accepted,
		Guided: f.Guided, Transferred: f.Transferred, Due: f.Due, OnTime: f.OnTime, Late: f.Late, Overdue: f.Overdue, Sessions: len(sessions)}
	for _, ss := range sessions {
		if ss.Head {
			out.HeadSession++
		}
	}
	return out, nil
}
