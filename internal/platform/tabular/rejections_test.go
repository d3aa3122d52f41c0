package tabular

import (
	"reflect"
	"testing"
)

func TestRejectionsCountEveryRowButKeepTheFirstErrors(t *testing.T) {
	var r Rejections
	for line := MaxReportedErrors + 2; line > 1; line-- {
		r.Reject(RowError{Line: line, Reason: "a"})
	}
	r.Reject() // a row refused for another row's sake, with no error of its own
	if r.Rejected != MaxReportedErrors+2 || len(r.Errors) != MaxReportedErrors {
		t.Fatalf("rejected %d with %d errors, want %d with %d", r.Rejected, len(r.Errors), MaxReportedErrors+2, MaxReportedErrors)
	}
	r.SortByLine()
	if r.Errors[0].Line != 3 || r.Errors[len(r.Errors)-1].Line != MaxReportedErrors+2 {
		t.Fatalf("errors from line %d to %d, want 3 to %d", r.Errors[0].Line, r.Errors[len(r.Errors)-1].Line, MaxReportedErrors+2)
	}
}

func TestSortByLineKeepsARowsErrorsInOrder(t *testing.T) {
	r := Rejections{Errors: []RowError{{Line: 5, Column: "b"}, {Line: 2}, {Line: 5, Column: "a"}}}
	r.SortByLine()
	want := []RowError{{Line: 2}, {Line: 5, Column: "b"}, {Line: 5, Column: "a"}}
	if !reflect.DeepEqual(r.Errors, want) {
		t.Fatalf("%v, want %v", r.Errors, want)
	}
}
