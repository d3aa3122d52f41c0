package reception

import (
	"testing"
	"time"
)

// denunciation is a case accepted on 20/01/2026, due 23/02/2026.
func denunciation(st Status) Case {
	return Case{Kind: Denunciation, Status: st, ReceivedOn: on("2026-01-12"), AcceptedOn: on("2026-01-20"), Due: on("2026-02-23")}
}

func TestStepsAndTheirRefusals(t *testing.T) {
	den, _ := DefaultRules().For(Denunciation, 0, on("2026-01-20"))
	today := on("2026-03-02")
	const unit = "Sở Khoa học và Công nghệ"
	for _, tc := range []struct {
		name    string
		c       Case
		step    Step
		wantErr string // field: key, "" when the step applies
		check   func(Case) bool
	}{
		{"an assignment names the handler", denunciation(StAccepted), Step{To: StAssigned, On: on("2026-01-21"), HandlerID: 7}, "",
			func(c Case) bool { return c.Status == StAssigned && c.HandlerID == 7 }},
		{"an assignment without a handler or a division", denunciation(StAccepted), Step{To: StAssigned, On: on("2026-01-21")}, "handler: reception.handler.required", nil},
		{"a decision dated before acceptance", denunciation(StDrafted), Step{To: StAnswered, On: on("2026-01-19"), Answer: "Kết luận nội dung tố cáo"}, "on: reception.on.before_accept", nil},
		{"a step dated in the future", denunciation(StDrafted), Step{To: StAnswered, On: on("2026-03-03"), Answer: "Kết luận"}, "on: reception.on.future", nil},
		{"an answer straight from acceptance skips the handling", denunciation(StAccepted), Step{To: StAnswered, On: on("2026-02-01"), Answer: "Kết luận"}, "status: reception.step.invalid", nil},
		{"an answer records its day", denunciation(StDrafted), Step{To: StAnswered, On: on("2026-02-20"), Answer: "Kết luận"}, "",
			func(c Case) bool { return c.DecidedOn.Equal(on("2026-02-20")) && c.Status == StAnswered }},
		{"a transfer to the agency itself", denunciation(StAssigned), Step{To: StTransferred, On: on("2026-01-25"), Agency: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Letter: "12/CV"}, "transferred_to: reception.transferred_to.self", nil},
		{"a transfer without its letter", denunciation(StAssigned), Step{To: StTransferred, On: on("2026-01-25"), Agency: "Thanh tra tỉnh"}, "letter: reception.letter.required", nil},
		{"a withdrawal ends the case", denunciation(StVerifying), Step{To: StWithdrawn, On: on("2026-02-02"), Reason: "Người tố cáo rút đơn"}, "",
			func(c Case) bool { return c.Status == StWithdrawn && c.EndedOn.Equal(on("2026-02-02")) }},
		{"a withdrawn case takes no more steps", denunciation(StWithdrawn), Step{To: StAssigned, On: on("2026-02-03"), HandlerID: 7}, "status: reception.step.invalid", nil},
		{"a complex denunciation extended once moves its deadline 30 days", denunciation(StVerifying), Step{Extend: true, On: on("2026-02-20"), Complexity: Complex, Reason: "Vụ việc phức tạp"}, "",
			func(c Case) bool { return c.Extensions == 1 && c.Due.Equal(on("2026-03-23")) }},
		{"an extension beyond what the law allows", func() Case { c := denunciation(StVerifying); c.Extensions = 1; return c }(),
			Step{Extend: true, On: on("2026-02-20"), Complexity: Complex, Reason: "Thêm thời gian"}, "complexity: reception.extension.exhausted", nil},
		{"an extension without its reason", denunciation(StVerifying), Step{Extend: true, On: on("2026-02-20"), Complexity: Complex}, "reason: reception.reason.required", nil},
		{"publishing an answer that is not of public interest", func() Case { c := denunciation(StAnswered); c.DecidedOn = on("2026-02-20"); return c }(),
			Step{To: StPublished, On: on("2026-02-21")}, "public: reception.publish.not_public", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := Apply(tc.c, tc.step, den, cal2026, today, unit)
			var gotErr string
			for f, k := range errs {
				gotErr = f + ": " + k
			}
			if len(errs) > 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			if gotErr != tc.wantErr {
				t.Fatalf("error = %q, want %q", gotErr, tc.wantErr)
			}
			if tc.check != nil && !tc.check(got) {
				t.Fatalf("case after the step = %+v", got)
			}
			if tc.wantErr != "" && got != tc.c {
				t.Fatalf("a refused step changed the case")
			}
		})
	}
}

func TestJudgeAgainstTheDeadline(t *testing.T) {
	answered := func(day string) Case {
		c := denunciation(StAnswered)
		c.DecidedOn = on(day)
		return c
	}
	due := func(d string) Case { c := denunciation(StVerifying); c.Due = on(d); return c }
	for _, tc := range []struct {
		name string
		c    Case
		at   string
		want Outcome
	}{
		{"answered on the due day", answered("2026-02-23"), "2026-03-31", OnTime},
		{"answered the day after", answered("2026-02-24"), "2026-03-31", Late},
		{"answered after the end of the period, judged open then", answered("2026-03-05"), "2026-02-28", Overdue},
		{"open on its due day", due("2026-02-23"), "2026-02-23", DueSoon},
		{"open the day after its due day", due("2026-02-23"), "2026-02-24", Overdue},
		{"three working days left is due soon", due("2026-02-12"), "2026-02-09", DueSoon},
		{"four working days left is open", due("2026-02-13"), "2026-02-09", Open},
		{"the Tết break does not count towards due soon", due("2026-02-25"), "2026-02-13", DueSoon},
		{"withdrawn is not judged", denunciation(StWithdrawn), "2026-03-31", Ended},
		{"transferred is not judged", denunciation(StTransferred), "2026-03-31", Ended},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Judge(tc.c, on(tc.at), cal2026); got != tc.want {
				t.Fatalf("Judge = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestExtensionsOfAResolvedRuleUseTheirOwnUnit(t *testing.T) {
	// A rule whose extension is in working days while the term is in days
	// adds the extension after the term's (moved) last day.
	r := Rule{Resolve: Term{Days: 30}, ResolveComplex: Term{Days: 30}, Extension: Term{Days: 5, Working: true}, ExtensionsComplex: 1}
	got := r.ResolveDue(Facts{AcceptedOn: on("2026-01-20"), Complexity: Complex, Extensions: 1}, cal2026)
	// 30 days: 19/02 (Tết) → 23/02; five working days later: 02/03.
	if want := on("2026-03-02"); !got.Equal(want) {
		t.Fatalf("ResolveDue = %s, want %s", got.Format(time.DateOnly), want.Format(time.DateOnly))
	}
}
