package reception

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// lookupAlphabet has no letters read as digits (I, L, O, U), so that a code
// read over the phone is typed right.
const lookupAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newLookupCode is ten random characters (50 bits) as XXXXX-XXXXX.
func newLookupCode() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var sb strings.Builder
	for i, c := range b {
		if i == 5 {
			sb.WriteByte('-')
		}
		sb.WriteByte(lookupAlphabet[int(c)%len(lookupAlphabet)])
	}
	return sb.String(), nil
}

// normalizeCode reads a code as people type it: any case, with or without
// the dash, O for 0 and I or L for 1.
func normalizeCode(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(strings.TrimSpace(s)))
	if len(s) != 10 {
		return ""
	}
	return s[:5] + "-" + s[5:]
}

// PublicCase is what the portal shows the citizen who holds an entry's
// code: where it stands and, once given, the answer; never a name, an
// address, an ID number or a phone, nor the summary they wrote.
type PublicCase struct {
	Number     string   `json:"number"`
	Kind       Kind     `json:"kind"`
	ReceivedOn string   `json:"received_on"`
	Handling   Handling `json:"handling"`
	HandlingTo string   `json:"handling_to,omitempty"` // where it was transferred or which body the guidance names
	Status     Status   `json:"status,omitempty"`
	DueOn      string   `json:"due_on,omitempty"`
	AnsweredOn string   `json:"answered_on,omitempty"`
	Answer     string   `json:"answer,omitempty"`
	Rating     Rating   `json:"rating,omitempty"`
	// Published says the answer was also published on the portal as of
	// public interest.
	Published bool `json:"published"`
	// CanRate says the answer is given and not yet rated.
	CanRate bool `json:"can_rate"`
}

// PublicLookup is the read-only query the portal uses to show a citizen
// their entry by its code; ErrNotFound for a code that names none.
func (s *Store) PublicLookup(ctx context.Context, code string) (PublicCase, error) {
	return s.publicLookup(ctx, code, "")
}

// PublicLookupIn is PublicLookup on the portal of the unit with electronic
// code unitCode: a code of another agency's logbook is not found there.
func (s *Store) PublicLookupIn(ctx context.Context, unitCode, code string) (PublicCase, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return PublicCase{}, err
	}
	return s.publicLookup(ctx, code, unit.Path)
}

// publicLookup finds the entry of code among the units under scope (a
// path; "" for every unit).
func (s *Store) publicLookup(ctx context.Context, code, scope string) (PublicCase, error) {
	code = normalizeCode(code)
	if code == "" {
		return PublicCase{}, ErrNotFound
	}
	var p PublicCase
	var year, seq int
	var status, due, decided, answer, rating, published sql.NullString
	var kind, handling, received string
	err := s.db.R.QueryRowContext(ctx, `SELECT e.year, e.seq, e.kind, e.received_on, e.handling, e.handling_to, c.status, c.due_on, c.decided_on, c.answer, c.rating, c.published_on
FROM reception_entries e LEFT JOIN reception_cases c ON c.entry_id = e.id WHERE e.lookup_code = $1 AND `+inScope("e.unit_id", 2), code, escapeLike(scope)+"%").
		Scan(&year, &seq, &kind, &received, &handling, &p.HandlingTo, &status, &due, &decided, &answer, &rating, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, err
	}
	p.Number, p.Kind, p.ReceivedOn, p.Handling = Entry{Seq: seq, Year: year}.Number(), Kind(kind), received, Handling(handling)
	if p.Handling != Guided && p.Handling != Transferred {
		p.HandlingTo = ""
	}
	if status.Valid {
		p.Status, p.DueOn = Status(status.String), due.String
		if p.Status.Answered() {
			p.AnsweredOn, p.Answer, p.Rating = decided.String, answer.String, Rating(rating.String)
			p.CanRate = p.Rating == Unrated
			p.Published = published.String != ""
		}
	}
	return p, nil
}

// PublicRate records the rating the citizen holding code gives the answer:
// once, and only once the answer is given. The audit entry names the
// portal and the address, never the citizen.
func (s *Store) PublicRate(ctx context.Context, code string, r Rating, ip string) error {
	if r != Satisfied && r != Dissatisfied {
		return web.Invalid("rating", "reception.rating.invalid")
	}
	code = normalizeCode(code)
	if code == "" {
		return ErrNotFound
	}
	var caseID, unitID int64
	var status, rating string
	err := s.db.R.QueryRowContext(ctx, `SELECT c.id, c.unit_id, c.status, c.rating FROM reception_cases c JOIN reception_entries e ON e.id = c.entry_id
WHERE e.lookup_code = $1`, code).Scan(&caseID, &unitID, &status, &rating)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	switch {
	case !Status(status).Answered():
		return web.Invalid("rating", "reception.rating.unanswered")
	case rating != "":
		return web.Invalid("rating", "reception.rating.given")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		err := refold(ctx, tx, caseID, func() error {
			res, err := tx.ExecContext(ctx, `UPDATE reception_cases SET rating = $2, updated_at = $3 WHERE id = $1 AND rating = ''`, caseID, string(r), db.FormatTime(s.now()))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return web.Invalid("rating", "reception.rating.given")
			}
			return nil
		})
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: audit.Actor{Username: "cong-khai", IP: ip}, Action: "update", Entity: "reception_cases",
			EntityID: audit.ID(caseID), UnitID: unitID, Summary: "Người dân đánh giá kết quả trả lời trên cổng", After: map[string]any{"rating": r}})
	})
}
