package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/db"
)

// StoredDossier is a dossier as the database holds it: the rule-level
// Dossier (UnitID is the unit's id in decimal, ProcedureCode its code) with
// the ids, names and personal data around it.
type StoredDossier struct {
	Dossier
	ID              int64
	ProcedureID     int64
	ProcedureName   string
	Field           string
	Unit            int64
	UnitName        string
	UnitPath        string
	ApplicantType   int
	ApplicantMasked string
	IDMasked        string
	PhoneMasked     string
	Status          Status
	Verdict         Verdict // as known now (Classify at the end of time)
	DueDay          time.Time
	EndAt           time.Time // when processing ended as judged; zero while open
	// Archived: received in an archived year and read from the archive
	// schema (archive_read.go), read-only until its year is restored.
	Archived bool

	applicantSealed, idSealed, phoneSealed string
}

const dossierColumns = `d.id, d.code, d.procedure_id, p.code, p.name, p.field, d.unit_id, u.name, u.path,
	d.applicant_type, d.applicant_sealed, d.applicant_masked, d.id_number_sealed, d.id_number_masked,
	d.phone_sealed, d.phone_masked, d.channel, d.submitted_at, d.received_at, d.appointment_at, d.returned_at,
	d.status, d.fee, d.paid_online, d.digitised, d.reused_data, d.electronic_result, d.certified_copy,
	d.personal_storage, d.population_data, d.synced, d.rating, d.complaint, d.verdict, d.due_day, d.end_at,
	d.history, d.supplements`

const dossierFrom = ` FROM tthc_dossiers d JOIN tthc_procedures p ON p.id = d.procedure_id JOIN units u ON u.id = d.unit_id`

func scanDossier(row interface{ Scan(...any) error }) (*StoredDossier, error) {
	var d StoredDossier
	var submitted, received, appointment, returned, due, end sql.NullString
	var flags [9]int
	var rating int
	var history, supplements string
	if err := row.Scan(&d.ID, &d.Code, &d.ProcedureID, &d.ProcedureCode, &d.ProcedureName, &d.Field, &d.Unit, &d.UnitName, &d.UnitPath,
		&d.ApplicantType, &d.applicantSealed, &d.ApplicantMasked, &d.idSealed, &d.IDMasked, &d.phoneSealed, &d.PhoneMasked,
		&d.Channel, &submitted, &received, &appointment, &returned, &d.Status, &d.Fee, &d.PaidOnline,
		&flags[0], &flags[1], &flags[2], &flags[3], &flags[4], &flags[5], &flags[6], &rating, &flags[7], &d.Verdict, &due, &end,
		&history, &supplements); err != nil {
		return nil, err
	}
	var err error
	if d.Events, err = decodeHistory(history); err != nil {
		return nil, err
	}
	d.Events = orderEvents(d.Events)
	if d.Supplements, err = decodeSupplements(supplements); err != nil {
		return nil, err
	}
	d.UnitID = strconv.FormatInt(d.Unit, 10)
	d.SubmittedAt, d.ReceivedAt = parseNullTime(submitted), parseNullTime(received)
	d.AppointmentAt, d.ReturnedAt = parseNullTime(appointment), parseNullTime(returned)
	d.DueDay, d.EndAt = parseNullDay(due), parseNullTime(end)
	d.Digitisation = Digitisation{ComponentsDigitised: flags[0] == 1, ReusedData: flags[1] == 1, ElectronicResult: flags[2] == 1,
		CertifiedCopy: flags[3] == 1, PersonalStorage: flags[4] == 1, PopulationData: flags[5] == 1}
	d.Synced = flags[6] == 1
	d.Feedback = Feedback{Rating: Rating(rating), Complaint: flags[7] == 1}
	return &d, nil
}

// loadDossiers reads the dossiers matching where (with args) and their
// histories.
func loadDossiers(ctx context.Context, q db.Querier, where string, args ...any) ([]*StoredDossier, error) {
	return loadDossiersFrom(ctx, q, "tthc_dossiers", where, args...)
}

