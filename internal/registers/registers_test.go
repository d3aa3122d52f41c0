package registers

import (
	"context"
	"errors"
	"testing"
	"time"

	"papihub/internal/org"
)

// desk is a register that offers one measure and an agenda.
type desk struct{ items []Item }

func (desk) Measures() []Measure {
	return []Measure{{Code: "desk.ontime", Name: "Tỷ lệ đúng hạn", Share: true}, {Code: "desk.sessions", Name: "Số phiên", Unit: "phiên"}}
}

func (desk) Figure(_ context.Context, code string, scope Scope, from, to time.Time) (Figure, error) {
	if code == "desk.ontime" {
		return Figure{Value: 17.0 / 20, Num: 17, Den: 20}, nil
	}
	return Figure{Value: float64(to.Sub(from).Hours() / 24)}, nil
}

func (d desk) Agenda(context.Context, *org.User, time.Time, int) ([]Item, error) { return d.items, nil }

// books is a register that only writes report sections.
type books struct{}

func (books) Sections(context.Context, Scope, time.Time, time.Time) ([]Section, error) {
	return []Section{{Dimension: "D4", Heading: "Theo dõi kết luận"}}, nil
}

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func TestHubRoutesAFigureToTheRegisterThatOffersIt(t *testing.T) {
	h := new(Hub).Add(desk{}, books{})
	if got := len(h.Measures()); got != 2 {
		t.Fatalf("Measures = %d, want 2", got)
	}
	f, err := h.Figure(context.Background(), "desk.sessions", Scope{}, day("2026-07-01"), day("2026-07-31"))
	if err != nil || f.Value != 30 {
		t.Fatalf("Figure = %+v, %v; want 30 days", f, err)
	}
	if _, err := h.Figure(context.Background(), "nowhere.x", Scope{}, day("2026-07-01"), day("2026-07-31")); !errors.Is(err, ErrUnknownMeasure) {
		t.Fatalf("unknown measure: err = %v", err)
	}
	secs, err := h.Sections(context.Background(), Scope{}, day("2026-07-01"), day("2026-09-30"))
	if err != nil || len(secs) != 1 || secs[0].Dimension != "D4" {
		t.Fatalf("Sections = %+v, %v", secs, err)
	}
}

func TestANilHubOffersNothing(t *testing.T) {
	var h *Hub
	if h.Measures() != nil {
		t.Fatal("nil hub has measures")
	}
	if _, ok := h.Measure("desk.ontime"); ok {
		t.Fatal("nil hub knows a measure")
	}
	items, err := h.Agenda(context.Background(), &org.User{}, day("2026-07-01"), 7)
	if err != nil || items != nil {
		t.Fatalf("Agenda = %v, %v", items, err)
	}
}

func TestAgendaPutsOverdueFirstThenByDueDate(t *testing.T) {
	h := new(Hub).Add(desk{items: []Item{
		{Title: "b", Due: day("2026-07-10")},
		{Title: "late", Due: day("2026-07-20"), Overdue: true},
		{Title: "a", Due: day("2026-07-05")},
	}})
	items, err := h.Agenda(context.Background(), &org.User{}, day("2026-07-01"), 30)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Title)
	}
	if want := []string{"late", "a", "b"}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("order = %v, want %v", got, want)
	}
}

func TestFigureText(t *testing.T) {
	share := Measure{Share: true}
	count := Measure{Unit: "phiên"}
	for _, tc := range []struct {
		name string
		f    Figure
		m    Measure
		want string
	}{
		{"a share with its counts", Figure{Value: 17.0 / 20, Num: 17, Den: 20}, share, "85,0% (17/20)"},
		{"a share without counts", Figure{Value: 1}, share, "100,0%"},
		{"a count with its unit", Figure{Value: 12}, count, "12 phiên"},
		{"a large count groups thousands", Figure{Value: 12345}, Measure{}, "12.345"},
		{"a fractional count", Figure{Value: 2.5}, count, "2,5 phiên"},
		{"nothing to count", Figure{NA: true}, share, "—"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Text(tc.m); got != tc.want {
				t.Fatalf("Text = %q, want %q", got, tc.want)
			}
		})
	}
}
