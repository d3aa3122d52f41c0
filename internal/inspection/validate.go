package inspection

import (
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/web"
)

// MaxRecommendations bounds one conclusion's list.
const MaxRecommendations = 200

// RecField names the form field of recommendation i (from 0): "r1_deadline".
func RecField(i int, field string) string { return fmt.Sprintf("r%d_%s", i+1, field) }

// Validate checks a conclusion and its recommendations on today and returns
// the problems by form field, with message keys of the catalogue; a
// recommendation's fields are named by RecField.
func (c *Conclusion) Validate(today time.Time) web.FieldErrors {
	errs := web.FieldErrors{}
	c.Number = strings.Join(strings.Fields(c.Number), " ")
	c.Issuer, c.Subjects, c.Summary = strings.TrimSpace(c.Issuer), strings.TrimSpace(c.Subjects), strings.TrimSpace(c.Summary)
	c.DirectiveNumber = strings.TrimSpace(c.DirectiveNumber)
	text(errs, "number", c.Number, web.MaxCode, true)
	text(errs, "issuer", c.Issuer, web.MaxShort, true)
	text(errs, "summary", c.Summary, web.MaxText, true)
	text(errs, "subjects", c.Subjects, web.MaxText, false)
	text(errs, "directive_number", c.DirectiveNumber, web.MaxCode, false)
	if !c.Source.Valid() {
		errs.Add("source", "inspection.source.invalid")
	}
	switch {
	case c.IssuedOn.IsZero():
		errs.Add("issued_on", "inspection.issued_on.required")
	case day(c.IssuedOn).After(day(today)):
		errs.Add("issued_on", "inspection.date.future")
	}
	if !c.ReceivedOn.IsZero() && !c.IssuedOn.IsZero() && c.ReceivedOn.Before(c.IssuedOn) {
		errs.Add("received_on", "inspection.received_on.before_issue")
	}
	if !c.ReceivedOn.IsZero() && day(c.ReceivedOn).After(day(today)) {
		errs.Add("received_on", "inspection.date.future")
	}
	c.directive(errs, today)
	if len(c.Recommendations) == 0 {
		errs.Add("recommendations", "inspection.recommendations.required")
	}
	if len(c.Recommendations) > MaxRecommendations {
		errs.Add("recommendations", "inspection.recommendations.too_many")
	}
	for i := range c.Recommendations {
		for f, key := range c.Recommendations[i].Validate(c.IssuedOn, today) {
			errs.Add(RecField(i, f), key)
		}
	}
	return errs
}

// directive checks the head's directive: a number and a day together, the
// day neither before receipt nor in the future.
func (c *Conclusion) directive(errs web.FieldErrors, today time.Time) {
	switch {
	case c.DirectiveNumber == "" && c.DirectiveOn.IsZero():
	case c.DirectiveNumber == "":
		errs.Add("directive_number", "inspection.directive_number.required")
	case c.DirectiveOn.IsZero():
		errs.Add("directive_on", "inspection.directive_on.required")
	case !c.IssuedOn.IsZero() && c.DirectiveOn.Before(c.Received()):
		errs.Add("directive_on", "inspection.directive_on.before_receipt")
	case day(c.DirectiveOn).After(day(today)):
		errs.Add("directive_on", "inspection.date.future")
	}
}

// Validate checks a recommendation of a conclusion issued on concluded:
// its deadline comes after the conclusion; what it recovered does not
// exceed what is due; a recovery names an amount, a discipline how many.
func (r *Recommendation) Validate(concluded, today time.Time) web.FieldErrors {
	errs := web.FieldErrors{}
	r.Content, r.DisciplineForm, r.Result = strings.TrimSpace(r.Content), strings.TrimSpace(r.DisciplineForm), strings.TrimSpace(r.Result)
	if r.Progress == "" {
		r.Progress = NotStarted
	}
	if !r.Kind.Valid() {
		errs.Add("kind", "inspection.kind.invalid")
	}
	text(errs, "content", r.Content, web.MaxText, true)
	text(errs, "discipline_form", r.DisciplineForm, web.MaxShort, false)
	text(errs, "result", r.Result, web.MaxText, false)
	if r.ResponsibleID == 0 {
		errs.Add("responsible", "inspection.responsible.required")
	}
	switch {
	case r.Deadline.IsZero():
		errs.Add("deadline", "inspection.deadline.required")
	case !concluded.IsZero() && day(r.Deadline).Before(day(concluded)):
		errs.Add("deadline", "inspection.deadline.before_conclusion")
	}
	if !r.Progress.Valid() {
		errs.Add("progress", "inspection.progress.invalid")
	}
	r.amounts(errs)
	if r.Kind == Discipline && r.People <= 0 {
		errs.Add("people", "inspection.people.required")
	}
	if r.People < 0 {
		errs.Add("people", "inspection.people.required")
	}
	switch {
	case r.Progress == Done && r.DoneOn.IsZero():
		errs.Add("done_on", "inspection.done_on.required")
	case r.Progress == Done && !concluded.IsZero() && day(r.DoneOn).Before(day(concluded)):
		errs.Add("done_on", "inspection.done_on.before_conclusion")
	case r.Progress == Done && day(r.DoneOn).After(day(today)):
		errs.Add("done_on", "inspection.date.future")
	case r.Progress != Done:
		r.DoneOn = time.Time{}
	}
	return errs
}

