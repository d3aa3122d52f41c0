package plan

import (
	"context"
	"reflect"
	"testing"

	"papihub/internal/audit"
)

func (f *fixture) audited(entity string, id int64, action string) int {
	f.t.Helper()
	var n int
	if err := f.db.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = $1 AND entity_id = $2 AND action = $3`, entity, audit.ID(id), action).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestEditingAPlanHeaderChangesBasisPurposesAndIssuesItInOneAuditedStep(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	focal := f.user("vanphong").Actor()
	h := PlanHeader{Number: "15", Symbol: "KH-SKHCN", Title: "Nâng cao Chỉ số PAPI năm 2026 của Sở", Place: "Hưng Yên", IssueDate: "2026-02-10",
		Signer: Signer{Title: "GIÁM ĐỐC", Name: "Nguyễn Văn A"},
		Basis:  []PlanBasis{{Text: "Căn cứ Kế hoạch số 07/KH-UBND ngày 12/01/2026 của UBND tỉnh;"}}, Purposes: []string{"Cải thiện điểm D8.", " "}, Requirements: []string{}}
	if err := f.store.EditPlan(ctx, focal, id, h, PlanIssued); err != nil {
		t.Fatal(err)
	}
	p, err := f.store.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != PlanIssued || p.Title != h.Title || p.Signer.Name != "Nguyễn Văn A" || p.Place != "Hưng Yên" {
		t.Fatalf("plan after edit: %+v", p)
	}
	if len(p.Basis) != 1 || !reflect.DeepEqual(p.Basis[0].Refs, []string{"07/KH-UBND"}) {
		t.Fatalf("basis: %+v", p.Basis)
	}
	if !reflect.DeepEqual(p.Purposes, []string{"Cải thiện điểm D8."}) || len(p.Requirements) != 0 {
		t.Fatalf("purposes %q requirements %q", p.Purposes, p.Requirements)
	}
	if n := f.audited("plans", id, "update"); n != 1 {
		t.Fatalf("%d audit entries for the edit, want 1", n)
	}
	// An API client that leaves the lists out keeps them.
	h.Basis, h.Purposes, h.Requirements = nil, nil, nil
	h.Place = "Phố Hiến"
	if err := f.store.UpdatePlanHeader(ctx, focal, id, h); err != nil {
		t.Fatal(err)
	}
	if p, _ = f.store.Plan(ctx, id); len(p.Basis) != 1 || len(p.Purposes) != 1 || p.Place != "Phố Hiến" {
		t.Fatalf("lists not kept: %+v", p)
	}
}

func TestAPlanHeaderEditBreakingARuleIsRefusedFieldByFieldAndNothingChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	focal := f.user("vanphong").Actor()
	base := PlanHeader{Number: "15", Symbol: "KH-SKHCN", Title: "Nâng cao Chỉ số PAPI năm 2026", IssueDate: "2026-02-10"}
	with := func(change func(*PlanHeader)) PlanHeader { h := base; change(&h); return h }
	for _, tc := range []struct {
		name  string
		h     PlanHeader
		to    PlanStatus
		field string
		key   string
	}{
		{"issuing with the day left blank", with(func(h *PlanHeader) { h.IssueDate = "2026-02" }), PlanIssued, "date", "plan.issued.needs_date"},
		{"issuing without a number", with(func(h *PlanHeader) { h.Number = "" }), PlanIssued, "number", "plan.issued.needs_number"},
		{"skipping from draft to closed", base, PlanClosed, "status", "plan.status.invalid"},
		{"an issue date after a one-off deadline (15/03)", with(func(h *PlanHeader) { h.IssueDate = "2026-04-01" }), "", "date", "plan.date.after_deadlines"},
		{"a date that is not one", with(func(h *PlanHeader) { h.IssueDate = "tháng hai" }), "", "date", "plan.date.invalid"},
		{"no title", with(func(h *PlanHeader) { h.Title = " " }), "", "title", "plan.title.required"},
		{"a number without a symbol", with(func(h *PlanHeader) { h.Symbol = "" }), "", "symbol", "plan.symbol.required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fe := fieldErrors(t, f.store.EditPlan(ctx, focal, id, tc.h, tc.to))
			if fe[tc.field] != tc.key {
				t.Fatalf("errors %v, want %s: %s", fe, tc.field, tc.key)
			}
			p, _ := f.store.Plan(ctx, id)
			if p.Status != PlanDraft || p.IssueDate != "2026-02-10" || p.Number != "15" {
				t.Fatalf("the plan changed: %+v", p)
			}
		})
	}
	if err := f.store.EditPlan(ctx, focal, id, base, PlanIssued); err != nil {
		t.Fatal(err)
	}
	fe := fieldErrors(t, f.store.EditPlan(ctx, focal, id, base, PlanDraft))
	if fe["status"] != "plan.status.invalid" {
		t.Fatalf("an issued plan went back to draft: %v", fe)
	}
	fe = fieldErrors(t, f.store.EditPlan(ctx, focal, id, with(func(h *PlanHeader) { h.IssueDate = "2026-02" }), ""))
	if fe["date"] != "plan.issued.needs_date" {
		t.Fatalf("an issued plan lost its full date: %v", fe)
	}
}
