package home

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
)

// A user's blocks are computed once and kept until the next audited change
// in their scope, apart for each user and each day: an API token issued
// keeps them.
func TestBlocksAreKeptPerUserAndDayUntilTheNextAuditedChange(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, audit.Migrations)
	users := map[string]*org.User{
		"an":   {ID: 1, Username: "an", UnitPath: "/1/", Roles: []org.Role{org.RoleOfficer}, Active: true},
		"binh": {ID: 2, Username: "binh", UnitPath: "/1/", Roles: []org.Role{org.RoleOfficer}, Active: true},
	}
	auth := func(r *http.Request) (*web.Session, error) {
		u := users[r.Header.Get("X-User")]
		cp := *u
		return &web.Session{Principal: &cp, CSRFToken: "t"}, nil
	}
	app := web.NewApp(web.NewRenderer(nil, nil), auth, nil, nil)
	computed := map[int64]int{}
	panel := func(r *http.Request, u *org.User) ([]Block, error) {
		computed[u.ID]++
		return []Block{{ID: "b", Title: "khối của " + u.Username}}, nil
	}
	day := time.Date(2026, 7, 20, 9, 0, 0, 0, time.UTC)
	Routes(app, nil, Keep{DB: d.R, Now: func() time.Time { return day }, Scope: audit.AnyRecord}, panel)
	get := func(user string) string {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("X-User", user)
		app.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET / as %s: %d", user, rec.Code)
		}
		return rec.Body.String()
	}
	for range 3 {
		if body := get("an"); !strings.Contains(body, "khối của an") {
			t.Fatalf("an's page lacks an's block")
		}
	}
	if body := get("binh"); !strings.Contains(body, "khối của binh") {
		t.Fatalf("binh's page lacks binh's block")
	}
	if computed[1] != 1 || computed[2] != 1 {
		t.Fatalf("computed %v, want once each", computed)
	}
	write := func(action, entity string) {
		t.Helper()
		if err := d.Tx(ctx, func(tx *sql.Tx) error {
			return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: action, Entity: entity})
		}); err != nil {
			t.Fatal(err)
		}
	}
	write("create", "api_tokens")
	get("an")
	if computed[1] != 1 {
		t.Fatalf("after an API token: computed %d times, want 1", computed[1])
	}
	write("update", "plans")
	get("an")
	if computed[1] != 2 {
		t.Fatalf("after an audited change: computed %d times, want 2", computed[1])
	}
	day = day.Add(24 * time.Hour)
	get("an")
	if computed[1] != 3 {
		t.Fatalf("the next day: computed %d times, want 3", computed[1])
	}
}
