package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A row can be valid alone and still fail when merged with what is stored:
// its status history, united with the stored one, is impossible, or the
// dossier belongs to a unit the caller may not write. An import that finds
// such a row only while writing would leave the batches before it written
// (issue 9: a file "rejected whole" that committed two dossiers, a generator
// run that committed 297,259). So the first pass of a file, and a dry run of
// the generator, also merge every row's history with the stored one
// (storedCheck), reading only; the writing pass then meets such a row only
// when another writer changed the dossier in between (errMergeRace).

// checkChunk is how many rows storedCheck looks up at once.
const checkChunk = 2000

// storedCheck checks rows against the stored dossiers, a chunk at a time.
// Rows of one dossier within a chunk are merged in order, as the writing
// pass would.
type storedCheck struct {
	im     *Importer
	rows   []Incoming
	reject func(RowError)
}

func (im *Importer) newStoredCheck(reject func(RowError)) *storedCheck {
	return &storedCheck{im: im, rows: make([]Incoming, 0, checkChunk), reject: reject}
}

// add queues a row that passed Validate.
func (c *storedCheck) add(ctx context.Context, in Incoming) error {
	c.rows = append(c.rows, in)
	if len(c.rows) < checkChunk {
		return nil
	}
	return c.flush(ctx)
}

// flush checks the queued rows.
func (c *storedCheck) flush(ctx context.Context) error {
	if len(c.rows) == 0 {
		return nil
	}
	codes := make([]any, len(c.rows))
	for i := range c.rows {
		codes[i] = c.rows[i].Dossier.Code
	}
	// Only the unit and the history matter here: a light query, not
	// loadDossiers with its joins and sealed columns.
	units := map[string]int64{}
	events := map[string][]Event{}
	cond, args, entries, err := c.im.s.byCodes(ctx, c.im.s.db.R, codes)
	if err != nil {
		return fmt.Errorf("tthc: check against stored dossiers: %w", err)
	}
	read := func(r *sql.Rows) error {
		var code, history string
		var unit int64
		if err := r.Scan(&code, &unit, &history); err != nil {
			return err
		}
		es, err := decodeHistory(history)
		if err != nil {
			return fmt.Errorf("history of %s: %w", code, err)
		}
		units[code], events[code] = unit, es
		return nil
	}
	if cond != noneStored { // nothing stored: no query to plan
		if err := eachRow(ctx, c.im.s.db.R, "SELECT d.code, d.unit_id, d.history FROM tthc_dossiers d WHERE "+cond, args, read); err != nil {
			return fmt.Errorf("tthc: check against stored dossiers: %w", err)
		}
	}
	for i := range c.rows {
		in := &c.rows[i]
		code := in.Dossier.Code
		if e, ok := entries[code]; ok && !hasUnit(units, code) {
			c.reject(archivedRow(in.Line, e))
			continue
		}
		if unit, known := units[code]; known {
			if re := c.im.mayChange(code, unit, in.Line); re != nil {
				c.reject(*re)
				continue
			}
		} else if in.EventOnly {
			c.reject(RowError{Line: in.Line, Field: "MaHoSo", Reason: "chưa có hồ sơ mã này: cần gửi hồ sơ trước khi gửi sự kiện trạng thái"})
			continue
		}
		merged := unionEvents(events[code], in.Dossier.Events)
		if _, err := CheckHistory(orderEvents(append([]Event(nil), merged...))); err != nil {
			c.reject(RowError{Line: in.Line, Field: "TrangThaiHoSo", Reason: "gộp với lịch sử đã lưu: " + err.Error()})
			continue
		}
		events[code] = merged
		if start := in.Dossier.Start(); !start.IsZero() {
			if c.im.earliest.IsZero() || start.Before(c.im.earliest) {
				c.im.earliest = start
			}
			if start.After(c.im.latest) {
				c.im.latest = start
			}
		}
	}
	c.rows = c.rows[:0]
	return nil
}

// errMergeRace is the writing pass meeting a row that no longer merges with
// what is stored: another writer changed its dossier after the check. The
// batch being written is rolled back and the import stops.
type errMergeRace struct{ rows []RowError }

func (e *errMergeRace) Error() string {
	r := e.rows[0]
	return fmt.Sprintf("dòng %d (%s): %s; hồ sơ vừa bị thay đổi bởi một lần ghi khác sau bước kiểm tra", r.Line, r.Field, r.Reason)
}

// PartialImportError is an import that stopped after some batches were
// written: the report counts what was written before it stopped.
type PartialImportError struct {
	Written int
	Err     error
}

func (e *PartialImportError) Error() string {
	return fmt.Sprintf("nhập dừng giữa chừng: %v; %d hồ sơ của các lô trước đã được ghi (nhập lại tệp sau khi sửa: nhập lại không thay đổi những gì đã đúng)", e.Err, e.Written)
}

func (e *PartialImportError) Unwrap() error { return e.Err }

// asPartial wraps an error of the writing pass once something was written.
func asPartial(rep *ImportReport, err error) error {
	var race *errMergeRace
	if errors.As(err, &race) {
		for i := range race.rows {
			rep.reject(&race.rows[i])
		}
	}
	if err != nil && rep.Imported > 0 {
		return &PartialImportError{Written: rep.Imported, Err: err}
	}
	return err
}

func hasUnit(units map[string]int64, code string) bool {
	_, ok := units[code]
	return ok
}