// loadDossiersFrom is loadDossiers reading table (one partition of
// tthc_dossiers). A table that does not exist is returned as is
// (db.IsUndefinedTable), for inPartitionOf.
func loadDossiersFrom(ctx context.Context, q db.Querier, table, where string, args ...any) ([]*StoredDossier, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+dossierColumns+strings.Replace(dossierFrom, "tthc_dossiers", table, 1)+" WHERE "+where, args...)
	if db.IsUndefinedTable(err) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("tthc: load dossiers: %w", err)
	}
	var out []*StoredDossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("tthc: load dossiers: %w", err)
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tthc: load dossiers: %w", err)
	}
	return out, nil
}

func eachRow(ctx context.Context, q db.Querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listOf reads a statement whose rows are one column each.
func listOf[T any](ctx context.Context, q db.Querier, query string, args ...any) ([]T, error) {
	var out []T
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var v T
		if err := r.Scan(&v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// orderEvents sorts a history by time, and at equal times in the order of
// the one-stop-shop flow, so that a history read back from the database is
// checked as it was written.
func orderEvents(events []Event) []Event {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return flowRank(a.Status) < flowRank(b.Status)
	})
	return events
}

// flowRank orders statuses recorded at the same second.
func flowRank(s Status) int {
	switch s {
	case StatusSubmittedOnline:
		return 0
	case StatusReceived:
		return 1
	case StatusRefused:
		return 2
	case StatusInProcess:
		return 3
	case StatusSupplementRequested, StatusFinancialObligation:
		return 4
	case StatusResolved:
		return 6
	case StatusReturned:
		return 7
	}
	return 5
}

// Dossier returns one dossier by its code, with its history.
func (s *Store) Dossier(ctx context.Context, code string) (*StoredDossier, error) {
	var ds []*StoredDossier
	var err error
	if s.db.Dialect != db.Postgres {
		ds, err = loadDossiers(ctx, s.db.R, "d.code = $1", code)
	} else {
		var entries map[string]codeEntry
		if entries, err = dossierCodes(ctx, s.db.R, []any{code}); err != nil {
			return nil, err
		}
		e, ok := entries[code]
		if !ok {
			return nil, ErrNotFound
		}
		err = inPartitionOf(e.day, func(table string) error {
			ds, err = loadDossiersFrom(ctx, s.db.R, table, "d.code = $1", code)
			return err
		})
		if err == nil && len(ds) == 0 {
			// Staff read an archived dossier where it lies, read-only.
			d, err := archivedDossier(ctx, s.db.R, code, e)
			if err != nil {
				return nil, err
			}
			if d == nil {
				return nil, &ArchivedError{Code: code, Year: yearOf(e.day)}
			}
			return d, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, ErrNotFound
	}
	return ds[0], nil
}

// ErrArchived is what a look-up of a dossier of an archived year returns
// (errors.Is; the error is an *ArchivedError naming the year).
var ErrArchived = errors.New("tthc: dossier archived")

// ArchivedError says which year's archive holds a dossier.
type ArchivedError struct{ Code, Year string }

func (e *ArchivedError) Error() string {
	return fmt.Sprintf("hồ sơ %s tiếp nhận năm %s, năm đã chuyển vào lưu trữ; liên hệ cơ quan tiếp nhận để tra cứu", e.Code, e.Year)
}

func (e *ArchivedError) Is(target error) bool { return target == ErrArchived }

// PersonalData is a dossier's personal data in full.
type PersonalData struct {
	Applicant, IDNumber, Phone string
}

// Reveal opens the sealed personal data of a dossier. The caller checks the
// permission and writes the audit entry (RevealAudited does both parts
// that belong to storage).
func (s *Store) open(d *StoredDossier) (PersonalData, error) {
	var p PersonalData
	var err error
	for _, f := range []struct {
		sealed string
		dst    *string
	}{{d.applicantSealed, &p.Applicant}, {d.idSealed, &p.IDNumber}, {d.phoneSealed, &p.Phone}} {
		if f.sealed == "" {
			continue
		}
		if *f.dst, err = s.box.Open(f.sealed); err != nil {
			return PersonalData{}, fmt.Errorf("tthc: open personal data of %s: %w", d.Code, err)
		}
	}
	return p, nil
}

// MaskName hides a name for lists: the first letter of each word.
// MaskName("Nguyễn Văn An") = "N. V. A."
func MaskName(s string) string {
	var parts []string
	for _, w := range strings.Fields(s) {
		for _, r := range w {
			parts = append(parts, string(r)+".")
			break
		}
	}
	return strings.Join(parts, " ")
}
