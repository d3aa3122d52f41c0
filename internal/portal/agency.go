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
// its structure: the units directly under it that are open today, the unit
// above it, and for a merged agency the one it went into.
type Agency struct {
	org.Unit
	Children  []org.Unit
	Successor *org.Unit
	Closed    bool
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
