package org

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"papihub/internal/platform/web"
)

// RequestedUnit reads ?unit= (a unit id; default the user's own unit), loads
// it with load and checks that the user may read it and, for a change, act on
// it. When the request may not go on it answers it itself and returns false:
// 400 for an id that is not a number, 404 when load fails with notFound, 403
// without the permission, 500 for any other error.
//
// Each room keeps its own view of a unit (the columns it shows), so it passes
// its loader, its not-found error and where the unit's path is.
func RequestedUnit[U any](w http.ResponseWriter, r *http.Request, render *web.Renderer, user *User, act Action,
	load func(context.Context, int64) (U, error), notFound error, path func(U) string) (U, bool) {
	id := user.UnitID
	if v := r.FormValue("unit"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			render.BadRequest(w, r, errors.New("unit"))
			var zero U
			return zero, false
		}
		id = n
	}
	u, err := load(r.Context(), id)
	if errors.Is(err, notFound) {
		render.NotFound(w, r)
		return u, false
	}
	if err != nil {
		render.Error(w, r, err)
		return u, false
	}
	if !user.Can(ActRead, path(u)) || !user.Can(act, path(u)) {
		render.Forbidden(w, r)
		return u, false
	}
	return u, true
}

// UnitToChange loads the unit a JSON body names (0: the user's own) and
// reports whether the user may work on it. A unit that cannot be loaded is
// refused like one the user may not touch, so that the API does not tell
// which ids exist in other agencies.
func UnitToChange[U any](ctx context.Context, user *User, id int64, load func(context.Context, int64) (U, error), path func(U) string) (U, bool) {
	if id == 0 {
		id = user.UnitID
	}
	u, err := load(ctx, id)
	return u, err == nil && user.Can(ActWork, path(u))
}
