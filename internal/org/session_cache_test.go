package org

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A session found once is believed for SessionCacheTTL without reading the
// database, except that a change made in this process ends it at once: the
// sign-out below goes through a second Store on the same database, as a
// command run beside the server would.
func TestASignedOutSessionStopsAtOnceInThisProcess(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, u, err := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "ua")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); err != nil {
		t.Fatal(err)
	}
	other := NewStore(s.db, clock.now)
	if err := other.Logout(ctx, token, u); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("after sign-out through another store: err = %v, want not found", err)
	}
}

func TestARoleOrAccountChangeHoldsAtOnceForACachedSession(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	id := newUser(t, s, "annv", root, RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "")
	u, _, err := s.SessionUser(ctx, token)
	if err != nil || !slices.Equal(u.Roles, []Role{RoleOfficer}) {
		t.Fatalf("SessionUser = %v, %v", u, err)
	}
	if err := s.UpdateUser(ctx, testActor, id, UserInput{Username: "annv", FullName: "An", UnitID: root, Roles: []Role{RoleFocal}, Active: true}); err != nil {
		t.Fatal(err)
	}
	u, _, err = s.SessionUser(ctx, token)
	if err != nil || !slices.Equal(u.Roles, []Role{RoleFocal}) {
		t.Fatalf("after the roles changed: %v, %v; want the focal role only", u, err)
	}
	// Deactivating the user ends their sessions (store_users.go), a cached one too.
	if err := s.UpdateUser(ctx, testActor, id, UserInput{Username: "annv", FullName: "An", UnitID: root, Roles: []Role{RoleFocal}, Active: false}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("after deactivation: err = %v, want not found", err)
	}
}

// A session deleted behind this process's back (another server process on
// the same database) is believed until SessionCacheTTL has passed since it
// was last read, and no longer.
func TestASessionRevokedElsewhereEndsWithinTheCacheBound(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "")
	if _, _, err := s.SessionUser(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.ExecContext(ctx, `DELETE FROM sessions`); err != nil {
		t.Fatal(err)
	}
	clock.advance(SessionCacheTTL - time.Second)
	if _, _, err := s.SessionUser(ctx, token); err != nil {
		t.Fatalf("within the bound the cached session holds: %v", err)
	}
	clock.advance(time.Second)
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("at the bound: err = %v, want not found", err)
	}
}

func TestACachedSessionGivesEachCallerItsOwnUser(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "")
	a, csrfA, err := s.SessionUser(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	a.IP, a.Roles[0] = "10.0.0.9", RoleAdmin
	b, csrfB, err := s.SessionUser(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if b.IP != "" || !slices.Equal(b.Roles, []Role{RoleOfficer}) || csrfA != csrfB || csrfB == "" {
		t.Fatalf("second caller got %+v, csrf %q vs %q", b, csrfB, csrfA)
	}
}

// The idle and absolute limits are checked on every request, cached or not.
func TestACachedSessionStillExpires(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "")
	clock.advance(AbsoluteTimeout - time.Second)
	// Keep the session from idling: touch it just before the limit.
	if _, err := s.db.W.ExecContext(ctx, `UPDATE sessions SET last_seen_at = expires_at`); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); err != nil {
		t.Fatalf("a second before the limit: %v", err)
	}
	clock.advance(2 * time.Second)
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("past the absolute limit, within the cache bound: err = %v, want not found", err)
	}
}
