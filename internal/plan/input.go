package plan

import (
	"math"
	"slices"
	"strings"
	"time"

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
	Baselines    []Baseline     `json:"baselines,omitempty"`
	Sections     []SectionInput `json:"sections"`
}

// A SectionInput is one section with its tasks. Also lists the further
// dimensions a two-dimension section's tasks serve.
type SectionInput struct {
	Dimension string      `json:"dimension"`
	Also      []string    `json:"also,omitempty"`
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
	// DueText and LeadText are the deadline and the units as the plan
	// document wrote them ("Quý II/2026", "Chủ trì: VP Sở; phối hợp: các
	// phòng"), kept beside the schedule and units they became.
	DueText  string `json:"due_text,omitempty"`
	LeadText string `json:"lead_text,omitempty"`
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
	in.checkLengths(errs)
	seen := map[string]bool{}
	for bi, b := range in.Baselines {
		for k, v := range b.validate(in.Year) {
			errs.Add("baselines."+itoa(bi)+"."+k, v)
		}
		if seen[b.Dimension] {
			errs.Add("baselines."+itoa(bi)+".dimension", "plan.baseline.duplicate")
		}
		seen[b.Dimension] = true
	}
	for si, s := range in.Sections {
		if s.Dimension != "" && !knownDimension(s.Dimension, in.Year) {
			errs.Add(sectionField(si, "dimension"), "plan.section.dimension.invalid")
		}
		for _, c := range s.Also {
			if c == s.Dimension || !knownDimension(c, in.Year) {
				errs.Add(sectionField(si, "also"), "plan.section.dimension.invalid")
			}
		}
		for ti, t := range s.Tasks {
			for k, v := range t.validate() {
				errs.Add(taskField(si, ti, k), v)
			}
		}
	}
	return errs
}

// validate is the one check of a task, whichever way it comes (the form, the
// API, a reviewed draft, a derived plan): what is stored here is read back
// by every list, export and reminder, so nothing out of range gets in.
func (t TaskInput) validate() web.FieldErrors {
	errs := web.FieldErrors{}
	if strings.TrimSpace(t.Text) == "" {
		errs.Add("text", "plan.task.text.required")
	}
	if t.LeadUnitID <= 0 {
		errs.Add("lead_unit_id", "plan.task.lead.required")
	}
	if t.Recurrence.Validate() != nil {
		if t.Recurrence.Frequency == Once {
			errs.Add("due", "plan.task.due.required")
		} else {
			errs.Add("frequency", "plan.task.frequency.invalid")
		}
	}
	if r := t.Recurrence; r.Frequency == Once && !r.Due.IsZero() && (r.Due.Year() < minPlanYear || r.Due.Year() > maxPlanYear+1) {
		errs.Add("due", "plan.task.due.out_of_range")
	}
	if r := t.Recurrence; r.Frequency != Once && (r.OffsetDays < minOffset(r.Frequency) || r.OffsetDays > maxOffset) {
		errs.Add("offset_days", "plan.task.offset.invalid")
	}
	if t.Target != nil {
		if strings.TrimSpace(t.Target.Unit) == "" {
			errs.Add("target_unit", "plan.task.target.unit.required")
		}
		if v := t.Target.Value; math.IsNaN(v) || math.Abs(v) > maxTargetValue {
			errs.Add("target_value", "plan.task.target.value.invalid")
		}
		errs.Line("target_unit", t.Target.Unit)
		errs.Line("target_method", t.Target.Method)
		errs.Line("metric_code", t.Target.MetricCode)
	}
	errs.Paragraph("text", t.Text)
	errs.Paragraph("expected_output", t.ExpectedOutput)
	errs.Line("due_text", t.DueText)
	errs.Paragraph("lead_text", t.LeadText)
	if len(t.Details) > maxListItems {
		errs.Add("details", "plan.list.too_many")
	}
	for _, d := range t.Details {
		errs.Paragraph("details", d)
	}
	if len(t.Coordinators) > maxListItems || len(t.Assignees) > maxListItems {
		errs.Add("coordinators", "plan.list.too_many")
	}
	// An id of 0 (JSON null or 0) names no unit or user; the database
	// would refuse it with an error nobody can act on.
	if slices.ContainsFunc(t.Coordinators, func(id int64) bool { return id <= 0 }) {
		errs.Add("coordinators", "plan.unit.unknown")
	}
	if slices.ContainsFunc(t.Assignees, func(id int64) bool { return id <= 0 }) {
		errs.Add("assignees", "plan.task.assignee.unknown")
	}
	return errs
}

// Bounds of what a plan holds. A plan is about the years 2000–2100 (its
// deadlines may run into the next); a periodic deadline falls at most 60
// days after its period's end (before it: minOffset); a target is a count,
// a percentage or a score, never beyond a trillion; a list (purposes,
// details, units of a task) has at most 500 items.
const (
	minPlanYear    = 2000
	maxPlanYear    = 2100
	maxOffset      = 60
	maxTargetValue = 1e12
	maxListItems   = 500
)

