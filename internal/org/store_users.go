package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// UserInput is what a form, the API or the CLI sends to create or change a
// user. Password is only used on creation.
type UserInput struct {
	Username string
	FullName string
	Email    string
	Title    string
	UnitID   int64
	Roles    []Role
	Active   bool
	Password string
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,39}$`)

// Normalize trims and lower-cases what should be.
func (in *UserInput) Normalize() {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = strings.Join(strings.Fields(in.FullName), " ")
	in.Email = strings.TrimSpace(in.Email)
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	slices.Sort(in.Roles)
	in.Roles = slices.Compact(in.Roles)
}

// Validate checks what can be checked without the database. creating says
// whether a password is required.
func (in UserInput) Validate(creating bool) web.FieldErrors {
	errs := web.FieldErrors{}
	if !usernameRe.MatchString(in.Username) {
		errs.Add("username", "org.user.username.format")
	}
	if in.FullName == "" {
		errs.Add("full_name", "org.user.full_name.required")
	}
	if in.Email != "" && (!strings.Contains(in.Email, "@") || strings.ContainsAny(in.Email, " <>")) {
		errs.Add("email", "org.user.email.format")
	}
	if in.UnitID == 0 {
		errs.Add("unit_id", "org.user.unit.required")
	}
	if len(in.Roles) == 0 {
		errs.Add("roles", "org.user.roles.required")
	}
	for _, r := range in.Roles {
		if !slices.Contains(AllRoles, r) {
			errs.Add("roles", "org.user.roles.unknown")
		}
	}
	if creating && len([]rune(in.Password)) < MinPasswordLength {
		errs.Add("password", "org.user.password.short")
	}
	errs.Line("full_name", in.FullName)
	errs.Line("email", in.Email)
	errs.Line("title", in.Title)
	errs.Line("password", in.Password) // hashing a megabyte is work the server should not be made to do
	return errs
}

const userColumns = `us.id, us.username, us.full_name, us.email, us.title, us.unit_id, un.path, un.name, us.active, us.lang`

const userFrom = ` FROM users us JOIN units un ON un.id = us.unit_id`

func (s *Store) scanUsers(ctx context.Context, q db.Querier, query string, args ...any) ([]*User, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*User
	byID := map[int64]*User{}
	for rows.Next() {
		u := &User{}
		var active int
		if err := rows.Scan(&u.ID, &u.Username, &u.FullName, &u.Email, &u.Title, &u.UnitID, &u.UnitPath, &u.UnitName, &active, &u.Lang); err != nil {
			return nil, err
		}
		u.Active = active == 1
		out = append(out, u)
		byID[u.ID] = u
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := s.loadRoles(ctx, q, byID); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) loadRoles(ctx context.Context, q db.Querier, byID map[int64]*User) error {
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, fmt.Sprint(id))
	}
	// The ids are integers we just read, so building the list is safe.
	rows, err := q.QueryContext(ctx, `SELECT user_id, role FROM user_roles WHERE user_id IN (`+strings.Join(ids, ",")+`) ORDER BY role`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r Role
		if err := rows.Scan(&id, &r); err != nil {
			return err
		}
		byID[id].Roles = append(byID[id].Roles, r)
	}
	return rows.Err()
}

// User returns the user with id.
func (s *Store) User(ctx context.Context, id int64) (*User, error) {
	return s.userWhere(ctx, s.db.R, "us.id = $1", id)
}

// UserByUsername returns the user with a username.
func (s *Store) UserByUsername(ctx context.Context, username string) (*User, error) {
	return s.userWhere(ctx, s.db.R, "us.username = $1", strings.ToLower(strings.TrimSpace(username)))
}

func (s *Store) userWhere(ctx context.Context, q db.Querier, where string, arg any) (*User, error) {
	us, err := s.scanUsers(ctx, q, "SELECT "+userColumns+userFrom+" WHERE "+where, arg)
	if err != nil {
		return nil, fmt.Errorf("org: user %v: %w", arg, err)
	}
	if len(us) == 0 {
		return nil, fmt.Errorf("org: user %v: %w", arg, db.ErrNotFound)
	}
	u := us[0]
	if u.Predecessors, err = s.predecessorsOf(ctx, q, u.UnitPath); err != nil {
		return nil, fmt.Errorf("org: user %v: %w", arg, err)
	}
	return u, nil
}

// predecessorsOf lists the closed units whose records the units under path
// inherited: a unit closed into one of them, or into a unit closed into one
// of them, and so on down the chain of mergers. Units already under path are
// not listed. Mergers are few (a handful a year in a province), so all of
// them are read and followed here.
func (s *Store) predecessorsOf(ctx context.Context, q db.Querier, path string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.path, n.path FROM units c JOIN units n ON n.id = c.successor_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var merges [][2]string // closed unit, its successor
	for rows.Next() {
		var m [2]string
		if err := rows.Scan(&m[0], &m[1]); err != nil {
			return nil, err
		}
		merges = append(merges, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return followMergers(path, merges), nil
}

// followMergers is predecessorsOf's walk over merges (closed unit path,
// successor path).
func followMergers(path string, merges [][2]string) []string {
	var out []string
	inherited := func(p string) bool {
		if InSubtree(p, path) {
			return true
		}
		for _, o := range out {
			if InSubtree(p, o) {
				return true
			}
		}
		return false
	}
	for grew := true; grew; {
		grew = false
		for _, m := range merges {
			if !inherited(m[0]) && inherited(m[1]) {
				out, grew = append(out, m[0]), true
			}
		}
	}
	return out
}

// UserFilter narrows a user listing.
type UserFilter struct {
	Scope   string // unit path prefix
	Query   string // diacritic-insensitive match on name or username
	UnitID  int64
	Page    int
	PerPage int
}

// Users lists one page of users in Vietnamese alphabetical order of their
// names, and whether more follow.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]*User, bool, error) {
	where := []string{`un.path LIKE $1 ESCAPE '\'`}
	args := []any{escapeLike(f.Scope) + "%"}
	if f.Query != "" {
		args = append(args, "%"+escapeLike(vn.Fold(f.Query))+"%")
		where = append(where, fmt.Sprintf(`(us.name_fold LIKE $%d ESCAPE '\' OR us.username LIKE $%d ESCAPE '\')`, len(args), len(args)))
	}
	if f.UnitID != 0 {
		args = append(args, f.UnitID)
		where = append(where, fmt.Sprintf("us.unit_id = $%d", len(args)))
	}
	per := f.PerPage
	if per <= 0 || per > 200 {
		per = 50
	}
	page := max(f.Page, 1)
	query := "SELECT " + userColumns + userFrom + " WHERE " + strings.Join(where, " AND ") +
		fmt.Sprintf(" ORDER BY us.sort_key, us.id LIMIT %d OFFSET %d", per+1, (page-1)*per)
	us, err := s.scanUsers(ctx, s.db.R, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("org: list users: %w", err)
	}
	us, more := db.TrimPage(us, per)
	return us, more, nil
}

