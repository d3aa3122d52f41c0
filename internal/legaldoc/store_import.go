package legaldoc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"

	"papihub/internal/audit"
	"papihub/internal/platform/tabular"
)

// ImportReport counts what an import did: rows whose document or relations
// were added or changed, rows already as the file says, and rows refused,
// each refusal with its line, column and reason.
type ImportReport struct {
	Imported  int `json:"imported"`
	Unchanged int `json:"unchanged"`
	tabular.Rejections
	Applied bool `json:"applied"` // false when the file was rejected whole
}

// pending is one row of a file on its way in.
type pending struct {
	row    Row
	id     int64 // the stored document's, once known
	old    *Document
	rels   []Relation // resolved
	errs   []tabular.RowError
	change bool
}

// Import reads a register file into the register of unitID in one
// transaction. A new number adds a document, a known one (NumberKey) takes
// the file's fields; relations are added (or their provisions and dates
// updated), never removed, so that importing the same file again changes
// nothing. A row is refused for a bad field, a relation to a document that
// is neither in the register nor in the file, one to a refused row, or one
// that closes a loop. With a refused row the whole file is refused and
// nothing changes, unless skipInvalid, when the other rows are applied.
func (s *Store) Import(ctx context.Context, actor audit.Actor, unitID int64, dec *Decoder, skipInvalid bool) (ImportReport, error) {
	var rows []*pending
	for {
		row, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var de *DecodeError
		var re *tabular.RowError
		switch {
		case errors.As(err, &de):
			rows = append(rows, &pending{row: Row{Line: de.Line}, errs: de.Errors})
			continue
		case errors.As(err, &re):
			rows = append(rows, &pending{row: Row{Line: re.Line}, errs: []tabular.RowError{*re}})
			continue
		case err != nil:
			return ImportReport{}, err
		}
		row.Doc.UnitID = unitID
		rows = append(rows, &pending{row: row})
	}
	var rep ImportReport
	errRejected := errors.New("rejected")
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		existing, err := loadDocuments(ctx, tx, unitID)
		if err != nil {
			return err
		}
		stored, err := loadRelations(ctx, tx, unitID)
		if err != nil {
			return err
		}
		s.resolve(rows, existing, stored)
		for _, p := range rows {
			if len(p.errs) > 0 {
				rep.Reject(p.errs...)
			}
		}
		if rep.Rejected > 0 && !skipInvalid {
			return errRejected
		}
		if err := s.applyImport(ctx, tx, actor, unitID, rows, stored, &rep); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "import", Entity: "legal_documents", UnitID: unitID,
			Summary: fmt.Sprintf("Nhập sổ văn bản: %d dòng mới hoặc thay đổi, %d không đổi, %d bị từ chối", rep.Imported, rep.Unchanged, rep.Rejected),
			After:   map[string]int{"imported": rep.Imported, "unchanged": rep.Unchanged, "rejected": rep.Rejected}}); err != nil {
			return err
		}
		rep.Applied = true
		return s.rederive(ctx, tx, unitID)
	})
	rep.SortByLine()
	if errors.Is(err, errRejected) {
		return rep, nil
	}
	return rep, err
}

