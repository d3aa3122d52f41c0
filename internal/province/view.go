package province

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/period"
)

// A View is the dashboard of a scope for a period: a row per reporting
// unit, the round of the period if Home Affairs opened one, and the totals.
type View struct {
	Scope    org.Unit
	Span     period.Span
	Previous period.Span // the period before, for the index's trend
	Round    *Round
	Rows     []Row
	Totals   Totals
}

// errPeriod is returned for a period key that does not parse.
var errPeriod = errors.New("province: period")

// Previous is the key of the period of the same length before key:
// 2026Q1 → 2025Q4, 2026-01 → 2025-12, 2026S2 → 2026S1, 2026 → 2025. A
// span of dates has none.
func Previous(key string) (string, bool) {
	if len(key) < 4 || strings.Contains(key, "..") {
		return "", false
	}
	y, err := strconv.Atoi(key[:4])
	if err != nil {
		return "", false
	}
	rest := key[4:]
	if rest == "" {
		return strconv.Itoa(y - 1), true
	}
	n, err := strconv.Atoi(rest[1:])
	if err != nil {
		return "", false
	}
	step := func(per int, format string) (string, bool) {
		if n > 1 {
			return fmt.Sprintf(format, y, n-1), true
		}
		return fmt.Sprintf(format, y-1, per), true
	}
	switch rest[0] {
	case 'Q':
		return step(4, "%dQ%d")
	case 'S':
		return step(2, "%dS%d")
	case '-':
		return step(12, "%d-%02d")
	}
	return "", false
}

// Dashboard builds the view of scope for the period key (default: the
// quarter of today).
func (s *Store) Dashboard(ctx context.Context, scope org.Unit, key string) (View, error) {
	today := s.Today()
	if key == "" {
		key = period.Quarter(today).Key
	}
	span, err := period.Parse(key)
	if err != nil {
		return View{}, fmt.Errorf("%w: %v", errPeriod, err)
	}
	v := View{Scope: scope, Span: span}
	if pk, ok := Previous(span.Key); ok {
		v.Previous, _ = period.Parse(pk)
	}
	all, err := s.units(ctx, scope)
	if err != nil {
		return v, err
	}
	byID := make(map[int64]org.Unit, len(all))
	for _, u := range all {
		byID[u.ID] = u
	}
	on := span.To
	if today.Before(on) {
		on = today
	}
	units := Expected(all, on)
	v.Rows = make([]Row, len(units))
	rowOf := map[int64]int{}
	ids := make([]int64, len(units))
	under := true // every row unit sits directly under scope
	for i, u := range units {
		v.Rows[i] = Row{Unit: u, Report: ReportMissing}
		rowOf[u.ID] = i
		ids[i] = u.ID
		under = under && u.ParentID == scope.ID
	}
	// rowFor is the row a unit's records count under: the reporting unit
	// whose subtree holds it, or holds the unit it merged into (a
	// successor carries its closed predecessor's history).
	rowFor := func(id int64) (int, bool) {
		u, ok := byID[id]
		if !ok {
			return 0, false
		}
		u = Answerer(u, byID, on)
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for j := len(parts) - 1; j >= 0; j-- {
			pid, _ := strconv.ParseInt(parts[j], 10, 64)
			if i, ok := rowOf[pid]; ok {
				return i, true
			}
		}
		return 0, false
	}

	// The plan's counts and the two periods' index are independent reads
	// on the read pool: run side by side, the page waits for the longest.
	parent := int64(0)
	if under {
		parent = scope.ID
	}
	var (
		progress           map[int64]Progress
		errP, errI, errPrv error
		wg                 sync.WaitGroup
	)
	wg.Go(func() {
		key := progressKey{year: span.From.Year(), scope: scope.Path, today: today}
		progress, errP = s.progress.GetAhead(ctx, s.db.Heavy(ctx), s.src.ProgressReads, key, func(ctx context.Context) (map[int64]Progress, error) {
			return s.src.Progress(ctx, key.year, key.scope)
		})
	})
	wg.Go(func() { errI = s.indexInto(ctx, v.Rows, parent, ids, span.Key, false) })
	if v.Previous.Key != "" {
		wg.Go(func() { errPrv = s.indexInto(ctx, v.Rows, parent, ids, v.Previous.Key, true) })
	}
	wg.Wait()
	if err := cmp.Or(errP, errI, errPrv); err != nil {
		return v, err
	}
	for issuer, p := range progress {
		if i, ok := rowFor(issuer); ok {
			v.Rows[i].Progress.Add(p)
		}
	}

	if err := s.reportStates(ctx, &v, rowOf, today); err != nil {
		return v, err
	}
	v.Totals = Total(v.Rows)
	return v, nil
}

// indexInto fills the rows' index (or previous index) for a period.
func (s *Store) indexInto(ctx context.Context, rows []Row, parent int64, ids []int64, key string, previous bool) error {
	if s.src.Index == nil || len(ids) == 0 {
		return nil
	}
	scores, err := s.src.Index(ctx, parent, ids, key)
	if err != nil {
		return fmt.Errorf("province: index %s: %w", key, err)
	}
	for i := range rows {
		if previous {
			rows[i].Previous = scores[rows[i].Unit.ID]
		} else {
			rows[i].Index = scores[rows[i].Unit.ID]
		}
	}
	return nil
}

// reportStates fills each row's report: from the period's round when Home
// Affairs opened one, otherwise from the register of issued reports.
func (s *Store) reportStates(ctx context.Context, v *View, rowOf map[int64]int, today time.Time) error {
	round, ok, err := s.RoundFor(ctx, rootID(v.Scope.Path), v.Span.Key)
	if err != nil {
		return err
	}
	if ok {
		v.Round = &round
		units, err := s.RoundUnits(ctx, round)
		if err != nil {
			return err
		}
		for _, ru := range units {
			id := ru.Unit.ID
			if ru.StandIn.ID != 0 {
				id = ru.StandIn.ID
			}
			if i, ok := rowOf[id]; ok {
				v.Rows[i].Report = ru.State()
				v.Rows[i].Late = ru.Late(today, round.Deadline)
				v.Rows[i].ReportID = ru.ReportID
			}
		}
		return nil
	}
	issued, err := s.issuedFor(ctx, v.Scope.Path, v.Span.Key)
	if err != nil {
		return err
	}
	for unit, id := range issued {
		if i, ok := rowOf[unit]; ok {
			v.Rows[i].Report = ReportIssued
			v.Rows[i].ReportID = id
		}
	}
	return nil
}
