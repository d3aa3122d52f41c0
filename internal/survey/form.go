// Package survey holds an agency's own PAPI-style questionnaires: XLSForm
// import and export, the relevant/constraint expression language, answer
// validation, and the import of KoboToolbox and ODK response exports. It is
// pure: values in, values out, no database and no HTTP.
package survey

import (
	"sort"
	"strings"
)

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

	byKey   map[string]int // question index by key
	byRef   map[string]int // question index by name, for names used once in the form
	groupAt map[string]int // group index by path and name ("grp/sub")
	groupBy map[string]int // group index by name, for names used once
}

// A Question is one row of the survey sheet that holds an answer, a note or a
// calculation. Text maps are keyed by language key (see Form.Languages).
type Question struct {
	Name string
	// Key is how answers are stored and exported: the name, or, when another
	// question of the form has the same name (XLSForm only wants names
	// unique within their group or repeat), the group path and the name,
	// "grp/name".
	Key      string
	Type     QuestionType
	ListName string // the choice list of a select or rank; the file of select_one_from_file; "${q}" for choices from answers
	// OrOther marks "select_one LIST or_other": "other" is an answer too,
	// and the question Name+"_other" (which the reader adds) holds the text.
	OrOther           bool
	Labels            map[string]string
	Hints             map[string]string
	Required          bool
	RequiredIf        Expr // the required column written as an expression; Required is then false
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
	derived bool     // made by the reader (the text of an or_other), not a row of the sheet
}

// A Group is a begin_group or begin_repeat row. Its relevant applies to every
// question inside it. Repeat names are unique in a form (pyxform requires
// it); a group's name may repeat in another group.
type Group struct {
	Name     string
	Path     []string // enclosing groups, outermost first, not including Name
	Repeat   bool
	Labels   map[string]string
	Relevant Expr
	at       int // the index of the first question after its begin row, to write an empty group back in place
}

// A Choice is one row of the choices sheet.
type Choice struct {
	Name   string
	Labels map[string]string
}

// Question returns the question with the key (its name when the name is
// used once in the form).
func (f *Form) Question(key string) (*Question, bool) {
	if f.byKey == nil {
		f.index()
	}
	i, ok := f.byKey[key]
	if !ok {
		return nil, false
	}
	return &f.Questions[i], true
}

// questionByRef finds the question ${name} means: names used more than once
// cannot be referred to (pyxform refuses such a form).
func (f *Form) questionByRef(name string) (*Question, bool) {
	if f.byRef == nil {
		f.index()
	}
	i, ok := f.byRef[name]
	if !ok {
		return nil, false
	}
	return &f.Questions[i], true
}

// groupByName finds the group or repeat ${name} means, when the name is used
// once.
func (f *Form) groupByName(name string) *Group {
	if f.groupBy == nil {
		f.index()
	}
	if i, ok := f.groupBy[name]; ok {
		return &f.Groups[i]
	}
	return nil
}

// group finds the group at a question's path prefix (path[:n]).
func (f *Form) group(path []string) *Group {
	if f.groupAt == nil {
		f.index()
	}
	if i, ok := f.groupAt[strings.Join(path, "/")]; ok {
		return &f.Groups[i]
	}
	return nil
}

func (f *Form) index() {
	f.byKey = make(map[string]int, len(f.Questions))
	f.byRef = make(map[string]int, len(f.Questions))
	uses := map[string]int{}
	for _, q := range f.Questions {
		uses[q.Name]++
	}
	for _, g := range f.Groups {
		uses[g.Name]++
	}
	for i, q := range f.Questions {
		f.byKey[q.Key] = i
		if uses[q.Name] == 1 {
			f.byRef[q.Name] = i
		}
	}
	f.groupAt = make(map[string]int, len(f.Groups))
	f.groupBy = make(map[string]int, len(f.Groups))
	for i, g := range f.Groups {
		f.groupAt[strings.Join(append(append([]string{}, g.Path...), g.Name), "/")] = i
		if uses[g.Name] == 1 {
			f.groupBy[g.Name] = i
		}
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

// answerable reports whether the respondent gives the answer (not a note,
// calculation or the device's metadata), so that required and constraint
// apply to it.
func (q *Question) answerable() bool {
	switch q.Type {
	case Calculate, Hidden:
		return false
	}
	return q.Type.holdsData() && !q.Type.Metadata()
}

// env is the environment the form's expressions are evaluated in.
func (f *Form) env(answers map[string]string, repeats map[string][]map[string]string) Env {
	return Env{Answers: answers, Repeats: repeats, Lang: f.DefaultLanguage, form: f}
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
