package org

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"papihub/internal/platform/web"
)

func TestRequestedUnitAnswersEachRefusal(t *testing.T) {
	errMissing := errors.New("missing")
	paths := map[int64]string{3: "/1/3/", 4: "/1/4/"}
	load := func(_ context.Context, id int64) (string, error) {
		if id == 99 {
			return "", errors.New("database down")
		}
		p, ok := paths[id]
		if !ok {
			return "", errMissing
		}
		return p, nil
	}
	same := func(p string) string { return p }
	officer := &User{UnitID: 3, UnitPath: "/1/3/", Roles: []Role{RoleOfficer}, Active: true}
	viewer := &User{UnitID: 3, UnitPath: "/1/3/", Roles: []Role{RoleViewer}, Active: true}
	render := web.NewRenderer(nil, nil)
	for _, tc := range []struct {
		name     string
		user     *User
		query    string
		act      Action
		wantOK   bool
		wantCode int
		wantPath string
	}{
		{"no ?unit= means the user's own unit", officer, "", ActRead, true, 200, "/1/3/"},
		{"a unit in the user's subtree", officer, "?unit=3", ActWork, true, 200, "/1/3/"},
		{"an id that is not a number", officer, "?unit=abc", ActRead, false, 400, ""},
		{"a unit that does not exist", officer, "?unit=7", ActRead, false, 404, ""},
		{"another department's unit", officer, "?unit=4", ActRead, false, 403, ""},
		{"a viewer reads but does not work", viewer, "?unit=3", ActWork, false, 403, ""},
		{"a failing store", officer, "?unit=99", ActRead, false, 500, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodGet, "/api/v1/x"+tc.query, nil)
			got, ok := RequestedUnit(w, r, render, tc.user, tc.act, load, errMissing, same)
			if ok != tc.wantOK || w.Code != tc.wantCode {
				t.Fatalf("ok=%v code=%d, want ok=%v code=%d", ok, w.Code, tc.wantOK, tc.wantCode)
			}
			if ok && got != tc.wantPath {
				t.Fatalf("unit %q, want %q", got, tc.wantPath)
			}
		})
	}
}

func TestUnitToChangeNeedsWorkOnALoadableUnit(t *testing.T) {
	paths := map[int64]string{3: "/1/3/", 4: "/1/4/"}
	load := func(_ context.Context, id int64) (string, error) {
		if p, ok := paths[id]; ok {
			return p, nil
		}
		return "", errors.New("missing")
	}
	same := func(p string) string { return p }
	officer := &User{UnitID: 3, UnitPath: "/1/3/", Roles: []Role{RoleOfficer}, Active: true}
	viewer := &User{UnitID: 3, UnitPath: "/1/3/", Roles: []Role{RoleViewer}, Active: true}
	for _, tc := range []struct {
		name   string
		user   *User
		id     int64
		wantOK bool
		want   string
	}{
		{"0 is the user's own unit", officer, 0, true, "/1/3/"},
		{"a unit the user works on", officer, 3, true, "/1/3/"},
		{"another department's unit", officer, 4, false, ""},
		{"a unit that does not exist", officer, 8, false, ""},
		{"a viewer changes nothing", viewer, 0, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := UnitToChange(context.Background(), tc.user, tc.id, load, same)
			if ok != tc.wantOK || (ok && got != tc.want) {
				t.Fatalf("(%q, %v), want (%q, %v)", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
