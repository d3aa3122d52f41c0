package report

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the register of issued reports. It applies after the
// organisation's (it refers to units) and before any capability's.
var Migrations = db.NewModule("report", migrationsFS, "migrations")

// Issued is an entry of the register of issued reports: a document some
// capability built and the agency sent out, with its file.
type Issued struct {
	ID int64 `json:"id"`
	// Kind says what issued it: "plan" (a plan's periodic report),
	// "reception", "inspection", "legal_expired", "province"…
	Kind string `json:"kind"`
	// SourceID is the record it was issued from (the plan, the round), 0
	// for none.
	SourceID  int64     `json:"source_id,omitempty"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name"`
	Title     string    `json:"title"`
	Number    string    `json:"number"` // "12/BC-SKHCN"
	Period    string    `json:"period"` // "2026Q3", "2026", or empty
	IssuedOn  time.Time `json:"issued_on"`
	Format    string    `json:"format"` // docx, xlsx or pdf
	FileName  string    `json:"file_name"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	CreatedBy string    `json:"created_by"`
	// CreatedAt is when it was entered in the register.
	CreatedAt time.Time `json:"created_at"`
}

// Content types of the formats the register keeps.
const (
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypePDF  = "application/pdf"
)

// ContentType is the media type of a format.
func ContentType(format string) string {
	switch format {
	case "xlsx":
		return TypeXLSX
	case "pdf":
		return TypePDF
	}
	return TypeDOCX
}

// Register keeps issued reports: a row each, and the file below the data
// directory named by its SHA-256 (the same document issued twice is stored
// once).
type Register struct {
	db      *db.DB
	dataDir string
	now     func() time.Time
}

// NewRegister returns the register on d keeping files below dataDir.
func NewRegister(d *db.DB, dataDir string, now func() time.Time) *Register {
	if now == nil {
		now = time.Now
	}
	return &Register{db: d, dataDir: dataDir, now: now}
}

// Path is where the file with that SHA-256 lives.
func (r *Register) Path(sum string) string {
	return filepath.Join(r.dataDir, "reports", sum[:2], sum)
}

// Issue keeps content as the file of a new entry and records it, with its
// audit entry, in one transaction. Kind, UnitID, Format and FileName are
// required; IssuedOn, SHA256, Size and CreatedBy are filled in here.
func (r *Register) Issue(ctx context.Context, actor audit.Actor, in Issued, content []byte) (Issued, error) {
	in.Kind, in.Number, in.Title = strings.TrimSpace(in.Kind), strings.TrimSpace(in.Number), strings.TrimSpace(in.Title)
	errs := web.FieldErrors{}
	if in.Format != "docx" && in.Format != "xlsx" && in.Format != "pdf" {
		errs.Add("format", "report.format.invalid")
	}
	if in.Kind == "" || in.UnitID == 0 || in.FileName == "" || len(content) == 0 {
		return in, fmt.Errorf("report: issue: kind, unit, file name and content are required")
	}
	if errs.Any() {
		return in, &web.ValidationError{Fields: errs}
	}
	h := sha256.Sum256(content)
	in.SHA256 = hex.EncodeToString(h[:])
	in.Size = int64(len(content))
	issued := r.now()
	in.IssuedOn = dayOf(issued.In(vn.Location()))
	in.CreatedBy = actor.Username
	in.CreatedAt = issued.UTC().Truncate(time.Second)
	path := r.Path(in.SHA256)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return in, fmt.Errorf("report: issue: %w", err)
	}
	if err := os.WriteFile(path, content, 0o640); err != nil {
		return in, fmt.Errorf("report: issue: %w", err)
	}
	err := r.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `
INSERT INTO issued_reports (kind, source_id, unit_id, title, number, period, issued_on, format, file_name, sha256, size, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`, in.Kind, in.SourceID, in.UnitID, in.Title, in.Number, in.Period,
			db.FormatDate(in.IssuedOn), in.Format, in.FileName, in.SHA256, in.Size, in.CreatedBy, db.FormatTime(issued)).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "issued_reports", EntityID: audit.ID(in.ID), UnitID: in.UnitID,
			Summary: strings.TrimSpace("Ban hành " + in.Number + " " + in.Title), After: in})
	})
	if err != nil {
		return in, fmt.Errorf("report: issue: %w", err)
	}
	return in, nil
}

// dayOf is the calendar day of t as midnight UTC, as dates are stored.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// A RegisterFilter narrows the register: by what issued the reports (Kind
// or Kinds, and SourceID within it), and by the issuers' subtrees (Scopes, unit path
// prefixes as org.User.ReadScopes gives them; none or "/" for everything).
type RegisterFilter struct {
	Kind     string
	Kinds    []string // any of these kinds, with or without Kind
	SourceID int64
	Scopes   []string
	Page     int
	PerPage  int
}

const selectIssued = `SELECT r.id, r.kind, r.source_id, r.unit_id, u.name, u.path, r.title, r.number, r.period, r.issued_on, r.format, r.file_name, r.sha256, r.size, r.created_by, r.created_at
FROM issued_reports r JOIN units u ON u.id = r.unit_id`

func scanIssued(sc interface{ Scan(...any) error }) (Issued, string, error) {
	var x Issued
	var path, issued, created string
	if err := sc.Scan(&x.ID, &x.Kind, &x.SourceID, &x.UnitID, &x.UnitName, &path, &x.Title, &x.Number, &x.Period, &issued, &x.Format, &x.FileName,
		&x.SHA256, &x.Size, &x.CreatedBy, &created); err != nil {
		return x, "", err
	}
	var err error
	if x.IssuedOn, err = time.Parse("2006-01-02", issued); err != nil {
		return x, path, err
	}
	x.CreatedAt, err = db.ParseTime(created)
	return x, path, err
}

// List returns one page of the register, newest first, and whether more
// follow.
func (r *Register) List(ctx context.Context, f RegisterFilter) ([]Issued, bool, error) {
	var conds []string
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Kind != "" {
		conds = append(conds, "r.kind = "+arg(f.Kind))
	}
	if len(f.Kinds) > 0 {
		var in []string
		for _, k := range f.Kinds {
			in = append(in, arg(k))
		}
		conds = append(conds, "r.kind IN ("+strings.Join(in, ", ")+")")
	}
	if f.SourceID != 0 {
		conds = append(conds, "r.source_id = "+arg(f.SourceID))
	}
	if len(f.Scopes) > 0 && !slices.Contains(f.Scopes, "/") {
		conds = append(conds, org.PathIn("u.path", f.Scopes, arg))
	}
	q := selectIssued
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	perPage := f.PerPage
	if perPage <= 0 || perPage > 500 {
		perPage = 50
	}
	page := max(f.Page, 1)
	q += fmt.Sprintf(" ORDER BY r.created_at DESC, r.id DESC LIMIT %d OFFSET %d", perPage+1, (page-1)*perPage)
	rows, err := r.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("report: register: %w", err)
	}
	defer rows.Close()
	var out []Issued
	for rows.Next() {
		x, _, err := scanIssued(rows)
		if err != nil {
			return nil, false, fmt.Errorf("report: register: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("report: register: %w", err)
	}
	out, more := db.TrimPage(out, perPage)
	return out, more, nil
}

// Get returns one entry with its issuer's unit path, for the permission
// check; db.ErrNotFound when there is none.
func (r *Register) Get(ctx context.Context, id int64) (Issued, string, error) {
	x, path, err := scanIssued(r.db.R.QueryRowContext(ctx, selectIssued+" WHERE r.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return x, "", fmt.Errorf("report %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return x, "", fmt.Errorf("report %d: %w", id, err)
	}
	return x, path, nil
}
