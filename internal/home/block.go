package home

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"time"

	"papihub/internal/org"
)

// A Block is one card of a person's home page, written by the capability
// that knows the figures: "my tasks" for an officer, the plan's state for
// the focal officer, the one honest page of a leader, the province for
// Home Affairs. Texts are already in the request's language.
type Block struct {
	ID      string // stable, for tests and anchors: "mytasks", "leader"
	Order   int    // smaller first
	Title   string
	Lead    string
	Figures []Figure
	Chart   template.HTML
	Lines   []Line
	Empty   string // said when there are no lines
	More    Link
}

// A Figure is a number shown large with its label.
type Figure struct {
	Label, Value, Note string
	Tone               string // ok, warn, bad or empty
}

// A Line is one item of a block: a task, a report, a unit.
type Line struct {
	Text, Note, Href string
	Due              time.Time // zero: no date
	Tone             string
}

// A Link is a labelled address.
type Link struct{ Text, Href string }

// A Panel writes the blocks it has for user; none when the user's roles
// give it nothing to say.
type Panel func(r *http.Request, user *org.User) ([]Block, error)

// blocksFor gathers every panel's blocks, in Order.
func blocksFor(r *http.Request, user *org.User, panels []Panel) ([]Block, error) {
	var out []Block
	for _, p := range panels {
		b, err := p(r, user)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	slices.SortStableFunc(out, func(a, b Block) int { return cmp.Compare(a.Order, b.Order) })
	return out, nil
}