// amounts checks the sums of a recovery; other kinds carry none.
func (r *Recommendation) amounts(errs web.FieldErrors) {
	switch {
	case r.AmountDue < 0:
		errs.Add("amount_due", "inspection.amount.negative")
	case r.Kind == Recover && r.AmountDue == 0:
		errs.Add("amount_due", "inspection.amount_due.required")
	}
	switch {
	case r.AmountRecovered < 0:
		errs.Add("amount_recovered", "inspection.amount.negative")
	case r.AmountRecovered > r.AmountDue:
		errs.Add("amount_recovered", "inspection.amount_recovered.above_due")
	}
}

// Validate checks an update of recommendation r on today.
func (u *Update) Validate(r Recommendation, concluded, today time.Time) web.FieldErrors {
	errs := web.FieldErrors{}
	u.Note = strings.TrimSpace(u.Note)
	if !u.Progress.Valid() {
		errs.Add("progress", "inspection.progress.invalid")
	}
	text(errs, "note", u.Note, web.MaxText, u.Progress == Done || u.Progress == PartlyDone)
	switch {
	case u.On.IsZero():
		errs.Add("on", "inspection.update.on.required")
	case day(u.On).After(day(today)):
		errs.Add("on", "inspection.date.future")
	case day(u.On).Before(day(concluded)):
		errs.Add("on", "inspection.done_on.before_conclusion")
	}
	switch {
	case u.AmountRecovered < 0:
		errs.Add("amount_recovered", "inspection.amount.negative")
	case u.AmountRecovered > r.AmountDue:
		errs.Add("amount_recovered", "inspection.amount_recovered.above_due")
	}
	return errs
}

// Validate checks a check of the plan on today.
func (k *Check) Validate(today time.Time) web.FieldErrors {
	errs := web.FieldErrors{}
	k.Subject, k.Topic, k.Team, k.Findings = strings.TrimSpace(k.Subject), strings.TrimSpace(k.Topic), strings.TrimSpace(k.Team), strings.TrimSpace(k.Findings)
	k.DecisionNumber = strings.TrimSpace(k.DecisionNumber)
	text(errs, "subject", k.Subject, web.MaxShort, true)
	text(errs, "topic", k.Topic, web.MaxText, true)
	text(errs, "team", k.Team, web.MaxText, false)
	text(errs, "findings", k.Findings, web.MaxText, false)
	text(errs, "decision_number", k.DecisionNumber, web.MaxCode, false)
	if !k.Kind.Valid() {
		errs.Add("kind", "inspection.check.kind.invalid")
	}
	if k.Year < 2000 || k.Year > 2200 {
		errs.Add("year", "inspection.check.year.invalid")
	}
	if !k.PlannedFrom.IsZero() && !k.PlannedTo.IsZero() && k.PlannedTo.Before(k.PlannedFrom) {
		errs.Add("planned_to", "inspection.check.planned_to.before_from")
	}
	if !k.DoneOn.IsZero() && day(k.DoneOn).After(day(today)) {
		errs.Add("done_on", "inspection.date.future")
	}
	return errs
}

// text checks a typed field's presence, and its length against one of the
// web package's bounds, whose messages say the bound: web.MaxCode for
// numbers, web.MaxShort for an issuer, a discipline form, a subject,
// web.MaxText for a summary, a content, findings, notes.
func text(errs web.FieldErrors, field, v string, max int, required bool) {
	switch {
	case v == "" && required:
		errs.Add(field, "inspection."+field+".required")
	default:
		errs.Within(field, v, max)
	}
}
