package survey

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// Invitation codes are typed from paper by people of every age, so they use
// letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L,
// U/V) and are printed in two groups of five: about 49 random bits, far out
// of reach of guessing at the throttled rate below.
const (
	codeAlphabet = "ABCDEFGHJKMNPQRSTWXYZ23456789"
	codeLength   = 10
	// MaxInvitations is the most codes one request makes.
	MaxInvitations = 2000
)

// Throttling of code guessing: a client address with MaxCodeFailures wrong
// codes within CodeFailureWindow is refused until the window passes.
const (
	CodeFailureWindow = 15 * time.Minute
	MaxCodeFailures   = 20
)

// NewCode returns a fresh random invitation code, formatted for print.
func NewCode() string {
	var b strings.Builder
	max := big.NewInt(int64(len(codeAlphabet)))
	for i := range codeLength {
		if i == codeLength/2 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic("survey: no randomness: " + err.Error()) // the OS source does not fail on Linux
		}
		b.WriteByte(codeAlphabet[n.Int64()])
	}
	return b.String()
}

// NormalizeCode turns a code as typed (lower case, spaces, dashes) into its
// canonical form, and reports whether it can be a code at all.
func NormalizeCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	n := b.Len()
	return b.String(), n >= 6 && n <= 32
}

func hashCode(code string) string {
	norm, _ := NormalizeCode(code)
	sum := sha256.Sum256([]byte("papihub-survey-code:" + norm))
	return hex.EncodeToString(sum[:])
}

// CreateInvitations makes n codes for the form; responses opened with them
// count for unitID (0: the form's own unit). The codes are returned once and
// only their hashes are kept.
func (s *Store) CreateInvitations(ctx context.Context, actor audit.Actor, formID, unitID int64, n int) ([]string, error) {
	if n < 1 || n > MaxInvitations {
		return nil, fmt.Errorf("survey: between 1 and %d codes at a time, not %d", MaxInvitations, n)
	}
	codes := make([]string, n)
	for i := range codes {
		codes[i] = NewCode()
	}
	if err := s.AddInvitations(ctx, actor, formID, unitID, codes); err != nil {
		return nil, err
	}
	return codes, nil
}

// AddInvitations stores the given codes (the demo uses fixed ones; everything
// else calls CreateInvitations).
func (s *Store) AddInvitations(ctx context.Context, actor audit.Actor, formID, unitID int64, codes []string) error {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var formUnit int64
		err := tx.QueryRowContext(ctx, `SELECT unit_id FROM survey_forms WHERE id = $1`, formID).Scan(&formUnit)
		if errors.Is(err, sql.ErrNoRows) {
			return db.ErrNotFound
		}
		if err != nil {
			return err
		}
		if unitID == 0 {
			unitID = formUnit
		}
		now := db.FormatTime(s.now())
		for _, c := range codes {
			if _, ok := NormalizeCode(c); !ok {
				return fmt.Errorf("%q is not an invitation code", c)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_invitations (form_id, unit_id, code_hash, created_at) VALUES ($1, $2, $3, $4)`,
				formID, unitID, hashCode(c), now); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "survey_invitations", EntityID: audit.ID(formID),
			UnitID: formUnit, Summary: fmt.Sprintf("%d mã mời", len(codes)), After: map[string]any{"form": formID, "unit": unitID, "codes": len(codes)}})
	})
	if err != nil {
		return fmt.Errorf("survey: invitations for form %d: %w", formID, err)
	}
	return nil
}

// An Invitation is what a valid, unused code opens.
type Invitation struct {
	FormID int64
	UnitID int64
}

const selectInvitation = `
SELECT i.form_id, COALESCE(i.unit_id, f.unit_id), i.used_at IS NOT NULL, f.status
FROM survey_invitations i JOIN survey_forms f ON f.id = i.form_id
WHERE i.code_hash = $1`

// OpenInvitation finds the invitation of a code: ErrCodeUnknown, ErrCodeUsed
// or ErrFormNotOpen when it cannot be answered.
func (s *Store) OpenInvitation(ctx context.Context, code string) (Invitation, error) {
	return openInvitation(ctx, s.db.R, code)
}

func openInvitation(ctx context.Context, q db.Querier, code string) (Invitation, error) {
	if _, ok := NormalizeCode(code); !ok {
		return Invitation{}, ErrCodeUnknown
	}
	var inv Invitation
	var used bool
	var status Status
	err := q.QueryRowContext(ctx, selectInvitation, hashCode(code)).Scan(&inv.FormID, &inv.UnitID, &used, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Invitation{}, ErrCodeUnknown
	case err != nil:
		return Invitation{}, fmt.Errorf("survey: open invitation: %w", err)
	case used:
		return inv, ErrCodeUsed
	case status != StatusOpen:
		return inv, ErrFormNotOpen
	}
	return inv, nil
}

// InvitationCounts says how many codes a form has and how many were used.
func (s *Store) InvitationCounts(ctx context.Context, formID int64) (total, used int, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(used_at) FROM survey_invitations WHERE form_id = $1`, formID).Scan(&total, &used)
	if err != nil {
		return 0, 0, fmt.Errorf("survey: invitation counts: %w", err)
	}
	return total, used, nil
}

func hashIP(ip string) string {
	sum := sha256.Sum256([]byte("papihub-survey-ip:" + ip))
	return hex.EncodeToString(sum[:16])
}

// CodeGuessingThrottled reports whether the client address has given too
// many wrong codes lately.
func (s *Store) CodeGuessingThrottled(ctx context.Context, ip string) (bool, error) {
	var n int
	since := db.FormatTime(s.now().Add(-CodeFailureWindow))
	err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM survey_code_failures WHERE ip_hash = $1 AND at > $2`, hashIP(ip), since).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("survey: code throttle: %w", err)
	}
	return n >= MaxCodeFailures, nil
}

// RecordCodeFailure counts a wrong code against the client address, and
// forgets failures older than the window. It is not audited: it changes no
// data anybody owns.
func (s *Store) RecordCodeFailure(ctx context.Context, ip string) error {
	now := s.now()
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM survey_code_failures WHERE at <= $1`, db.FormatTime(now.Add(-CodeFailureWindow))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO survey_code_failures (ip_hash, at) VALUES ($1, $2)`, hashIP(ip), db.FormatTime(now))
		return err
	})
	if err != nil {
		return fmt.Errorf("survey: record code failure: %w", err)
	}
	return nil
}
