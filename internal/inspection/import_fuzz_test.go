package inspection

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzDecoder feeds arbitrary CSV to the register decoder: it must never
// panic, a refused row always says why, and a row it accepts names its
// conclusion, its responsible unit and a known kind and progress.
func FuzzDecoder(f *testing.F) {
	for _, name := range []string{"conclusions_basic.csv", "conclusions_bad.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Số kết luận,Nội dung kiến nghị,Loại,Đơn vị thực hiện,Số tiền phải thu hồi\n1/KL,x,thu hoi,A,\"1,5\"\n"))
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
			if row.Conclusion.Number == "" || row.Responsible == "" || !row.Rec.Kind.Valid() || !row.Rec.Progress.Valid() || !row.Conclusion.Source.Valid() {
				t.Fatalf("accepted row %d is incomplete: %+v", row.Line, row)
			}
			if row.Rec.AmountDue < 0 || row.Rec.AmountRecovered < 0 {
				t.Fatalf("accepted row %d has a negative amount", row.Line)
			}
		}
	})
}
