package inspection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/tabular"
	"papihub/internal/platform/web"
)

// ImportReport counts what an import did: conclusions added with their
// recommendations, conclusions already in the register (left as they are),
// and rows refused, each refusal with its line, column and reason.
type ImportReport struct {
	Imported        int `json:"imported"`
	Recommendations int `json:"recommendations"`
	Unchanged       int `json:"unchanged"`
	tabular.Rejections
	Applied bool `json:"applied"` // false when the file was rejected whole
}

// group is one conclusion of a file: its rows in order.
type group struct {
	c     Conclusion
	lines []int
	errs  [][]tabular.RowError // by row
	bad   bool
}

// Import reads a register file into the register of unitID in one
// transaction. Rows with the same number make one conclusion; a conclusion
// already in the register is left as it is, so that importing the same
// file again changes nothing. A conclusion is refused for a bad row, rows
// that disagree on its own columns, or recommendations the rules refuse (a
// deadline before its date, more recovered than due); every bad row is
// reported with its line. With a refused conclusion the whole file is
// refused and nothing changes, unless skipInvalid, when the other
// conclusions are added.
func (s *Store) Import(ctx context.Context, actor audit.Actor, unitID int64, dec *Decoder, skipInvalid bool) (ImportReport, error) {
	unit, err := s.Unit(ctx, unitID)
	if err != nil {
		return ImportReport{}, err
	}
	units, err := s.Units(ctx, unit.Path)
	if err != nil {
		return ImportReport{}, err
	}
	byName := map[string]int64{}
	for _, u := range units {
		byName[tabular.HeaderKey(u.Code)] = u.ID
		byName[tabular.HeaderKey(u.Name)] = u.ID
	}
	var order []*group
	groups := map[string]*group{}
	var loose []tabular.RowError // rows without a conclusion to belong to
	for {
		row, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var de *DecodeError
		var re *tabular.RowError
		switch {
		case errors.As(err, &de) && row.Conclusion.Number == "":
			loose = append(loose, de.Errors...)
			continue
		case errors.As(err, &re):
			loose = append(loose, *re)
			continue
		case err != nil && !errors.As(err, &de):
			return ImportReport{}, err
		}
		key := NumberKey(row.Conclusion.Number)
		g := groups[key]
		if g == nil {
			g = &group{c: row.Conclusion}
			g.c.UnitID = unitID
			groups[key] = g
			order = append(order, g)
		}
		var rowErrs []tabular.RowError
		if de != nil {
			rowErrs = de.Errors
		}
		if why := g.disagrees(row.Conclusion); why != "" {
			rowErrs = append(rowErrs, tabular.RowError{Line: row.Line, Column: dec.title(colNumber),
				Reason: fmt.Sprintf("kết luận %s ở dòng %d ghi %s khác", row.Conclusion.Number, g.lines[0], why)})
		}
		row.Rec.ResponsibleID = byName[tabular.HeaderKey(row.Responsible)]
		if row.Rec.ResponsibleID == 0 && row.Responsible != "" {
			rowErrs = append(rowErrs, tabular.RowError{Line: row.Line, Column: dec.title(colResponsible),
				Reason: fmt.Sprintf("không có đơn vị %q trong %s và các đơn vị trực thuộc", row.Responsible, unit.Name)})
		}
		g.c.Recommendations = append(g.c.Recommendations, row.Rec)
		g.lines = append(g.lines, row.Line)
		g.errs = append(g.errs, rowErrs)
	}
	var rep ImportReport
	for _, e := range loose {
		rep.Reject(e)
	}
	today := s.Today()
	for _, g := range order {
		g.check(dec, today)
	}
	errRejected := errors.New("rejected")
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		responsible := map[int64]bool{}
		for _, g := range order {
			if g.bad {
				continue
			}
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_conclusions WHERE unit_id = $1 AND number_key = $2`,
				unitID, NumberKey(g.c.Number)).Scan(&exists); err != nil {
				return err
			}
			if exists > 0 {
				rep.Unchanged++
				continue
			}
			id, err := s.insertConclusion(ctx, tx, actor, g.c)
			if err != nil {
				return fmt.Errorf("inspection: import %s (dòng %d): %w", g.c.Number, g.lines[0], err)
			}
			g.c.ID = id
			for k := range responsibleOf(g.c) {
				responsible[k] = true
			}
			if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "inspection_conclusions", EntityID: audit.ID(id),
				UnitID: unitID, Summary: g.c.Number + " " + g.c.Issuer, After: conclusionAudit(g.c)}); err != nil {
				return err
			}
			rep.Imported++
			rep.Recommendations += len(g.c.Recommendations)
		}
		for _, g := range order {
			if g.bad {
				for _, errs := range g.errs {
					rep.Reject(errs...)
				}
			}
		}
		if rep.Rejected > 0 && !skipInvalid {
			return errRejected
		}
		if err := s.rederiveRepeats(ctx, tx, responsible); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "import", Entity: "inspection_conclusions", UnitID: unitID,
			Summary: fmt.Sprintf("Nhập sổ kết luận: %d kết luận mới (%d kiến nghị), %d đã có, %d dòng bị từ chối", rep.Imported, rep.Recommendations, rep.Unchanged, rep.Rejected),
			After:   map[string]int{"imported": rep.Imported, "recommendations": rep.Recommendations, "unchanged": rep.Unchanged, "rejected": rep.Rejected}}); err != nil {
			return err
		}
		rep.Applied = true
		return nil
	})
	rep.SortByLine()
	if errors.Is(err, errRejected) {
		rep.Imported, rep.Recommendations, rep.Unchanged = 0, 0, 0
		return rep, nil
	}
	return rep, err
}

// disagrees names the conclusion's column another row of it writes
// differently ("ngày kết luận"), "" when they agree.
func (g *group) disagrees(c Conclusion) string {
	first := g.c
	switch {
	case !c.IssuedOn.Equal(first.IssuedOn):
		return "ngày kết luận"
	case !c.ReceivedOn.Equal(first.ReceivedOn):
		return "ngày nhận"
	case c.Issuer != "" && c.Issuer != first.Issuer:
		return "cơ quan ban hành"
	case c.Summary != "" && c.Summary != first.Summary:
		return "nội dung kết luận"
	}
	return ""
}

// check validates the gathered conclusion with the rules and spreads the
// refusals over its rows: a recommendation's to its row, the conclusion's
// to its first row; a conclusion with a bad row has each other row
// refused as part of it.
func (g *group) check(dec *Decoder, today time.Time) {
	for field, key := range g.c.Validate(today) {
		i, f := 0, field
		if m := rowField.FindStringSubmatch(field); m != nil {
			n, _ := strconv.Atoi(m[1]) // rowField matched digits
			i, f = n-1, m[2]
		}
		col := dec.title(fieldColumns[f])
		if slices.ContainsFunc(g.errs[i], func(e tabular.RowError) bool { return e.Column == col }) {
			continue // the cell was already refused as it was read
		}
		g.errs[i] = append(g.errs[i], tabular.RowError{Line: g.lines[i], Column: col, Reason: web.T("vi", key)})
	}
	first := -1
	for i, errs := range g.errs {
		if len(errs) > 0 && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return
	}
	g.bad = true
	for i := range g.errs {
		slices.SortFunc(g.errs[i], func(a, b tabular.RowError) int { return strings.Compare(a.Column, b.Column) })
		if len(g.errs[i]) == 0 {
			g.errs[i] = []tabular.RowError{{Line: g.lines[i], Column: dec.title(colNumber),
				Reason: fmt.Sprintf("kết luận %s có dòng lỗi (dòng %d)", g.c.Number, g.lines[first])}}
		}
	}
}