// checkLengths holds every text of a plan's header to the platform's
// lengths, and its lists to maxListItems.
func (in PlanInput) checkLengths(errs web.FieldErrors) {
	for f, v := range map[string]string{"number": in.Number, "symbol": in.Symbol, "title": in.Title, "parent_body": in.ParentBody,
		"place": in.Place, "date": in.IssueDate, "signer_title": in.Signer.Title, "signer_name": in.Signer.Name} {
		errs.Line(f, v)
	}
	for f, list := range map[string][]string{"purposes": in.Purposes, "requirements": in.Requirements, "organisation": in.Organisation, "recipients": in.Recipients} {
		if len(list) > maxListItems {
			errs.Add(f, "plan.list.too_many")
		}
		for _, v := range list {
			errs.Paragraph(f, v)
		}
	}
	if len(in.Basis) > maxListItems {
		errs.Add("basis", "plan.list.too_many")
	}
	for _, b := range in.Basis {
		errs.Paragraph("basis", b.Text)
		if len(b.Refs) > maxListItems {
			errs.Add("basis", "plan.list.too_many")
		}
		for _, r := range b.Refs {
			errs.Line("basis", r)
		}
	}
	for bi, b := range in.Baselines {
		errs.Line("baselines."+itoa(bi)+".group", b.Group)
		errs.Paragraph("baselines."+itoa(bi)+".text", b.Text)
	}
	for si, s := range in.Sections {
		errs.Paragraph(sectionField(si, "heading"), s.Heading)
		errs.Paragraph(sectionField(si, "intro"), s.Intro)
	}
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
	ID    int64
	Name  string
	Short string
}

// InputFromDraft turns a reviewed draft into a plan to save for unitID. The
// units are those the plan may assign (the issuer's subtree, issuer first):
// a task's "Đơn vị chủ trì" is the unit the reviewer chose, or the one its
// name means (matchUnit: diacritics, case, abbreviations such as "VP Sở").
// A task with no lead, or one that names no known unit, is led by the issuer
// until the focal office assigns it; a deadline that is not understood falls
// back to quarterly reporting. Both are reported with the task's line. The
// words as written (units, deadline) stay on the task.
func InputFromDraft(d Draft, unitID int64, units []UnitRef) (PlanInput, []Problem) {
	in := PlanInput{
		UnitID: unitID, Number: d.Number, Symbol: d.Symbol, Title: d.Title, ParentBody: d.ParentBody,
		Place: d.Place, IssueDate: d.Date, Year: d.Year, Purposes: d.Purposes, Requirements: d.Requirements,
		Organisation: d.Organisation, Recipients: d.Recipients, Signer: d.Signer, Baselines: d.Baselines,
	}
	var probs []Problem
	for _, b := range d.Basis {
		in.Basis = append(in.Basis, PlanBasis{Text: b.Text, Refs: b.Refs})
	}
	find := func(name string) int64 {
		if id := matchUnit(name, units); id != 0 {
			return id
		}
		// "Văn phòng Sở; các phòng" in the lead column: the first is the lead.
		if parts := splitUnits(name); len(parts) > 1 {
			return matchUnit(parts[0], units)
		}
		return 0
	}
	leadless := 0
	for _, s := range d.Sections {
		sec := SectionInput{Dimension: s.Dimension, Also: s.Also, Heading: s.Heading, Intro: s.Intro}
		for _, t := range s.Tasks {
			ti := TaskInput{Text: t.Text, Details: t.Details, ExpectedOutput: t.Output, DueText: t.Due,
				LeadText: unitsText(t.Lead, t.Coordinators), LeadUnitID: t.LeadUnitID}
			if ti.LeadUnitID == 0 {
				ti.LeadUnitID = find(t.Lead)
			}
			if ti.LeadUnitID == 0 {
				ti.LeadUnitID = unitID
				if t.Lead != "" {
					probs = append(probs, Problem{Line: t.Line, Message: "Không khớp “" + t.Lead + "” với đơn vị nào của cơ quan; nhiệm vụ tạm giao cho cơ quan ban hành, tên đơn vị được giữ trên nhiệm vụ", Severity: SevWarning})
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
				probs = append(probs, Problem{Line: t.Line, Message: "Không hiểu thời hạn “" + t.Due + "”; nhiệm vụ được đặt là thường xuyên, báo cáo hằng quý, thời hạn ghi trong văn bản được giữ trên nhiệm vụ", Severity: SevWarning})
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

// unitsText is how the plan wrote a task's units: "Chủ trì: Văn phòng Sở;
// phối hợp: các phòng".
func unitsText(lead string, coords []string) string {
	var parts []string
	if lead != "" {
		parts = append(parts, "Chủ trì: "+lead)
	}
	if len(coords) > 0 {
		parts = append(parts, "phối hợp: "+strings.Join(coords, ", "))
	}
	return strings.Join(parts, "; ")
}
