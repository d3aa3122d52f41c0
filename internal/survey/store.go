package survey

import (
	"embed"
	"errors"
	"time"

	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the survey tables: forms, invitation codes, responses
// and the throttle of code guessing.
var Migrations = db.NewModule("survey", migrationsFS, "migrations")

// Store keeps questionnaires, invitation codes and responses.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore returns a store on d; now may be nil (time.Now).
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: now}
}

// Errors of the public survey page a respondent is told about.
var (
	// ErrCodeUnknown: no invitation has this code (or the form is gone).
	ErrCodeUnknown = errors.New("survey: unknown invitation code")
	// ErrCodeUsed: the code has opened a response already.
	ErrCodeUsed = errors.New("survey: invitation code already used")
	// ErrFormNotOpen: the form is a draft or closed.
	ErrFormNotOpen = errors.New("survey: the survey is not open")
)

// Status is a form's state: a draft takes no responses from the public page
// yet, an open form does, a closed one no longer does.
type Status string

const (
	StatusDraft  Status = "draft"
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// ParseStatus checks a status from a form or the command line.
func ParseStatus(s string) (Status, bool) {
	switch st := Status(s); st {
	case StatusDraft, StatusOpen, StatusClosed:
		return st, true
	}
	return "", false
}
