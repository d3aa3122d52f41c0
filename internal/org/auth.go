package org

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// Session timing: a session ends after IdleTimeout without a request, and in
// any case AbsoluteTimeout after sign-in. last_seen is written at most once a
// TouchInterval, so that reading pages does not turn into a write each time.
const (
	IdleTimeout     = 2 * time.Hour
	AbsoluteTimeout = 12 * time.Hour
	TouchInterval   = time.Minute
)

// Throttling of failed sign-ins within ThrottleWindow: an account is held
// after MaxFailuresPerUser, a client address after MaxFailuresPerIP (which
// catches one address trying many accounts).
const (
	ThrottleWindow     = 15 * time.Minute
	MaxFailuresPerUser = 5
	MaxFailuresPerIP   = 30
)

// Sign-in failures a person is told about. Unknown user and wrong password
// are one error on purpose: the form must not reveal who has an account.
var (
	ErrBadCredentials = errors.New("org: wrong username or password")
	ErrThrottled      = errors.New("org: too many failed sign-ins")
	ErrInactive       = errors.New("org: account disabled")
)

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks a username and password and opens a new session. It returns
// the session token (for the cookie) and the user.
func (s *Store) Login(ctx context.Context, username, password, ip, userAgent string) (string, *User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	if throttled, err := s.throttled(ctx, username, ip); err != nil {
		return "", nil, err
	} else if throttled {
		return "", nil, ErrThrottled
	}
	var hash string
	var userID int64
	var active int
	err := s.db.R.QueryRowContext(ctx, `SELECT id, password_hash, active FROM users WHERE username = $1`, username).Scan(&userID, &hash, &active)
	if errors.Is(err, sql.ErrNoRows) {
		CheckPassword(dummyHash, password) // same time as for a real account
		return "", nil, s.recordFailure(ctx, username, ip)
	}
	if err != nil {
		return "", nil, fmt.Errorf("org: login: %w", err)
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return "", nil, err
	}
	if !ok {
		return "", nil, s.recordFailure(ctx, username, ip)
	}
	if active != 1 {
		return "", nil, ErrInactive
	}
	token, err := s.OpenSession(ctx, userID, username, ip, userAgent)
	if err != nil {
		return "", nil, err
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// OpenSession starts a session for a user whose identity was checked, and
// clears their failed attempts. Login calls it after the password check.
func (s *Store) OpenSession(ctx context.Context, userID int64, username, ip, userAgent string) (string, error) {
	token := web.RandomToken(32)
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
			VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`, hashToken(token), userID, web.RandomToken(24), db.FormatTime(now),
			db.FormatTime(now.Add(AbsoluteTimeout)), ip, truncate(userAgent, 300)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE username = $1`, username); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: audit.Actor{UserID: userID, Username: username, IP: ip}, Action: "login", Entity: "users", EntityID: audit.ID(userID)})
	})
	if err != nil {
		return "", fmt.Errorf("org: open session: %w", err)
	}
	return token, nil
}

func (s *Store) throttled(ctx context.Context, username, ip string) (bool, error) {
	since := db.FormatTime(s.now().Add(-ThrottleWindow))
	var byUser, byIP int
	err := s.db.R.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM login_failures WHERE username = $1 AND at >= $3),
		(SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at >= $3)`, username, ip, since).Scan(&byUser, &byIP)
	if err != nil {
		return false, fmt.Errorf("org: throttle: %w", err)
	}
	return byUser >= MaxFailuresPerUser || byIP >= MaxFailuresPerIP, nil
}

func (s *Store) recordFailure(ctx context.Context, username, ip string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Old failures are pruned as new ones come, so the table stays small.
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, db.FormatTime(s.now().Add(-24*time.Hour))); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (username, ip, at) VALUES ($1, $2, $3)`, truncate(username, 100), ip, db.FormatTime(s.now())); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: audit.Actor{Username: truncate(username, 100), IP: ip}, Action: "login_failed", Entity: "users"})
	})
	if err != nil {
		return fmt.Errorf("org: record failed login: %w", err)
	}
	return ErrBadCredentials
}

