package plan

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"
	"unicode"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// SeedPlan is the real plan the project started from: the 2023 PAPI plan
// of Hưng Yên's Department of Information and Communications. The demo
// imports it, so it ships in the binary.
//
//go:embed data/ke-hoach-papi-2023-so-tttt-hung-yen.md
var SeedPlan []byte

// UnitRefs lists the units in the subtree at path open on day, the root
// first, for matching the unit names a plan document writes: a division
// closed before the plan (merged, dissolved) is not one it can assign.
func (s *Store) UnitRefs(ctx context.Context, path string, day time.Time) ([]UnitRef, error) {
	d := db.FormatDate(day)
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, name, short_name FROM units
WHERE path LIKE $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to = '' OR valid_to >= $2) ORDER BY level, sort_key`, path+"%", d)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnitRef
	for rows.Next() {
		var u UnitRef
		if err := rows.Scan(&u.ID, &u.Name, &u.Short); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SaveDraft saves a reviewed draft as a plan of the unit: InputFromDraft,
// then CreatePlan. The problems are what InputFromDraft chose for the
// reviewer (tasks led by the issuer until assigned, deadlines not
// understood).
func (s *Store) SaveDraft(ctx context.Context, actor audit.Actor, d Draft, unitID int64) (int64, []Problem, error) {
	unit, err := loadUnit(ctx, s.db.R, unitID)
	if err != nil {
		return 0, nil, fmt.Errorf("plan: issuer: %w", err)
	}
	day := PlanInput{IssueDate: d.Date, Year: d.Year}.referenceDay()
	refs, err := s.UnitRefs(ctx, unit.Path, day)
	if err != nil {
		return 0, nil, err
	}
	in, probs := InputFromDraft(d, unitID, refs)
	id, err := s.CreatePlan(ctx, actor, in)
	return id, probs, err
}

// Import reads a plan document and saves it as a draft plan of the unit in
// one step. A document that is not a plan is refused (ErrNotAPlan), as is a
// draft with an error-level problem such as a missing title.
func (s *Store) Import(ctx context.Context, actor audit.Actor, data []byte, name string, unitID int64) (int64, []Problem, error) {
	d, probs, err := Parse(bytes.NewReader(data), name)
	if err != nil {
		return 0, probs, err
	}
	// No review page here: what the draft could not place is told line by
	// line with the other problems.
	for _, u := range d.Unplaced {
		probs = append(probs, Problem{Line: u.Line, Message: "Không đưa vào kế hoạch: “" + clip(u.Text) + "”", Severity: SevInfo})
	}
	id, more, err := s.SaveDraft(ctx, actor, d, unitID)
	return id, append(probs, more...), err
}

// CreateFromTemplate creates the unit's "Kế hoạch nâng cao Chỉ số PAPI năm
// N" from the template in one action: the parent body and place come from
// the organisation tree, every task is led by the unit until assigned.
func (s *Store) CreateFromTemplate(ctx context.Context, actor audit.Actor, unitID int64, year int) (int64, error) {
	unit, err := loadUnit(ctx, s.db.R, unitID)
	if err != nil {
		return 0, web.Invalid("unit_id", "plan.unit.unknown")
	}
	parentBody, place, err := s.parentAndPlace(ctx, unit)
	if err != nil {
		return 0, err
	}
	d := Template(year, unit.Name, parentBody, place)
	id, _, err := s.SaveDraft(ctx, actor, d, unitID)
	return id, err
}

// parentAndPlace reads the parent body of a unit for the document header
// ("UBND TỈNH HƯNG YÊN") and the place of its date line ("Hưng Yên") from
// the root of its tree.
func (s *Store) parentAndPlace(ctx context.Context, u unitInfo) (string, string, error) {
	var parent, root string
	err := s.db.R.QueryRowContext(ctx, `
SELECT COALESCE((SELECT p.name FROM units c JOIN units p ON p.id = c.parent_id WHERE c.id = $1), ''),
	COALESCE((SELECT r.name FROM units r WHERE r.level = 0 AND $2 LIKE r.path || '%' ORDER BY r.id LIMIT 1), '')`, u.ID, u.Path).Scan(&parent, &root)
	if err != nil {
		return "", "", err
	}
	place := root
	for _, prefix := range []string{"UBND tỉnh ", "UBND thành phố ", "Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân thành phố "} {
		place = strings.TrimPrefix(place, prefix)
	}
	return strings.ToUpper(parent), place, nil
}

// DerivePlan creates a unit's plan from a parent plan (a department's from
// the province's): its basis links to the parent, and it copies the tasks
// chosen (all when none is), each remembering the task it came from and
// led by the new plan's unit until assigned.
func (s *Store) DerivePlan(ctx context.Context, actor audit.Actor, parentID, unitID int64, taskIDs []int64) (int64, error) {
	parent, err := s.Plan(ctx, parentID)
	if err != nil {
		return 0, err
	}
	unit, err := loadUnit(ctx, s.db.R, unitID)
	if err != nil {
		return 0, web.Invalid("unit_id", "plan.unit.unknown")
	}
	chosen := map[int64]bool{}
	for _, id := range taskIDs {
		chosen[id] = true
	}
	parentBody, place, err := s.parentAndPlace(ctx, unit)
	if err != nil {
		return 0, err
	}
	ref := parent.NumberSymbol()
	basis := "Căn cứ Kế hoạch"
	if parent.Number != "" {
		basis += " số " + ref
	}
	basis += " của " + parent.UnitName + " về " + lowerFirst(parent.Title) + ";"
	in := PlanInput{UnitID: unitID, Title: parent.Title, ParentBody: parentBody, Place: place, Year: parent.Year, DerivedFrom: parentID,
		Basis: []PlanBasis{{Text: basis, Refs: nonEmpty(ref), ParentID: parentID}}, Purposes: parent.Purposes, Requirements: parent.Requirements,
		Baselines:  parent.Baselines, // PAPI scores a province: the parent's standing is the unit's
		Recipients: []string{parent.UnitName, "Lưu: VT"}, Signer: Signer{Title: signerTitle(unit.Name)}}
	for _, sec := range parent.Sections {
		tasks, _, err := s.Tasks(ctx, TaskFilter{PlanID: parentID, SectionID: sec.ID, PerPage: 1000})
		if err != nil {
			return 0, err
		}
		si := SectionInput{Dimension: sec.Dimension, Also: sec.Also, Heading: sec.Heading, Intro: sec.Intro}
		for _, t := range tasks {
			if len(chosen) > 0 && !chosen[t.ID] {
				continue
			}
			ti := t.input()
			ti.LeadUnitID, ti.Coordinators, ti.Assignees, ti.SourceTaskID = unitID, nil, nil, t.ID
			si.Tasks = append(si.Tasks, ti)
		}
		if len(si.Tasks) > 0 {
			in.Sections = append(in.Sections, si)
		}
	}
	return s.CreatePlan(ctx, actor, in)
}

func nonEmpty(s string) []string {
	if s == "" || s == "/" {
		return []string{}
	}
	return []string{s}
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}
