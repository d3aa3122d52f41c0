package survey

import (
	"context"
	"strconv"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/vn"
)

// An ImportReport is the outcome of importing export files into a form.
type ImportReport struct {
	ImportResult
	Batch *Batch
	// Refused: some rows were rejected and the caller did not ask to skip
	// them, so nothing was stored.
	Refused bool
}

// Rejected counts the rows that were not imported because of their values.
func (r ImportReport) Rejected() int {
	if r.Batch == nil {
		return 0
	}
	lines := map[string]bool{}
	for _, e := range r.Batch.Rejected {
		lines[e.File+":"+strconv.Itoa(e.Line)] = true
	}
	return len(lines)
}

// ImportFiles reads Kobo/ODK export files against the stored form and
// stores their responses, de-duplicated against what the form holds. With
// rejected rows it stores nothing unless skipInvalid, so that a file is never
// half-imported by accident. The error is for files that cannot be read as
// exports at all and for storage failures.
func (s *Store) ImportFiles(ctx context.Context, actor audit.Actor, sf StoredForm, files []NamedReader, opts ImportOptions, skipInvalid bool) (ImportReport, error) {
	known, err := s.KnownInstanceIDs(ctx, sf.ID)
	if err != nil {
		return ImportReport{}, err
	}
	opts.KnownIDs = known
	batch, err := ReadResponses(sf.Form, files, opts)
	if err != nil {
		return ImportReport{}, err
	}
	rep := ImportReport{Batch: batch, ImportResult: ImportResult{Duplicates: batch.Duplicates}}
	if len(batch.Rejected) > 0 && !skipInvalid {
		rep.Refused = true
		return rep, nil
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	res, err := s.ImportResponses(ctx, actor, sf.ID, batch, strings.Join(names, ", "))
	if err != nil {
		return ImportReport{}, err
	}
	rep.ImportResult = res
	return rep, nil
}

// UnitMatcher maps the unit column of an export to unit ids: a value matches
// a unit's code exactly, or its name or short name without regard to case and
// diacritics ("xa nghia tru" is Xã Nghĩa Trụ). Names shared by two units
// match neither, so a response is never counted for the wrong one.
func UnitMatcher(units []org.Unit) func(string) (string, bool) {
	byCode := map[string]int64{}
	byName := map[string]int64{}
	for _, u := range units {
		byCode[strings.ToLower(u.Code)] = u.ID
		for _, n := range []string{u.Name, u.ShortName} {
			if n == "" {
				continue
			}
			k := vn.Fold(n)
			if old, dup := byName[k]; dup && old != u.ID {
				byName[k] = -1
			} else {
				byName[k] = u.ID
			}
		}
	}
	return func(v string) (string, bool) {
		v = strings.TrimSpace(v)
		if id, ok := byCode[strings.ToLower(v)]; ok {
			return strconv.FormatInt(id, 10), true
		}
		if id, ok := byName[vn.Fold(v)]; ok && id > 0 {
			return strconv.FormatInt(id, 10), true
		}
		return "", false
	}
}
