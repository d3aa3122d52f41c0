package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"papihub/internal/platform/db"
)

// PublicAnswer is an answer the agency published because the matter is of
// public interest (domain §5.1: published on the portal without personal
// data): the kind of case, the unit that answered, the days and the answer
// as the officer wrote it for publication. Nothing of the entry is read —
// not the citizen, not the summary they wrote, not its number — and a
// denunciation does not even say when it arrived, since the day a letter
// came may point to who wrote it (Law on Denunciations 2018 art. 47).
type PublicAnswer struct {
	ID          int64  `json:"id"`
	Kind        Kind   `json:"kind"`
	Unit        string `json:"unit"`
	ReceivedOn  string `json:"received_on,omitempty"` // YYYY-MM-DD; empty for a denunciation
	AnsweredOn  string `json:"answered_on"`
	PublishedOn string `json:"published_on"`
	Answer      string `json:"answer"`
}

// A case's answer is public once the case was marked of public interest
// and the publication step taken (published, or closed after it).
const selectPublicAnswers = `
SELECT c.id, c.kind, u.name, c.received_on, c.decided_on, c.published_on, c.answer
FROM reception_cases c JOIN units u ON u.id = c.unit_id
WHERE c.public = 1 AND c.published_on <> '' AND c.status IN ('published', 'closed') AND c.answer <> ''`

func scanPublicAnswer(sc interface{ Scan(...any) error }) (PublicAnswer, error) {
	var a PublicAnswer
	var kind string
	if err := sc.Scan(&a.ID, &kind, &a.Unit, &a.ReceivedOn, &a.AnsweredOn, &a.PublishedOn, &a.Answer); err != nil {
		return a, err
	}
	a.Kind = Kind(kind)
	if a.Kind == Denunciation {
		a.ReceivedOn = ""
	}
	return a, nil
}

// PublicAnswers is the read-only query the portal uses for the published
// answers of the unit with electronic code unitCode and the units under
// it, newest publication first: one page (perPage 1–200) and whether more
// follow. ErrNotFound for an unknown unit.
func (s *Store) PublicAnswers(ctx context.Context, unitCode string, page, perPage int) ([]PublicAnswer, bool, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return nil, false, err
	}
	perPage = min(max(perPage, 1), 200)
	page = max(page, 1)
	rows, err := s.db.R.QueryContext(ctx, selectPublicAnswers+" AND "+inScope("c.unit_id", 1)+
		" ORDER BY c.published_on DESC, c.id DESC LIMIT $2 OFFSET $3", escapeLike(unit.Path)+"%", perPage+1, (page-1)*perPage)
	if err != nil {
		return nil, false, fmt.Errorf("reception: public answers: %w", err)
	}
	defer rows.Close()
	var out []PublicAnswer
	for rows.Next() {
		a, err := scanPublicAnswer(rows)
		if err != nil {
			return nil, false, fmt.Errorf("reception: public answers: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("reception: public answers: %w", err)
	}
	out, more := db.TrimPage(out, perPage)
	return out, more, nil
}

// PublicAnswerOf is one published answer of the unit with electronic code
// unitCode or a unit under it; ErrNotFound for an unknown unit, or a case
// that is not published or is another unit's.
func (s *Store) PublicAnswerOf(ctx context.Context, unitCode string, id int64) (PublicAnswer, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return PublicAnswer{}, err
	}
	a, err := scanPublicAnswer(s.db.R.QueryRowContext(ctx, selectPublicAnswers+" AND c.id = $2 AND "+inScope("c.unit_id", 1),
		escapeLike(unit.Path)+"%", id))
	if errors.Is(err, sql.ErrNoRows) {
		return PublicAnswer{}, ErrNotFound
	}
	if err != nil {
		return PublicAnswer{}, fmt.Errorf("reception: public answer %d: %w", id, err)
	}
	return a, nil
}
