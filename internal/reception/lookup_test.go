package reception

import (
	"context"
	"errors"
	"strings"
	"testing"

	"papihub/internal/platform/web"
)

func TestACitizenLooksUpTheAnswerByCodeAndRatesItOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := complaint()
	e.Kind, e.Channel, e.Handling, e.HandledOn = Reflection, Online, Accepted, on("2026-03-02")
	e = f.add(e)
	if len(e.LookupCode) != 11 || e.LookupCode[5] != '-' {
		t.Fatalf("code %q", e.LookupCode)
	}
	typed := strings.ToLower(strings.ReplaceAll(e.LookupCode, "-", ""))
	p, err := f.s.PublicLookup(ctx, typed)
	if err != nil || p.Status != StAccepted || p.CanRate || p.Answer != "" || p.DueOn != "2026-03-16" {
		t.Fatalf("before the answer: %+v %v", p, err)
	}
	if err := f.s.PublicRate(ctx, e.LookupCode, Satisfied, "203.0.113.9"); err == nil {
		t.Fatal("a rating before the answer")
	}
	f.step(e.CaseID, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: f.user("chuyenvien").ID})
	f.step(e.CaseID, Step{To: StDrafted, On: on("2026-03-05")})
	f.step(e.CaseID, Step{To: StAnswered, On: on("2026-03-06"), Answer: "Đã xử lý theo quy định."})
	p, err = f.s.PublicLookup(ctx, e.LookupCode)
	if err != nil || !p.CanRate || p.Answer != "Đã xử lý theo quy định." || p.AnsweredOn != "2026-03-06" {
		t.Fatalf("after the answer: %+v %v", p, err)
	}
	if err := f.s.PublicRate(ctx, e.LookupCode, Dissatisfied, "203.0.113.9"); err != nil {
		t.Fatal(err)
	}
	err = f.s.PublicRate(ctx, e.LookupCode, Satisfied, "203.0.113.9")
	if fe, _ := web.AsValidation(err); fe["rating"] != "reception.rating.given" {
		t.Fatalf("a second rating: %v", err)
	}
	if p, err := f.s.PublicLookupIn(ctx, demoAgency, typed); err != nil || p.Number != e.Number() || p.Published || p.Rating != Dissatisfied {
		t.Fatalf("on the agency's own portal: %+v %v", p, err)
	}
	if _, err := f.s.PublicLookupIn(ctx, "000.01.00.H33", e.LookupCode); !errors.Is(err, ErrNotFound) {
		t.Fatalf("on another agency's portal the code is found: %v", err)
	}
	f.step(e.CaseID, Step{To: StPublished, On: on("2026-03-09"), Public: true})
	if p, err := f.s.PublicLookupIn(ctx, demoAgency, e.LookupCode); err != nil || !p.Published || p.Status != StPublished {
		t.Fatalf("after publishing: %+v %v", p, err)
	}
	if c, _ := f.s.Case(ctx, e.CaseID); c.Rating != Dissatisfied {
		t.Fatalf("rating %q", c.Rating)
	}
	for _, code := range []string{"", "ABCDE-FGHJK", "12345"} {
		if _, err := f.s.PublicLookup(ctx, code); !errors.Is(err, ErrNotFound) {
			t.Errorf("code %q: %v", code, err)
		}
	}
}
