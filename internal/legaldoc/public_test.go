package legaldoc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"papihub/internal/audit"
)

func TestTheFeedReadsTheDocumentsLastEnteredOrChangedFirst(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.add("1/2025/QĐ-UBND", "2025-01-10")
	f.today = on("2025-06-16")
	f.add("2/2025/QĐ-UBND", "2025-07-01") // entered before it takes effect
	f.today = on("2025-06-17")
	f.add("3/2025/QĐ-UBND", "2025-02-01")
	f.today = on("2025-06-18")
	d, err := f.s.Document(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	d.Title = "Quy định sửa lại"
	if err := f.s.UpdateDocument(ctx, audit.CLI(), d); err != nil {
		t.Fatal(err)
	}

	list, err := f.s.PublicRecent(ctx, demoAgency, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range list {
		got = append(got, fmt.Sprintf("%s %s %s %s", r.Number, r.Status, r.CreatedAt.Format("02/01"), r.UpdatedAt.Format("02/01")))
	}
	want := []string{"1/2025/QĐ-UBND in_force 15/06 18/06", "3/2025/QĐ-UBND in_force 17/06 17/06", "2/2025/QĐ-UBND pending 16/06 16/06"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("recent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if list[0].ID != a || list[0].Title != "Quy định sửa lại" {
		t.Fatalf("the changed document: %+v", list[0])
	}
	if list, err := f.s.PublicRecent(ctx, demoAgency, 1); err != nil || len(list) != 1 {
		t.Fatalf("limit 1: %d, %v", len(list), err)
	}
	if _, err := f.s.PublicRecent(ctx, "KHONG.CO", 10); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown unit: %v", err)
	}
}