// CreateUser adds a user to an open unit.
func (s *Store) CreateUser(ctx context.Context, actor audit.Actor, in UserInput) (int64, error) {
	in.Normalize()
	if errs := in.Validate(true); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkOpenUnit(ctx, tx, in.UnitID); err != nil {
			return err
		}
		if err := s.checkRoleKinds(ctx, tx, in.UnitID, in.Roles); err != nil {
			return err
		}
		now := db.FormatTime(s.now())
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, name_fold, sort_key, email, title, unit_id, password_hash, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING id`,
			in.Username, in.FullName, vn.Fold(in.FullName), vn.SortKey(in.FullName), in.Email, in.Title, in.UnitID, hash, now).Scan(&id)
		if db.IsUniqueViolation(err) {
			return web.Invalid("username", "org.user.username.taken")
		}
		if err != nil {
			return err
		}
		if err := writeRoles(ctx, tx, id, in.Roles); err != nil {
			return err
		}
		in.Password = "" // never into the audit log
		in.Active = true
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "users", EntityID: audit.ID(id),
			UnitID: in.UnitID, Summary: in.Username, After: in})
	})
	if err != nil {
		return 0, fmt.Errorf("org: create user: %w", err)
	}
	return id, nil
}

// UpdateUser changes a user's details, unit, roles and whether they may sign in.
func (s *Store) UpdateUser(ctx context.Context, actor audit.Actor, id int64, in UserInput) error {
	in.Normalize()
	if errs := in.Validate(false); errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.userWhere(ctx, tx, "us.id = $1", id)
		if err != nil {
			return err
		}
		if old.UnitID != in.UnitID {
			if err := s.checkOpenUnit(ctx, tx, in.UnitID); err != nil {
				return err
			}
		}
		if err := s.checkRoleKinds(ctx, tx, in.UnitID, in.Roles); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE users SET username = $1, full_name = $2, name_fold = $3, sort_key = $4, email = $5, title = $6,
			unit_id = $7, active = $8, updated_at = $9 WHERE id = $10`,
			in.Username, in.FullName, vn.Fold(in.FullName), vn.SortKey(in.FullName), in.Email, in.Title, in.UnitID, db.Bool(in.Active), db.FormatTime(s.now()), id)
		if db.IsUniqueViolation(err) {
			return web.Invalid("username", "org.user.username.taken")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, id); err != nil {
			return err
		}
		if err := writeRoles(ctx, tx, id, in.Roles); err != nil {
			return err
		}
		if !in.Active {
			// A deactivated user is signed out everywhere at once.
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
		}
		in.Password = ""
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "users", EntityID: audit.ID(id), UnitID: in.UnitID,
			Summary: in.Username, Before: UserInput{Username: old.Username, FullName: old.FullName, Email: old.Email, Title: old.Title,
				UnitID: old.UnitID, Roles: old.Roles, Active: old.Active}, After: in})
	})
	if err != nil {
		return fmt.Errorf("org: update user %d: %w", id, err)
	}
	return nil
}

