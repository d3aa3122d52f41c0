package legaldoc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzDecoder feeds arbitrary CSV to the register decoder: it must never
// panic, and every row it accepts must be a valid document whose relations
// each name a number.
func FuzzDecoder(f *testing.F) {
	for _, name := range []string{"register_basic.csv", "register_legal_list.csv", "register_english.csv", "register_bad.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Số ký hiệu,Trích yếu,Thay thế\n1/QĐ,x,\"2/QĐ (Điều 1; (khoản 2)\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dec, err := NewDecoder(bytes.NewReader(b), "csv")
		if err != nil {
			return
		}
		defer dec.Close()
		for range 1000 {
			row, err := dec.Next()
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
			if errs := row.Doc.Validate(); errs.Any() {
				t.Fatalf("accepted row %d is invalid: %v", row.Line, errs)
			}
			for _, r := range row.Relations {
				if r.Number == "" {
					t.Fatalf("row %d: a relation without a number", row.Line)
				}
			}
		}
	})
}

// FuzzRelationCell: any text either reads as relations that each name a
// number, or is refused with a reason.
func FuzzRelationCell(f *testing.F) {
	for _, s := range []string{"12/2024/QĐ-UBND (Điều 3, khoản 2 Điều 5); 05/2023/NQ-HĐND", "01/CT-UBND: Mục II", "02/2024/QĐ-UBND (đến 30/06/2024)", "((;;))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		refs, err := ParseRelationCell(Suspends, false, s)
		if err != nil {
			return
		}
		for _, r := range refs {
			if r.Number == "" || NumberKey(r.Number) == "" {
				t.Fatalf("%q gave a relation without a number", s)
			}
		}
	})
}
