package tthc

import (
	"context"
	"database/sql"
	"fmt"

	"papihub/internal/audit"
)

// mayChange says whether the importer's caller may change the stored
// dossier code, held by unit, as the row at line asks. resolve has checked
// the unit the row names; this checks the unit holding the dossier today,
// so that nobody pushes another unit's dossier into their own (and then
// reads its applicant's personal data there) or updates it in place.
func (im *Importer) mayChange(code string, unit int64, line int) *RowError {
	if im.Allow == nil {
		return nil
	}
	holder, ok := im.unitByID[unit]
	if ok && im.Allow(holder.path) {
		return nil
	}
	name := holder.code
	if !ok {
		name = fmt.Sprint(unit)
	}
	return &RowError{Line: line, Field: "MaHoSo",
		Reason: fmt.Sprintf("hồ sơ %s thuộc đơn vị %q: không có quyền cập nhật hồ sơ của đơn vị này", code, name)}
}

// changeLog names the dossiers one batch changed, for its audit entry: every
// code, and each move from one unit to another with both units' codes.
type changeLog struct {
	units map[int64]unitRef
	seen  map[string]bool
	codes []string
	moved []unitMove
}

// unitMove is a dossier that changed unit, as the audit entry records it.
type unitMove struct {
	Code     string `json:"code"`
	From     string `json:"from"`
	To       string `json:"to"`
	fromUnit int64
}

func (im *Importer) newChangeLog() *changeLog {
	return &changeLog{units: im.unitByID, seen: map[string]bool{}, codes: []string{}, moved: []unitMove{}}
}

func (c *changeLog) add(old, next *StoredDossier) {
	if !c.seen[next.Code] {
		c.seen[next.Code] = true
		c.codes = append(c.codes, next.Code)
	}
	if old != nil && old.Unit != next.Unit {
		c.moved = append(c.moved, unitMove{Code: next.Code, From: c.units[old.Unit].code, To: c.units[next.Unit].code, fromUnit: old.Unit})
	}
}

// auditMoves gives each move an entry of its own under the unit that lost
// the dossier, so that the unit's administrators, who browse only their
// units' entries, see it leave.
func (c *changeLog) auditMoves(ctx context.Context, tx *sql.Tx, actor audit.Actor) error {
	for _, m := range c.moved {
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "move", Entity: "tthc_dossiers", EntityID: m.Code, UnitID: m.fromUnit,
			Summary: fmt.Sprintf("%s: %s → %s", m.Code, m.From, m.To), Before: map[string]string{"unit": m.From}, After: map[string]string{"unit": m.To}}); err != nil {
			return err
		}
	}
	return nil
}
