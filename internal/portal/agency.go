package portal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/db"
)

// Agency is the unit a portal belongs to, with what its home page says of
// its structure: the units directly under it that are open today, those
// that closed (with where they went), the unit above it, and for a merged
// agency the one it went into.
type Agency struct {
	org.Unit
	Children  []org.Unit
	Former    []FormerUnit
	Successor *org.Unit
	Closed    bool
}

// FormerUnit is a unit that was under the agency and closed, with the unit
// that took its work over (nil when none did).
type FormerUnit struct {
	org.Unit
	Successor *org.Unit
}

// hasPortal reports whether a kind of unit publishes a portal of its own:
// the province and the agencies that deal with citizens, not the divisions
// inside them.
func hasPortal(k org.Kind) bool {
	switch k {
	case org.KindProvince, org.KindAgency, org.KindHomeAffairs, org.KindCommune:
		return true
	}
	return false
}

// agency reads the agency with an electronic code; ErrNotFound when there is
// none or it is a division.
func agency(ctx context.Context, units *org.Store, code string, today time.Time) (Agency, error) {
	u, err := units.UnitByCode(ctx, code)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !hasPortal(u.Kind)) {
		return Agency{}, ErrNotFound
	}
	if err != nil {
		return Agency{}, err
	}
	a := Agency{Unit: u, Closed: !u.OpenOn(today)}
	sub, err := units.Units(ctx, org.UnitFilter{Scope: u.Path, On: today})
	if err != nil {
		return a, err
	}
	for _, c := range sub {
		if c.ParentID == u.ID {
			a.Children = append(a.Children, c)
		}
	}
	// The units that closed are read from the whole tree (closed ones
	// included), so that a reader following an old name finds where it went.
	all, err := units.Units(ctx, org.UnitFilter{Scope: u.Path, IncludeClosed: true})
	if err != nil {
		return a, err
	}
	byID := map[int64]org.Unit{}
	for _, c := range all {
		byID[c.ID] = c
	}
	for _, c := range all {
		if c.ParentID != u.ID || c.OpenOn(today) || c.ValidFrom.After(today) {
			continue
		}
		f := FormerUnit{Unit: c}
		if c.SuccessorID != 0 {
			s, ok := byID[c.SuccessorID]
			if !ok {
				if s, err = units.Unit(ctx, c.SuccessorID); err != nil {
					return a, fmt.Errorf("portal: successor of %s: %w", c.Code, err)
				}
			}
			f.Successor = &s
		}
		a.Former = append(a.Former, f)
	}
	if u.SuccessorID != 0 {
		s, err := units.Unit(ctx, u.SuccessorID)
		if err != nil {
			return a, fmt.Errorf("portal: successor of %s: %w", u.Code, err)
		}
		a.Successor = &s
	}
	return a, nil
}

// agencies lists the units with a portal that are open today, in tree order.
func agencies(ctx context.Context, units *org.Store, today time.Time) ([]org.Unit, error) {
	all, err := units.Units(ctx, org.UnitFilter{On: today})
	if err != nil {
		return nil, err
	}
	var out []org.Unit
	for _, u := range all {
		if hasPortal(u.Kind) {
			out = append(out, u)
		}
	}
	return out, nil
}
