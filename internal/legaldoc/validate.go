package legaldoc

import (
	"strings"
	"unicode/utf8"

	"papihub/internal/platform/web"
)

// Bounds on what a person types, so that one pasted page does not become a
// number or a title.
const (
	maxNumber = 60
	maxShort  = 300  // type, issuer, signer, field, proposed to
	maxText   = 2000 // title, provisions, reasons, notes
)

// Validate checks a document's own fields and returns the problems by form
// field, with message keys of the catalogue.
func (d *Document) Validate() web.FieldErrors {
	errs := web.FieldErrors{}
	d.Number = strings.Join(strings.Fields(d.Number), " ")
	d.Type = strings.Join(strings.Fields(d.Type), " ")
	d.Title = strings.TrimSpace(d.Title)
	d.IssuingBody, d.Signer, d.Field = strings.TrimSpace(d.IssuingBody), strings.TrimSpace(d.Signer), strings.TrimSpace(d.Field)
	d.ExpiryReason = strings.TrimSpace(d.ExpiryReason)
	required := func(field, v string, max int) {
		switch {
		case v == "":
			errs.Add(field, "legaldoc."+field+".required")
		case utf8.RuneCountInString(v) > max:
			errs.Add(field, "legaldoc.too_long")
		}
	}
	required("number", d.Number, maxNumber)
	required("type", d.Type, maxShort)
	required("title", d.Title, maxText)
	for field, v := range map[string]string{"issuing_body": d.IssuingBody, "signer": d.Signer, "field": d.Field} {
		if utf8.RuneCountInString(v) > maxShort {
			errs.Add(field, "legaldoc.too_long")
		}
	}
	if utf8.RuneCountInString(d.ExpiryReason) > maxText {
		errs.Add("expiry_reason", "legaldoc.too_long")
	}
	if d.Number != "" && !strings.ContainsAny(d.Number, "0123456789") {
		errs.Add("number", "legaldoc.number.invalid")
	}
	switch {
	case d.IssuedOn.IsZero():
		errs.Add("issued_on", "legaldoc.issued_on.required")
	case d.EffectiveFrom.IsZero():
		errs.Add("effective_from", "legaldoc.effective_from.required")
	case d.EffectiveFrom.Before(d.IssuedOn):
		// Law 64/2025: a local document has no retroactive effect.
		errs.Add("effective_from", "legaldoc.effective_from.before_issue")
	}
	if !d.ExpiresOn.IsZero() && !d.EffectiveFrom.IsZero() && !d.ExpiresOn.After(d.EffectiveFrom) {
		errs.Add("expires_on", "legaldoc.expires_on.before_effect")
	}
	if d.ExpiryReason != "" && d.ExpiresOn.IsZero() {
		errs.Add("expires_on", "legaldoc.expires_on.required")
	}
	return errs
}

// Validate checks a relation on its own; Cycle checks it against the others.
func (r *Relation) Validate() web.FieldErrors {
	errs := web.FieldErrors{}
	r.Provisions = strings.TrimSpace(r.Provisions)
	switch {
	case !r.Kind.Valid():
		errs.Add("kind", "legaldoc.relation.kind.invalid")
	case r.SourceID == r.TargetID && r.SourceID != 0:
		errs.Add("target", "legaldoc.relation.self")
	case r.Kind == PartlyExpires && r.Provisions == "":
		errs.Add("provisions", "legaldoc.relation.provisions.required")
	case r.Kind != Suspends && !r.Until.IsZero():
		errs.Add("until", "legaldoc.relation.until.only_suspends")
	case r.Kind == Suspends && !r.Until.IsZero() && !r.StartsOn.IsZero() && r.Until.Before(r.StartsOn):
		errs.Add("until", "legaldoc.relation.until.before_start")
	}
	if utf8.RuneCountInString(r.Provisions) > maxText {
		errs.Add("provisions", "legaldoc.too_long")
	}
	return errs
}

// Cycle reports whether adding add to rels closes a loop: whether add's
// target already acts, through a chain of relations of any kind, on add's
// source (A replaces B, B replaces A). It returns the chain of document IDs
// from the target to the source, nil when there is no loop.
func Cycle(rels []Relation, add Relation) []int64 {
	if add.SourceID == add.TargetID {
		return []int64{add.SourceID}
	}
	next := map[int64][]int64{}
	for _, r := range rels {
		if r.ID != 0 && r.ID == add.ID {
			continue // the relation being edited
		}
		next[r.SourceID] = append(next[r.SourceID], r.TargetID)
	}
	prev := map[int64]int64{}
	seen := map[int64]bool{add.TargetID: true}
	queue := []int64{add.TargetID}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if id == add.SourceID {
			path := []int64{id}
			for id != add.TargetID {
				id = prev[id]
				path = append([]int64{id}, path...)
			}
			return path
		}
		for _, n := range next[id] {
			if !seen[n] {
				seen[n], prev[n] = true, id
				queue = append(queue, n)
			}
		}
	}
	return nil
}

// Loops returns the relations of rels that lie on a loop: those whose two
// documents reach each other through relations of any kind (Tarjan's
// strongly connected components, O(documents + relations)). It is Cycle
// for a whole file at once.
func Loops(rels []Relation) []int {
	next := map[int64][]int64{}
	for _, r := range rels {
		next[r.SourceID] = append(next[r.SourceID], r.TargetID)
	}
	index, low, comp := map[int64]int{}, map[int64]int{}, map[int64]int{}
	onStack := map[int64]bool{}
	var stack []int64
	counter, comps := 0, 0
	var visit func(v int64)
	visit = func(v int64) {
		index[v], low[v] = counter, counter
		counter++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range next[v] {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = comps
				if w == v {
					break
				}
			}
			comps++
		}
	}
	for _, r := range rels {
		if _, seen := index[r.SourceID]; !seen {
			visit(r.SourceID)
		}
	}
	var out []int
	for i, r := range rels {
		if r.SourceID == r.TargetID || comp[r.SourceID] == comp[r.TargetID] {
			out = append(out, i)
		}
	}
	return out
}