// resolve checks what only the whole file and the register can tell: a
// number twice in the file, relations to documents neither has, to refused
// rows, and loops. Refusing a row can strand relations of other rows that
// point at it, so it repeats until nothing more is refused.
func (s *Store) resolve(rows []*pending, existing []Document, stored []Relation) {
	byKey := map[string]int64{}
	for i := range existing {
		byKey[NumberKey(existing[i].Number)] = existing[i].ID
	}
	// Rows get provisional IDs: a known document's own, a new one a
	// negative number, so relations can be checked before anything is
	// written.
	fileRow := map[string]*pending{}
	next := int64(-1)
	for _, p := range rows {
		if len(p.errs) > 0 {
			continue
		}
		key := NumberKey(p.row.Doc.Number)
		if other, dup := fileRow[key]; dup {
			p.errs = append(p.errs, tabular.RowError{Line: p.row.Line, Column: "Số ký hiệu",
				Reason: fmt.Sprintf("số, ký hiệu %s đã có ở dòng %d của tệp", p.row.Doc.Number, other.row.Line)})
			continue
		}
		fileRow[key] = p
		if id, ok := byKey[key]; ok {
			p.id = id
			for i := range existing {
				if existing[i].ID == id {
					p.old = &existing[i]
				}
			}
		} else {
			p.id = next
			next--
		}
	}
	known := map[relKey]*Relation{}
	for i := range stored {
		known[keyOf(stored[i])] = &stored[i]
	}
	for changed := true; changed; {
		changed = false
		// Resolve every accepted row's relations; then refuse the rows whose
		// relations lie on a loop, and start again while refusals strand
		// other rows' relations.
		type fileRel struct {
			p   *pending
			ref RelationRef
		}
		graph := slices.Clone(stored)
		var origin []*fileRel // by graph index past the stored ones
		seen := map[relKey]bool{}
		for _, p := range rows {
			p.rels = p.rels[:0]
			if len(p.errs) > 0 {
				continue
			}
			var errs []tabular.RowError
			for _, ref := range p.row.Relations {
				key := NumberKey(ref.Number)
				other, ok := byKey[key]
				if q := fileRow[key]; q != nil {
					if len(q.errs) > 0 {
						errs = append(errs, tabular.RowError{Line: p.row.Line, Column: ref.Column,
							Reason: fmt.Sprintf("văn bản %s ở dòng %d bị từ chối", ref.Number, q.row.Line)})
						continue
					}
					other, ok = q.id, true
				}
				if !ok {
					errs = append(errs, tabular.RowError{Line: p.row.Line, Column: ref.Column,
						Reason: fmt.Sprintf("văn bản %s không có trong sổ và trong tệp", ref.Number)})
					continue
				}
				r := Relation{SourceID: p.id, TargetID: other, Kind: ref.Kind, Provisions: ref.Provisions, StartsOn: ref.StartsOn, Until: ref.Until}
				if ref.Inverse {
					r.SourceID, r.TargetID = other, p.id
				}
				if r.SourceID == r.TargetID {
					errs = append(errs, tabular.RowError{Line: p.row.Line, Column: ref.Column, Reason: "văn bản không thể có quan hệ với chính nó"})
					continue
				}
				k := keyOf(r)
				if seen[k] {
					continue // the other document's row names it too
				}
				seen[k] = true
				if old := known[k]; old != nil {
					r.ID = old.ID
				} else {
					graph = append(graph, r)
					origin = append(origin, &fileRel{p: p, ref: ref})
				}
				p.rels = append(p.rels, r)
			}
			if len(errs) > 0 {
				p.errs, changed = errs, true
			}
		}
		if changed {
			continue
		}
		for _, i := range Loops(graph) {
			if i < len(stored) {
				continue // a loop already stored is not this file's doing
			}
			o := origin[i-len(stored)]
			o.p.errs = append(o.p.errs, tabular.RowError{Line: o.p.row.Line, Column: o.ref.Column,
				Reason: fmt.Sprintf("quan hệ với %s tạo thành vòng (hai văn bản tác động lên nhau, trực tiếp hoặc qua văn bản khác)", o.ref.Number)})
			changed = true
		}
	}
}

// relKey names a relation by its sides and kind.
type relKey struct {
	src, tgt int64
	kind     RelationKind
}

func keyOf(r Relation) relKey { return relKey{r.SourceID, r.TargetID, r.Kind} }

// applyImport writes the accepted rows: documents first (so that new ones
// get their IDs), then their relations.
func (s *Store) applyImport(ctx context.Context, tx *sql.Tx, actor audit.Actor, unitID int64, rows []*pending, stored []Relation, rep *ImportReport) error {
	ids := map[int64]int64{} // provisional → stored
	for _, p := range rows {
		if len(p.errs) > 0 {
			continue
		}
		d := p.row.Doc
		switch {
		case p.old == nil:
			id, err := s.insertDocument(ctx, tx, d)
			if err != nil {
				return err
			}
			ids[p.id] = id
			p.change = true
			if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "legal_documents", EntityID: audit.ID(id),
				UnitID: unitID, Summary: d.Number + " " + d.Title, After: documentAudit(d)}); err != nil {
				return err
			}
		case fmt.Sprint(documentAudit(*p.old)) != fmt.Sprint(documentAudit(d)):
			d.ID = p.id
			if err := s.updateDocument(ctx, tx, d); err != nil {
				return err
			}
			p.change = true
			if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "legal_documents", EntityID: audit.ID(d.ID),
				UnitID: unitID, Summary: d.Number + " " + d.Title, Before: documentAudit(*p.old), After: documentAudit(d)}); err != nil {
				return err
			}
		}
	}
	storedID := func(id int64) int64 {
		if id < 0 {
			return ids[id]
		}
		return id
	}
	byID := map[int64]*Relation{}
	for i := range stored {
		byID[stored[i].ID] = &stored[i]
	}
	for _, p := range rows {
		if len(p.errs) > 0 {
			continue
		}
		var added []map[string]any
		for _, r := range p.rels {
			r.SourceID, r.TargetID = storedID(r.SourceID), storedID(r.TargetID)
			if old := byID[r.ID]; old != nil {
				if old.Provisions == r.Provisions && old.StartsOn.Equal(r.StartsOn) && old.Until.Equal(r.Until) {
					continue
				}
				if _, err := tx.ExecContext(ctx, `UPDATE legal_relations SET provisions = $2, starts_on = $3, until_on = $4 WHERE id = $1`,
					r.ID, r.Provisions, fmtDay(r.StartsOn), fmtDay(r.Until)); err != nil {
					return fmt.Errorf("legaldoc: import relation: %w", err)
				}
			} else if _, err := s.insertRelation(ctx, tx, unitID, r); err != nil {
				return err
			}
			added = append(added, relationAudit(r))
		}
		if len(added) > 0 {
			p.change = true
			if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "legal_relations", UnitID: unitID,
				Summary: "Quan hệ của " + p.row.Doc.Number, After: added}); err != nil {
				return err
			}
		}
		if p.change {
			rep.Imported++
		} else {
			rep.Unchanged++
		}
	}
	return nil
}
