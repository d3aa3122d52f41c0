package plan

import (
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// A PlanInput is a whole plan to save: from a reviewed draft, the template,
// a derived plan or the API.
type PlanInput struct {
	UnitID       int64          `json:"unit_id"`
	Number       string         `json:"number"`
	Symbol       string         `json:"symbol"`
	Title        string         `json:"title"`
	ParentBody   string         `json:"parent_body"`
	Place        string         `json:"place"`
	IssueDate    string         `json:"date"`
	Year         int            `json:"year"`
	Basis        []PlanBasis    `json:"basis"`
	Purposes     []string       `json:"purposes"`
	Requirements []string       `json:"requirements"`
	Organisation []string       `json:"organisation"`
	Recipients   []string       `json:"recipients"`
	Signer       Signer         `json:"signer"`
	DerivedFrom  int64          `json:"derived_from,omitempty"`
	Sections     []SectionInput `json:"sections"`
}

// A SectionInput is one section with its tasks.
type SectionInput struct {
	Dimension string      `json:"dimension"`
	Heading   string      `json:"heading"`
	Intro     string      `json:"intro,omitempty"`
	Tasks     []TaskInput `json:"tasks"`
}

// A TaskInput is a task to create or change.
type TaskInput struct {
	SectionID      int64      `json:"section_id,omitempty"`
	Text           string     `json:"text"`
	Details        []string   `json:"details,omitempty"`
	LeadUnitID     int64      `json:"lead_unit_id"`
	Coordinators   []int64    `json:"coordinators,omitempty"`
	Assignees      []int64    `json:"assignees,omitempty"`
	ExpectedOutput string     `json:"expected_output,omitempty"`
	Target         *Target    `json:"target,omitempty"`
	Recurrence     Recurrence `json:"-"`
	SourceTaskID   int64      `json:"-"`
}

// Normalize trims the header's text.
func (in *PlanInput) Normalize() {
	for _, s := range []*string{&in.Number, &in.Symbol, &in.Title, &in.ParentBody, &in.Place, &in.IssueDate} {
		*s = strings.TrimSpace(*s)
	}
	in.Symbol = strings.TrimPrefix(in.Symbol, "/")
}

// Validate checks what needs no database: the title, year, date, and for
// every task its text, lead unit and schedule. Field names of tasks are
// "sections.S.tasks.T.field" (0-based) so that the review page can show a
// message beside the task.
func (in PlanInput) Validate() web.FieldErrors {
	errs := web.FieldErrors{}
	if in.Title == "" {
		errs.Add("title", "plan.title.required")
	}
	if in.UnitID == 0 {
		errs.Add("unit_id", "plan.unit.required")
	}
	if in.Year < 2000 || in.Year > 2100 {
		errs.Add("year", "plan.year.invalid")
	}
	if in.IssueDate != "" {
		if _, ok := earliestDay(in.IssueDate); !ok {
			errs.Add("date", "plan.date.invalid")
		}
	}
	if in.Number != "" && in.Symbol == "" {
		errs.Add("symbol", "plan.symbol.required")
	}
	for si, s := range in.Sections {
		if s.Dimension != "" && !knownDimension(s.Dimension, in.Year) {
			errs.Add(sectionField(si, "dimension"), "plan.section.dimension.invalid")
		}
		for ti, t := range s.Tasks {
			for k, v := range t.validate() {
				errs.Add(taskField(si, ti, k), v)
			}
		}
	}
	return errs
}

func (t TaskInput) validate() web.FieldErrors {
	errs := web.FieldErrors{}
	if strings.TrimSpace(t.Text) == "" {
		errs.Add("text", "plan.task.text.required")
	}
	if t.LeadUnitID == 0 {
		errs.Add("lead_unit_id", "plan.task.lead.required")
	}
	if t.Recurrence.Validate() != nil {
		if t.Recurrence.Frequency == Once {
			errs.Add("due", "plan.task.due.required")
		} else {
			errs.Add("frequency", "plan.task.frequency.invalid")
		}
	}
	if t.Target != nil && strings.TrimSpace(t.Target.Unit) == "" {
		errs.Add("target_unit", "plan.task.target.unit.required")
	}
	return errs
}

func sectionField(si int, f string) string {
	return "sections." + itoa(si) + "." + f
}

func taskField(si, ti int, f string) string {
	return "sections." + itoa(si) + ".tasks." + itoa(ti) + "." + f
}

// earliestDay is the first day a (possibly partial) issue date can be: the
// day itself, the 1st of the month, or 1 January. A deadline before it is
// before the plan for certain.
func earliestDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			t, err := time.Parse(layout, s)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// referenceDay is the day on which the plan's units must be open: its issue
// date (or the earliest day of a partial one), else 1 January of its year.
func (in PlanInput) referenceDay() time.Time {
	if t, ok := earliestDay(in.IssueDate); ok && in.IssueDate != "" {
		return t
	}
	return date(in.Year, time.January, 1)
}

func knownDimension(code string, year int) bool {
	fw, ok := frameworkFor(year)
	if !ok {
		return false
	}
	_, ok = fw.Dimension(code)
	return ok
}

// UnitRef is a unit a draft's lead or coordinator names may resolve to.
type UnitRef struct {
	ID   int64
	Name string
}

// InputFromDraft turns a reviewed draft into a plan to save for unitID. The
// units are those the plan may assign (the issuer's subtree, issuer first):
// a task's "Đơn vị chủ trì" is matched to one of them by name, ignoring case
// and diacritics. A task with no lead, or one that names no known unit, is
// led by the issuer until the focal office assigns it; a deadline that is
// not understood falls back to quarterly reporting. Both are reported.
func InputFromDraft(d Draft, unitID int64, units []UnitRef) (PlanInput, []Problem) {
	in := PlanInput{
		UnitID: unitID, Number: d.Number, Symbol: d.Symbol, Title: d.Title, ParentBody: d.ParentBody,
		Place: d.Place, IssueDate: d.Date, Year: d.Year, Purposes: d.Purposes, Requirements: d.Requirements,
		Organisation: d.Organisation, Recipients: d.Recipients, Signer: d.Signer,
	}
	var probs []Problem
	for _, b := range d.Basis {
		in.Basis = append(in.Basis, PlanBasis{Text: b.Text, Refs: b.Refs})
	}
	byName := map[string]int64{}
	for _, u := range units {
		if _, dup := byName[vn.Fold(u.Name)]; !dup {
			byName[vn.Fold(u.Name)] = u.ID
		}
	}
	find := func(name string) int64 { return byName[vn.Fold(strings.TrimSpace(name))] }
	leadless := 0
	for _, s := range d.Sections {
		sec := SectionInput{Dimension: s.Dimension, Heading: s.Heading, Intro: s.Intro}
		for _, t := range s.Tasks {
			ti := TaskInput{Text: t.Text, Details: t.Details, LeadUnitID: find(t.Lead)}
			if ti.LeadUnitID == 0 {
				ti.LeadUnitID = unitID
				if t.Lead != "" {
					probs = append(probs, Problem{Message: "Không tìm thấy đơn vị chủ trì “" + t.Lead + "”; nhiệm vụ tạm giao cho cơ quan ban hành", Severity: SevWarning})
				} else {
					leadless++
				}
			}
			for _, c := range t.Coordinators {
				if id := find(c); id != 0 && id != ti.LeadUnitID {
					ti.Coordinators = append(ti.Coordinators, id)
				}
			}
			rec, ok := ParseDue(t.Due, d.Year)
			if !ok {
				probs = append(probs, Problem{Message: "Không hiểu thời hạn “" + t.Due + "”; nhiệm vụ được đặt là thường xuyên, báo cáo hằng quý", Severity: SevWarning})
			}
			ti.Recurrence = rec
			sec.Tasks = append(sec.Tasks, ti)
		}
		in.Sections = append(in.Sections, sec)
	}
	if leadless > 0 {
		probs = append(probs, Problem{Message: itoa(leadless) + " nhiệm vụ chưa có đơn vị chủ trì; tạm giao cho cơ quan ban hành, hãy phân công cho các phòng", Severity: SevInfo})
	}
	return in, probs
}
