package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/tabular"
)

// ImportReport counts what an import did: rows added, rows already in the
// register (by the channel's code), rows refused with their line, column
// and reason.
type ImportReport struct {
	Imported  int `json:"imported"`
	Unchanged int `json:"unchanged"`
	tabular.Rejections
	Applied bool `json:"applied"` // false when the file was rejected whole
}

// Import reads a feedback file of the national portal's channel into the
// logbook of unitID in one transaction: each new code adds an accepted
// entry and its case, answered (and rated) when the file says so; a code
// already in the logbook is left as it is, so that importing the same file
// again changes nothing. A file with a refused row (a bad field, a code
// twice in the file) is refused whole and nothing changes, unless
// skipInvalid, when the other rows are applied.
func (s *Store) Import(ctx context.Context, actor audit.Actor, unitID int64, dec *Decoder, skipInvalid bool) (ImportReport, error) {
	var rep ImportReport
	today := s.Today()
	var rows []FeedbackRow
	seen := map[string]int{}
	for {
		row, err := dec.Next(today)
		if errors.Is(err, io.EOF) {
			break
		}
		var de *DecodeError
		var re *tabular.RowError
		switch {
		case errors.As(err, &de):
			rep.Reject(de.Errors...)
			continue
		case errors.As(err, &re):
			rep.Reject(*re)
			continue
		case err != nil:
			return rep, err
		}
		if first, dup := seen[row.Code]; dup {
			rep.Reject(tabular.RowError{Line: row.Line, Column: dec.titles[colCode], Reason: fmt.Sprintf("mã %q đã có ở dòng %d", row.Code, first)})
			continue
		}
		seen[row.Code] = row.Line
		row.Entry.UnitID = unitID
		rows = append(rows, row)
	}
	rep.SortByLine()
	if rep.Rejected > 0 && !skipInvalid {
		return rep, nil
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return rep, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		for i := range rows {
			row := &rows[i]
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reception_entries WHERE unit_id = $1 AND source_key = $2`, unitID, row.Code).Scan(&exists); err != nil {
				return err
			}
			if exists > 0 {
				rep.Unchanged++
				continue
			}
			if err := s.insertEntry(ctx, tx, actor, &row.Entry, row.Code, cal); err != nil {
				return fmt.Errorf("reception: import line %d: %w", row.Line, err)
			}
			if !row.AnsweredOn.IsZero() {
				if err := s.answerImported(ctx, tx, actor, row); err != nil {
					return err
				}
			}
			rep.Imported++
		}
		rep.Applied = true
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "import", Entity: "reception_entries", UnitID: unitID,
			Summary: fmt.Sprintf("Nhập phản ánh, kiến nghị: %d mới, %d đã có, %d bị từ chối", rep.Imported, rep.Unchanged, rep.Rejected),
			After:   map[string]int{"imported": rep.Imported, "unchanged": rep.Unchanged, "rejected": rep.Rejected}})
	})
	if err != nil {
		rep.Applied = false
	}
	return rep, err
}

// answerImported records the answer (and rating) the channel already gave
// to an imported entry's case.
func (s *Store) answerImported(ctx context.Context, tx *sql.Tx, actor audit.Actor, row *FeedbackRow) error {
	status := StAnswered
	published := ""
	if row.Public {
		status, published = StPublished, fmtDay(row.AnsweredOn)
	}
	var caseID int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM reception_cases WHERE entry_id = $1`, row.Entry.ID).Scan(&caseID); err != nil {
		return fmt.Errorf("reception: import answer line %d: %w", row.Line, err)
	}
	err := refold(ctx, tx, caseID, func() error {
		_, err := tx.ExecContext(ctx, `UPDATE reception_cases SET status = $2, open = 0, decided_on = $3, answer = $4, public = $5, published_on = $6,
	rating = $7, updated_at = $8 WHERE id = $1`, caseID, string(status), fmtDay(row.AnsweredOn), row.Answer, boolInt(row.Public),
			published, string(row.Rating), db.FormatTime(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("reception: import answer line %d: %w", row.Line, err)
	}
	return s.event(ctx, tx, actor, caseID, row.AnsweredOn, string(status), "Trả lời trên kênh phản ánh, kiến nghị")
}
