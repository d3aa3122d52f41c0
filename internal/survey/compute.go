package survey

import (
	"math"
	"time"
)

// Compute fills in the calculations that feed an indicator when the
// answers lack them: a submission from the public page, or an export that
// left the calculate columns out. Calculations are evaluated in form order,
// each seeing those before it; one the server cannot evaluate, or that is
// not relevant, stays empty. Values an export carries are kept as the
// collection app computed them. Only calculations bound to an indicator are
// stored; the others are used on the way. now is when the answers were
// given (today() and now() mean it); zero leaves those unknown.
func (f *Form) Compute(answers map[string]string, repeats map[string][]map[string]string, now time.Time) {
	var bound bool
	for i := range f.Questions {
		if f.Questions[i].Binding != nil && f.Questions[i].Type == Calculate {
			bound = true
		}
	}
	if !bound {
		return
	}
	scratch := make(map[string]string, len(answers))
	for k, v := range answers {
		scratch[k] = v
	}
	env := f.env(scratch, repeats)
	env.Now = now
	for i := range f.Questions {
		q := &f.Questions[i]
		if q.Type != Calculate || q.Repeat != "" || scratch[q.Key] != "" || q.Calculation.IsZero() {
			continue
		}
		env.Current = ""
		if relevant, known := f.relevance(q, env); !known || !relevant {
			continue
		}
		v := q.Calculation.Eval(env)
		if !v.Known() || v.kind == kindNumber && (math.IsNaN(v.n) || math.IsInf(v.n, 0)) {
			continue
		}
		s := v.String()
		if s == "" {
			continue
		}
		scratch[q.Key] = s
		if q.Binding != nil {
			answers[q.Key] = s
		}
	}
}
