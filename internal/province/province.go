// Package province is the view Home Affairs and the leaders work from: the
// province dashboard (every reporting unit's plan progress, overdue work,
// service index and reports), the reporting rounds in which every agency
// and commune hands its periodic report to Home Affairs, and the
// consolidated province report built from them.
//
// It owns only the rounds; every figure comes from the capability that
// keeps it (plans, dossiers, official results), through Sources that
// cmd/papihub wires, so a figure here is the figure on the unit's own page.
package province

import (
	"context"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/registers"
)

// reportingKinds are the units that report to Home Affairs: the agencies
// (Home Affairs itself included) and the communes. Divisions and centres
// report through their agency.
var reportingKinds = []org.Kind{org.KindAgency, org.KindHomeAffairs, org.KindCommune}

// Reports reports whether units of kind k hand a periodic report to Home
// Affairs.
func Reports(k org.Kind) bool {
	for _, r := range reportingKinds {
		if r == k {
			return true
		}
	}
	return false
}

// Progress counts a unit's plan instances on a day, as the unit's plan
// pages count them.
type Progress struct {
	Total, Done, Submitted, Returned, Overdue, DueSoon int
}

// Percent is the share of instances accepted, 0–100.
func (p Progress) Percent() float64 {
	if p.Total == 0 {
		return 0
	}
	return 100 * float64(p.Done) / float64(p.Total)
}

// Add sums q into p.
func (p *Progress) Add(q Progress) {
	p.Total += q.Total
	p.Done += q.Done
	p.Submitted += q.Submitted
	p.Returned += q.Returned
	p.Overdue += q.Overdue
	p.DueSoon += q.DueSoon
}

// DimensionProgress is Progress under one PAPI dimension ("" for general
// tasks).
type DimensionProgress struct {
	Dimension string
	Progress
}

// IndexScore is a unit's service index (Decision 766) for a period; Known
// is false when the unit has nothing the index counts.
type IndexScore struct {
	Total float64
	Known bool
}

// Sources are the other capabilities' figures the province view reads,
// wired by cmd/papihub.
type Sources struct {
	// Progress counts, per issuing unit within scope (a path prefix), the
	// instances of its plans of year on today.
	Progress func(ctx context.Context, year int, scope string) (map[int64]Progress, error)
	// ProgressReads is what Progress reads (audit.Scope): the counts it
	// gives are kept until a change in it. The zero Scope: any change.
	ProgressReads audit.Scope
	// Dimensions counts the instances due within from..to of the plans of
	// year issued by the units, per dimension.
	Dimensions func(ctx context.Context, year int, unitIDs []int64, from, to time.Time) ([]DimensionProgress, error)
	// Index scores each unit for the period key ("2026Q3"). Units that all
	// sit directly under parent are scored in one pass over parent's
	// subtree; parent 0 scores them one by one.
	Index func(ctx context.Context, parent int64, unitIDs []int64, periodKey string) (map[int64]IndexScore, error)
	// Standing is the latest official PAPI standing of the province whose
	// root unit is given; ok false when the results name no such province.
	Standing func(ctx context.Context, provinceUnitID int64) (papi.Standing, bool, error)
	// Sections are the registers' report sections (feedback, complaints)
	// for a subtree and period.
	Sections func(ctx context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error)
}
