package tabular

import (
	"cmp"
	"slices"
)

// MaxReportedErrors bounds the per-row errors an import report keeps: a
// file that is wrong throughout is told by its first thousand rows, and the
// answer stays small enough to show.
const MaxReportedErrors = 1000

// Rejections is the refused part of an import report: how many rows were
// refused, and the errors of the first MaxReportedErrors, each with its line.
// Import reports embed it, so that the JSON keeps "rejected" and "errors".
type Rejections struct {
	Rejected int        `json:"rejected"`
	Errors   []RowError `json:"errors,omitempty"` // the first MaxReportedErrors
}

// Reject counts one refused row with its errors.
func (r *Rejections) Reject(errs ...RowError) {
	r.Rejected++
	for _, e := range errs {
		if len(r.Errors) < MaxReportedErrors {
			r.Errors = append(r.Errors, e)
		}
	}
}

// SortByLine orders the errors as the file reads, keeping a row's own
// errors in the order they were found (checks run in passes, not by line).
func (r *Rejections) SortByLine() {
	slices.SortStableFunc(r.Errors, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
}
