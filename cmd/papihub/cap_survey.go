package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/survey"
)

func init() {
	addCapability(capability{
		name:    "survey",
		modules: []db.Module{survey.Migrations},
		nav:     []web.NavItem{{Key: "nav.survey", Href: "/surveys"}},
		routes: func(app *web.App, d deps) {
			survey.Routes(app, survey.NewStore(d.db, d.now), d.org)
		},
		demo: loadSurveyDemo,
	})
}

// DemoSurveyCodes open the demo survey on /khao-sat; fixed so that a person
// trying the demo (and the browser test) can use them.
var demoSurveyCodes = []string{"DEMO1-KHSAT", "DEMO2-KHSAT", "DEMO3-KHSAT", "DEMO4-KHSAT", "DEMO5-KHSAT"}

// demoSurveyDepartment owns the demo survey: the Department of Science and
// Technology, whose accounts the README lists.
const demoSurveyDepartment = "000.07.00.H33"

// demoSurveyCommunes are where the synthetic respondents live, 12 each so
// that every commune shows a score (10 is the least published).
var demoSurveyCommunes = []string{"000.00.01.H33.12345", "000.00.02.H33.12346", "000.00.03.H33.12347"}

// loadSurveyDemo creates the built-in PAPI questionnaire for the demo
// department, open, with a handful of invitation codes and 36 synthetic
// responses, so that the results page has something to show; and last
// year's round of the same questionnaire, closed with 48 responses, whose
// results the portal publishes.
func loadSurveyDemo(ctx context.Context, d deps) error {
	dept, err := d.org.UnitByCode(ctx, demoSurveyDepartment)
	if err != nil {
		return err
	}
	store := survey.NewStore(d.db, d.now)
	// Last year's round, closed: its results are what the portal publishes.
	last := survey.BuiltinPAPIForm()
	last.Title = "Khảo sát ý kiến người dân năm " + strconv.Itoa(d.now().Year()-1)
	lastID, err := store.CreateForm(ctx, audit.System, dept.ID, last, survey.StatusOpen, nil)
	if err != nil {
		return err
	}
	if err := importSyntheticResponses(ctx, d, store, lastID, last, 48, rand.New(rand.NewPCG(2025, 5))); err != nil {
		return err
	}
	if err := store.SetStatus(ctx, audit.System, lastID, survey.StatusClosed); err != nil {
		return err
	}
	form := survey.BuiltinPAPIForm()
	id, err := store.CreateForm(ctx, audit.System, dept.ID, form, survey.StatusOpen, nil)
	if err != nil {
		return err
	}
	if err := store.AddInvitations(ctx, audit.System, id, 0, demoSurveyCodes); err != nil {
		return err
	}
	return importSyntheticResponses(ctx, d, store, id, form, 36, rand.New(rand.NewPCG(2026, 5)))
}

// importSyntheticResponses stores n synthetic responses to the form, spread
// over the demo communes in turn.
func importSyntheticResponses(ctx context.Context, d deps, store *survey.Store, id int64, form *survey.Form, n int, rng *rand.Rand) error {
	var communes []org.Unit
	for _, code := range demoSurveyCommunes {
		u, err := d.org.UnitByCode(ctx, code)
		if err != nil {
			return err
		}
		communes = append(communes, u)
	}
	batch := &survey.Batch{}
	start := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	for i := range n {
		u := communes[i%len(communes)]
		batch.Responses = append(batch.Responses, survey.Response{
			InstanceID:  "demo-" + strconv.Itoa(i+1),
			Unit:        strconv.FormatInt(u.ID, 10),
			SubmittedAt: start.Add(time.Duration(i) * 97 * time.Minute),
			Answers:     syntheticAnswers(form, rng, i%len(communes)),
		})
	}
	if _, err := store.ImportResponses(ctx, audit.System, id, batch, "demo"); err != nil {
		return fmt.Errorf("demo survey responses: %w", err)
	}
	return nil
}

// syntheticAnswers answers every question the way a respondent might: good
// answers more often in some communes than others, "don't know" now and
// then, and follow-up questions only when their condition holds.
func syntheticAnswers(form *survey.Form, rng *rand.Rand, commune int) map[string]string {
	answers := map[string]string{}
	good := 0.55 + 0.12*float64(commune)
	for _, q := range form.Questions {
		if q.Type != survey.SelectOne {
			continue
		}
		choices := form.Choices[q.ListName]
		var v string
		switch q.ListName {
		case "yes_no_dk":
			switch x := rng.Float64(); {
			case x < 0.08:
				v = "98"
			case x < 0.08+good*0.92:
				v = "1"
			default:
				v = "2"
			}
			if q.Binding != nil && q.Binding.Rule.Kind == survey.RuleBad {
				// A bribe asked for is the bad answer: invert the odds.
				if v == "1" {
					v = "2"
				} else if v == "2" {
					v = "1"
				}
			}
		default:
			v = choices[rng.IntN(len(choices))].Name
			if q.Binding != nil && (q.Binding.Rule.Kind == survey.RuleScale || q.Binding.Rule.Kind == survey.RuleInverseScale) {
				// Lean towards the good end of a scale in better communes.
				lo, hi := int(q.Binding.Rule.Min), int(q.Binding.Rule.Max)
				n := lo + rng.IntN(hi-lo+1)
				if rng.Float64() < good-0.4 {
					n = hi
					if q.Binding.Rule.Kind == survey.RuleInverseScale {
						n = lo
					}
				}
				v = strconv.Itoa(n)
			}
		}
		answers[q.Key] = v
	}
	// Follow-up questions are asked only when their condition holds.
	for _, q := range form.Questions {
		if !q.Relevant.IsZero() && !q.Relevant.Holds(survey.Env{Answers: answers}) {
			delete(answers, q.Key)
		}
	}
	return answers
}