// SessionUser returns the user and CSRF token of a live session.
func (s *Store) SessionUser(ctx context.Context, token string) (*User, string, error) {
	if token == "" {
		return nil, "", db.ErrNotFound
	}
	h := hashToken(token)
	now := s.now()
	if e, ok := s.sessions.get(h, now); ok {
		return userCopy(&e.user), e.csrf, nil
	}
	gen := s.sessions.generation()
	var userID int64
	var csrf, lastSeen, expires string
	err := s.db.R.QueryRowContext(ctx, `SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE id_hash = $1`, h).
		Scan(&userID, &csrf, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", db.ErrNotFound
	}
	if err != nil {
		return nil, "", fmt.Errorf("org: session: %w", err)
	}
	seen, err := db.ParseTime(lastSeen)
	if err != nil {
		return nil, "", err
	}
	exp, err := db.ParseTime(expires)
	if err != nil {
		return nil, "", err
	}
	if now.After(exp) || now.Sub(seen) > IdleTimeout {
		_, _ = s.db.W.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, h) // best effort: it is expired either way
		s.sessions.drop(h)
		return nil, "", db.ErrNotFound
	}
	if now.Sub(seen) > TouchInterval {
		if _, err := s.db.W.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`, db.FormatTime(now), h); err != nil {
			return nil, "", fmt.Errorf("org: touch session: %w", err)
		}
		seen = now
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return nil, "", err
	}
	if !u.Active {
		return nil, "", db.ErrNotFound
	}
	s.sessions.put(h, gen, cachedSession{user: *userCopy(u), csrf: csrf, lastSeen: seen, expires: exp, checked: now})
	return u, csrf, nil
}

// Logout ends a session.
func (s *Store) Logout(ctx context.Context, token string, u *User) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hashToken(token)); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: u.Actor(), Action: "logout", Entity: "users", EntityID: audit.ID(u.ID)})
	})
}

// Token is an API token as listed (never the secret itself).
type Token struct {
	ID         int64
	UserID     int64
	Username   string
	Name       string
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// TokenPrefix starts every API token so that a leaked one is recognisable
// (and secret scanners can find it).
const TokenPrefix = "pph_"

// CreateToken issues an API token for a user and returns it; only its hash
// is kept, so it cannot be shown again.
func (s *Store) CreateToken(ctx context.Context, actor audit.Actor, userID int64, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "API"
	}
	token := TokenPrefix + web.RandomToken(32)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			userID, truncate(name, 100), hashToken(token), token[:len(TokenPrefix)+6], db.FormatTime(s.now())).Scan(&id); err != nil {
			if db.IsForeignKeyViolation(err) {
				return fmt.Errorf("org: user %d: %w", userID, db.ErrNotFound)
			}
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "api_tokens", EntityID: audit.ID(id), Summary: name,
			After: map[string]any{"user_id": userID, "name": name}})
	})
	if err != nil {
		return "", fmt.Errorf("org: create token: %w", err)
	}
	return token, nil
}

// TokenUser returns the user an API token belongs to, if it is valid.
func (s *Store) TokenUser(ctx context.Context, token string) (*User, error) {
	var id, userID int64
	var lastUsed sql.NullString
	err := s.db.R.QueryRowContext(ctx, `SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
		hashToken(token)).Scan(&id, &userID, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, db.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("org: token: %w", err)
	}
	now := s.now()
	if last, _ := db.ParseNullTime(lastUsed); now.Sub(last) > TouchInterval {
		if _, err := s.db.W.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, db.FormatTime(now), id); err != nil {
			return nil, fmt.Errorf("org: touch token: %w", err)
		}
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, db.ErrNotFound
	}
	return u, nil
}

// Tokens lists the tokens of users in scope, newest first.
func (s *Store) Tokens(ctx context.Context, scope string) ([]Token, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT t.id, t.user_id, us.username, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
		FROM api_tokens t JOIN users us ON us.id = t.user_id JOIN units un ON un.id = us.unit_id
		WHERE un.path LIKE $1 ORDER BY t.id DESC`, scope+"%")
	if err != nil {
		return nil, fmt.Errorf("org: list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created string
		var used, revoked sql.NullString
		if err := rows.Scan(&t.ID, &t.UserID, &t.Username, &t.Name, &t.Prefix, &created, &used, &revoked); err != nil {
			return nil, fmt.Errorf("org: list tokens: %w", err)
		}
		t.CreatedAt, _ = db.ParseTime(created)
		t.LastUsedAt, _ = db.ParseNullTime(used)
		t.RevokedAt, _ = db.ParseNullTime(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken disables a token for good.
func (s *Store) RevokeToken(ctx context.Context, actor audit.Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, db.FormatTime(s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("org: token %d: %w", id, db.ErrNotFound)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "revoke", Entity: "api_tokens", EntityID: audit.ID(id)})
	})
}

// TokenOwnerPath returns the unit path of a token's owner, for permission checks.
func (s *Store) TokenOwnerPath(ctx context.Context, id int64) (string, error) {
	var path string
	err := s.db.R.QueryRowContext(ctx, `SELECT un.path FROM api_tokens t JOIN users us ON us.id = t.user_id JOIN units un ON un.id = us.unit_id WHERE t.id = $1`, id).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("org: token %d: %w", id, db.ErrNotFound)
	}
	return path, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