func (s *Store) checkOpenUnit(ctx context.Context, tx *sql.Tx, unitID int64) error {
	u, err := s.unitWhere(ctx, tx, "u.id = $1", unitID)
	if errors.Is(err, db.ErrNotFound) {
		return web.Invalid("unit_id", "org.user.unit.unknown")
	}
	if err != nil {
		return err
	}
	if !u.OpenOn(s.now().In(vn.Location())) {
		return web.Invalid("unit_id", "org.user.unit.closed")
	}
	return nil
}

func writeRoles(ctx context.Context, tx *sql.Tx, userID int64, roles []Role) error {
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, userID, string(r)); err != nil {
			return err
		}
	}
	return nil
}

// SetPassword replaces a user's password and signs them out everywhere else.
func (s *Store) SetPassword(ctx context.Context, actor audit.Actor, userID int64, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		return web.Invalid("password", "org.user.password.short")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, db.FormatTime(s.now()), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("org: user %d: %w", userID, db.ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "set_password", Entity: "users", EntityID: audit.ID(userID)})
	})
}

// CheckCurrentPassword checks the password a signed-in user types to change
// it, throttled like Login and counted with its failures: a session left
// open must not become a way to guess the password at leisure (issue 9).
// It returns ErrThrottled while the account or address is held.
func (s *Store) CheckCurrentPassword(ctx context.Context, userID int64, username, password, ip string) (bool, error) {
	if throttled, err := s.throttled(ctx, username, ip); err != nil {
		return false, err
	} else if throttled {
		return false, ErrThrottled
	}
	ok, err := s.CheckUserPassword(ctx, userID, password)
	if err != nil || ok {
		return ok, err
	}
	if err := s.recordFailure(ctx, username, ip); !errors.Is(err, ErrBadCredentials) {
		return false, err
	}
	return false, nil
}

// CheckUserPassword reports whether password is the user's current one.
func (s *Store) CheckUserPassword(ctx context.Context, userID int64, password string) (bool, error) {
	var hash string
	err := s.db.R.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("org: user %d: %w", userID, db.ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("org: user %d: %w", userID, err)
	}
	return CheckPassword(hash, password)
}
