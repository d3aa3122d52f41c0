package reception

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzDecoder feeds arbitrary CSV to the feedback decoder: it must never
// panic, a refused row always says why, and an accepted row is a valid
// entry whose answer, if any, is dated.
func FuzzDecoder(f *testing.F) {
	for _, name := range []string{"feedback_basic.csv", "feedback_bad.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	today := on("2026-03-10")
	f.Fuzz(func(t *testing.T, b []byte) {
		dec, err := NewDecoder(bytes.NewReader(b), "csv")
		if err != nil {
			return
		}
		defer dec.Close()
		for range 1000 {
			row, err := dec.Next(today)
			if errors.Is(err, io.EOF) {
				return
			}
			var de *DecodeError
			if errors.As(err, &de) {
				if len(de.Errors) == 0 {
					t.Fatalf("a refused row without a reason at line %d", de.Line)
				}
				continue
			}
			if err != nil {
				return
			}
			e := row.Entry
			if errs := e.Validate(today, ""); errs.Any() || row.Code == "" {
				t.Fatalf("accepted row %d is invalid: %v", row.Line, errs)
			}
			if (row.Answer == "") != row.AnsweredOn.IsZero() {
				t.Fatalf("row %d: an answer without its day or a day without its answer", row.Line)
			}
		}
	})
}
