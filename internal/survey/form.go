// Package survey holds an agency's own PAPI-style questionnaires: XLSForm
// import and export, the relevant/constraint expression language, answer
// validation, and the import of KoboToolbox and ODK response exports. It is
// pure: values in, values out, no database and no HTTP.
package survey

import "sort"

// A Form is a questionnaire as an XLSForm describes it, flattened: groups
// become a path on each question, so that code reading answers never walks a
// tree.
type Form struct {
	ID              string // settings form_id
	Title           string // settings form_title
	Version         string // settings version
	DefaultLanguage string // a language key, see Languages
	// Languages lists the label languages in column order, by key: the code
	// in parentheses ("vi" for "label::Vietnamese (vi)"), or the whole name
	// when there is none ("English" for "label::English"). A plain "label"
	// column has the key "" and is not listed.
	Languages []string
	// LanguageNames gives each key the name it was written with
	// ("Vietnamese (vi)"), so that a form written back reads the same.
	LanguageNames map[string]string
	Questions     []Question
	Groups        []Group
	Choices       map[string][]Choice // by list_name

	byName map[string]int // question index by name
}

// QuestionType is one of the XLSForm types the survey module supports.
type QuestionType string

// The supported types. Groups and repeats do not appear among Questions; they
// become each question's Group path. The metadata types (start, end, today,
// deviceid) are kept so that exports naming them are understood.
const (
	SelectOne      QuestionType = "select_one"
	SelectMultiple QuestionType = "select_multiple"
	Integer        QuestionType = "integer"
	Decimal        QuestionType = "decimal"
	Text           QuestionType = "text"
	Note           QuestionType = "note"
	Calculate      QuestionType = "calculate"
	Start          QuestionType = "start"
	End            QuestionType = "end"
	Today          QuestionType = "today"
	DeviceID       QuestionType = "deviceid"
)

// A Question is one row of the survey sheet that holds an answer, a note or a
// calculation. Text maps are keyed by language key (see Form.Languages).
type Question struct {
	Name              string
	Type              QuestionType
	ListName          string // for select_one and select_multiple
	Labels            map[string]string
	Hints             map[string]string
	Required          bool
	RequiredMessage   map[string]string
	Relevant          Expr
	Constraint        Expr
	ConstraintMessage map[string]string
	Calculation       Expr
	// Group is the path of enclosing group and repeat names, outermost
	// first; Repeat is the innermost enclosing repeat, or "".
	Group   []string
	Repeat  string
	Binding *Binding // nil when the question feeds no indicator
}

// A Group is a begin_group or begin_repeat row. Its relevant applies to every
// question inside it.
type Group struct {
	Name     string
	Path     []string // enclosing groups, outermost first, not including Name
	Repeat   bool
	Labels   map[string]string
	Relevant Expr
}

// A Choice is one row of the choices sheet.
type Choice struct {
	Name   string
	Labels map[string]string
}

// Question returns the question with the name.
func (f *Form) Question(name string) (*Question, bool) {
	if f.byName == nil {
		f.index()
	}
	i, ok := f.byName[name]
	if !ok {
		return nil, false
	}
	return &f.Questions[i], true
}

func (f *Form) index() {
	f.byName = make(map[string]int, len(f.Questions))
	for i, q := range f.Questions {
		f.byName[q.Name] = i
	}
}

// Repeats returns the names of the form's repeats in form order.
func (f *Form) Repeats() []string {
	var out []string
	for _, g := range f.Groups {
		if g.Repeat {
			out = append(out, g.Name)
		}
	}
	return out
}

// answerable reports whether the question takes an answer from the
// respondent (not a note, calculation or metadata).
func (q *Question) answerable() bool {
	switch q.Type {
	case SelectOne, SelectMultiple, Integer, Decimal, Text:
		return true
	}
	return false
}

// Label returns the question's label in the language, falling back to the
// plain label and then to any label, so that a screen never shows a blank.
func (q *Question) Label(lang string) string { return pick(q.Labels, lang) }

// Label returns the choice's label in the language, with the same fallbacks
// as Question.Label, and the choice name when it has no label at all.
func (c Choice) Label(lang string) string {
	if s := pick(c.Labels, lang); s != "" {
		return s
	}
	return c.Name
}

func pick(m map[string]string, lang string) string {
	if s := m[lang]; s != "" {
		return s
	}
	if s := m[""]; s != "" {
		return s
	}
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	sort.Strings(keys)
	return m[keys[0]]
}
