package province

import (
	"cmp"
	"slices"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
)

// ReportState is where a unit's periodic report for a period stands.
type ReportState string

const (
	ReportMissing   ReportState = "missing"   // nothing issued, nothing submitted
	ReportIssued    ReportState = "issued"    // issued in the register, no round to submit it to
	ReportPending   ReportState = "pending"   // the round waits for it
	ReportSubmitted ReportState = "submitted" // in the round, waiting for Home Affairs
	ReportReturned  ReportState = "returned"  // returned for corrections
	ReportAccepted  ReportState = "accepted"
)

// A Row is one reporting unit on the dashboard.
type Row struct {
	Unit     org.Unit
	Progress Progress
	Index    IndexScore // for the period
	Previous IndexScore // for the period before
	Report   ReportState
	Late     bool  // the round's deadline passed without an accepted or submitted report
	ReportID int64 // the issued report behind Report, 0 for none
}

// Trend is the change of the index from the previous period; ok is false
// when either is unknown.
func (r Row) Trend() (float64, bool) {
	if !r.Index.Known || !r.Previous.Known {
		return 0, false
	}
	return r.Index.Total - r.Previous.Total, true
}

// Reported says the unit's report reached Home Affairs (or the register,
// when no round asks for it).
func (r Row) Reported() bool {
	return r.Report == ReportSubmitted || r.Report == ReportAccepted || r.Report == ReportIssued
}

// Search keeps the rows whose unit name, short name or code contains q,
// without regard to diacritics or case ("so noi vu" finds "Sở Nội vụ").
func Search(rows []Row, q string) []Row {
	q = vn.Fold(strings.TrimSpace(q))
	if q == "" {
		return rows
	}
	var out []Row
	for _, r := range rows {
		if strings.Contains(vn.Fold(r.Unit.Name), q) || strings.Contains(vn.Fold(r.Unit.ShortName), q) ||
			strings.Contains(vn.Fold(r.Unit.Code), q) {
			out = append(out, r)
		}
	}
	return out
}

// SortKeys are the columns the dashboard sorts by.
var SortKeys = []string{"name", "progress", "overdue", "index", "trend", "report"}

// reportOrder puts the states that need Home Affairs' attention first.
var reportOrder = map[ReportState]int{ReportReturned: 0, ReportPending: 1, ReportMissing: 2, ReportSubmitted: 3, ReportIssued: 4, ReportAccepted: 5}

// Sort orders rows by key (one of SortKeys; anything else sorts by name),
// descending when desc, ties by name in Vietnamese order. Unknown index
// figures sort last either way, so a unit without dossiers never tops a
// ranking.
func Sort(rows []Row, key string, desc bool) {
	byName := func(a, b Row) int { return vn.Compare(a.Unit.Name, b.Unit.Name) }
	dir := func(c int) int {
		if desc {
			return -c
		}
		return c
	}
	known := func(a, b bool) (int, bool) {
		switch {
		case a && !b:
			return -1, true
		case !a && b:
			return 1, true
		}
		return 0, !a // both unknown: fall through to the name
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		var c int
		switch key {
		case "progress":
			c = dir(cmp.Compare(a.Progress.Percent(), b.Progress.Percent()))
		case "overdue":
			c = dir(cmp.Compare(a.Progress.Overdue, b.Progress.Overdue))
		case "index":
			if k, done := known(a.Index.Known, b.Index.Known); done {
				c = k
			} else {
				c = dir(cmp.Compare(a.Index.Total, b.Index.Total))
			}
		case "trend":
			ta, oka := a.Trend()
			tb, okb := b.Trend()
			if k, done := known(oka, okb); done {
				c = k
			} else {
				c = dir(cmp.Compare(ta, tb))
			}
		case "report":
			c = dir(cmp.Compare(reportOrder[a.Report], reportOrder[b.Report]))
		default:
			c = dir(byName(a, b))
		}
		return cmp.Or(c, byName(a, b))
	})
}

// Totals adds the rows up: the province's progress, how many units reported,
// how many are late, and the mean index of the units with one.
type Totals struct {
	Progress  Progress
	Units     int
	Reported  int
	Late      int
	Returned  int
	IndexMean IndexScore
}

// Total sums rows.
func Total(rows []Row) Totals {
	var t Totals
	sum, n := 0.0, 0
	for _, r := range rows {
		t.Units++
		t.Progress.Add(r.Progress)
		if r.Reported() {
			t.Reported++
		}
		if r.Late {
			t.Late++
		}
		if r.Report == ReportReturned {
			t.Returned++
		}
		if r.Index.Known {
			sum += r.Index.Total
			n++
		}
	}
	if n > 0 {
		t.IndexMean = IndexScore{Total: sum / float64(n), Known: true}
	}
	return t
}
