package org

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
)

func newUser(t *testing.T, s *Store, username string, unit int64, roles ...Role) int64 {
	t.Helper()
	id, err := s.CreateUser(context.Background(), testActor, UserInput{Username: username, FullName: "Người " + username, UnitID: unit, Roles: roles, Password: "mat-khau-dai-du"})
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", username, err)
	}
	return id
}

func TestUserCannotBeAssignedToAClosedUnit(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	old := under(t, s, root, "O", "Sở cũ", KindAgency)
	if err := s.CloseUnit(ctx, testActor, old, day("30/06/2025"), 0); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateUser(ctx, testActor, UserInput{Username: "annv", FullName: "An", UnitID: old, Roles: []Role{RoleOfficer}, Password: "mat-khau-dai-du"})
	if got := fieldError(t, err, "unit_id"); got != "org.user.unit.closed" {
		t.Fatalf("error = %q", got)
	}
}

func TestDuplicateUsernameIsRejectedWhateverItsCase(t *testing.T) {
	s, _ := newTestStore(t)
	root := province(s, t)
	newUser(t, s, "nguyenvana", root, RoleOfficer)
	_, err := s.CreateUser(context.Background(), testActor, UserInput{Username: "NguyenVanA", FullName: "B", UnitID: root, Roles: []Role{RoleOfficer}, Password: "mat-khau-dai-du"})
	if got := fieldError(t, err, "username"); got != "org.user.username.taken" {
		t.Fatalf("error = %q", got)
	}
}

func TestUserValidationRejectsUnknownRolesShortPasswordsAndBadNames(t *testing.T) {
	in := UserInput{Username: "A B", FullName: "", UnitID: 0, Roles: []Role{"superuser"}, Password: "short"}
	in.Normalize()
	errs := in.Validate(true)
	for field, key := range map[string]string{
		"username": "org.user.username.format", "full_name": "org.user.full_name.required", "unit_id": "org.user.unit.required",
		"roles": "org.user.roles.unknown", "password": "org.user.password.short",
	} {
		if errs[field] != key {
			t.Errorf("%s: got %q, want %q", field, errs[field], key)
		}
	}
}

func TestUserSearchFindsNamesTypedWithoutDiacriticsInVietnameseOrder(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	for _, u := range []struct{ login, name string }{{"usr1", "Đặng Văn Bình"}, {"usr2", "Nguyễn Thị Ánh"}, {"usr3", "Dương Văn An"}, {"usr4", "Trần Đức"}} {
		if _, err := s.CreateUser(ctx, testActor, UserInput{Username: u.login, FullName: u.name, UnitID: root, Roles: []Role{RoleViewer}, Password: "mat-khau-dai-du"}); err != nil {
			t.Fatal(err)
		}
	}
	found, _, err := s.Users(ctx, UserFilter{Scope: "/", Query: "van"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || found[0].FullName != "Dương Văn An" || found[1].FullName != "Đặng Văn Bình" {
		t.Fatalf(`"van" found %v, want Dương Văn An then Đặng Văn Bình (D before Đ)`, names(found))
	}
	found, _, _ = s.Users(ctx, UserFilter{Scope: "/", Query: "duc"})
	if len(found) != 1 || found[0].FullName != "Trần Đức" {
		t.Fatalf(`"duc" found %v, want Trần Đức`, names(found))
	}
}

func names(us []*User) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.FullName)
	}
	return out
}

func TestUserListIsScopedToTheSubtreeAndPaginated(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	a := under(t, s, root, "A", "Sở A", KindAgency)
	b := under(t, s, root, "B", "Sở B", KindAgency)
	for i, login := range []string{"usr.a1", "usr.a2", "usr.a3"} {
		_ = i
		newUser(t, s, login, a, RoleOfficer)
	}
	newUser(t, s, "usr.b1", b, RoleOfficer)
	aUnit, _ := s.Unit(ctx, a)
	page1, more, err := s.Users(ctx, UserFilter{Scope: aUnit.Path, PerPage: 2})
	if err != nil {
		t.Fatal(err)
	}
	page2, more2, _ := s.Users(ctx, UserFilter{Scope: aUnit.Path, PerPage: 2, Page: 2})
	if len(page1) != 2 || !more || len(page2) != 1 || more2 {
		t.Fatalf("pages: %d (more %v), %d (more %v); want 2 (true), 1 (false)", len(page1), more, len(page2), more2)
	}
}

func TestLoginOpensASessionAndLogoutEndsIt(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, u, err := s.Login(ctx, "ANNV ", "mat-khau-dai-du", "10.0.0.1", "test")
	if err != nil || u.Username != "annv" {
		t.Fatalf("Login = %v, %v", u, err)
	}
	got, csrf, err := s.SessionUser(ctx, token)
	if err != nil || got.ID != u.ID || csrf == "" {
		t.Fatalf("SessionUser = %v, %q, %v", got, csrf, err)
	}
	if err := s.Logout(ctx, token, u); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("after logout: err = %v, want not found", err)
	}
}

func TestSessionsExpireWhenIdleAndAfterTheAbsoluteLimit(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "ua")
	clock.advance(IdleTimeout - time.Minute)
	if _, _, err := s.SessionUser(ctx, token); err != nil {
		t.Fatalf("active within the idle timeout: %v", err)
	}
	clock.advance(IdleTimeout + time.Second)
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("idle past the timeout: err = %v, want not found", err)
	}
	token, _, _ = s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "ua")
	for elapsed := time.Duration(0); elapsed < AbsoluteTimeout; elapsed += time.Hour {
		clock.advance(time.Hour)
		if _, _, err := s.SessionUser(ctx, token); err != nil && elapsed+time.Hour < AbsoluteTimeout {
			t.Fatalf("active session ended after %v: %v", elapsed+time.Hour, err)
		}
	}
	clock.advance(time.Minute)
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("past the absolute limit: err = %v, want not found", err)
	}
}

func TestWrongPasswordAndUnknownUserGiveTheSameErrorAndAreThrottled(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	if _, _, err := s.Login(ctx, "ghost", "x", "1.1.1.1", ""); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("unknown user: %v", err)
	}
	for i := 0; i < MaxFailuresPerUser; i++ {
		if _, _, err := s.Login(ctx, "annv", "sai-mat-khau", "2.2.2.2", ""); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	// The right password no longer helps until the window passes.
	if _, _, err := s.Login(ctx, "annv", "mat-khau-dai-du", "3.3.3.3", ""); !errors.Is(err, ErrThrottled) {
		t.Fatalf("after %d failures: %v, want throttled", MaxFailuresPerUser, err)
	}
	clock.advance(ThrottleWindow + time.Second)
	if _, _, err := s.Login(ctx, "annv", "mat-khau-dai-du", "3.3.3.3", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestOneAddressTryingManyAccountsIsThrottled(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	newUser(t, s, "annv", province(s, t), RoleOfficer)
	for i := 0; i < MaxFailuresPerIP; i++ {
		s.Login(ctx, "user"+itoa(int64(i)), "x", "6.6.6.6", "")
	}
	if _, _, err := s.Login(ctx, "annv", "mat-khau-dai-du", "6.6.6.6", ""); !errors.Is(err, ErrThrottled) {
		t.Fatalf("err = %v, want throttled", err)
	}
	if _, _, err := s.Login(ctx, "annv", "mat-khau-dai-du", "7.7.7.7", ""); err != nil {
		t.Fatalf("another address: %v", err)
	}
}

func TestDeactivatingAUserEndsTheirSessions(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	id := newUser(t, s, "annv", root, RoleOfficer)
	token, _, _ := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", "")
	if err := s.UpdateUser(ctx, testActor, id, UserInput{Username: "annv", FullName: "An", UnitID: root, Roles: []Role{RoleOfficer}, Active: false}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, token); !isNotFound(err) {
		t.Fatalf("err = %v, want not found", err)
	}
	if _, _, err := s.Login(ctx, "annv", "mat-khau-dai-du", "ip", ""); !errors.Is(err, ErrInactive) {
		t.Fatalf("login of a disabled user: %v", err)
	}
}

func TestAPITokensAreStoredHashedAndCanBeRevoked(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	id := newUser(t, s, "annv", province(s, t), RoleOfficer)
	token, err := s.CreateToken(ctx, testActor, id, "sync")
	if err != nil {
		t.Fatal(err)
	}
	var stored int
	if err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1 OR prefix = $1`, token).Scan(&stored); err != nil || stored != 0 {
		t.Fatalf("token found in clear (%d rows, %v)", stored, err)
	}
	u, err := s.TokenUser(ctx, token)
	if err != nil || u.ID != id {
		t.Fatalf("TokenUser = %v, %v", u, err)
	}
	toks, _ := s.Tokens(ctx, "/")
	if err := s.RevokeToken(ctx, testActor, toks[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenUser(ctx, token); !isNotFound(err) {
		t.Fatalf("revoked token: err = %v", err)
	}
}

func TestEveryChangeIsAudited(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	newUser(t, s, "annv", root, RoleOfficer)
	recs, _, err := audit.List(ctx, s.db.R, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Entity != "users" || recs[1].Entity != "units" {
		t.Fatalf("audit = %+v, want the user then the unit creation, newest first", recs)
	}
	if recs[0].Actor != "test" || recs[0].After == "" || contains(recs[0].After, "mat-khau") {
		t.Fatalf("user audit entry = %+v (must not hold the password)", recs[0])
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
