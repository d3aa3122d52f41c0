package survey

import (
	"strconv"
	"strings"

	"papihub/internal/platform/vn"
)

// How an export's header names a form's question. Kobo and ODK write, by
// the export's settings: the name ("q1"), the group path ("grp/q1", ODK
// Central "grp-q1"), the label in any language ("Ông/bà có…"), a
// select_multiple choice as its own 0/1 column ("q1/opt", "q1-opt",
// "Label/Choice label"), a repeat laid out wide ("rep[3]/age"), and
// metadata columns. resolveColumn tries them in that order of certainty.

type colKind uint8

const (
	colUnknown  colKind = iota // kept in Extra and reported
	colQuestion                // the answer to q
	colChoice                  // 0/1 for one choice of a select_multiple q
	colWide                    // field q of instance index of a repeat
	colMeta                    // export metadata, used or dropped
	colPersonal                // dropped: looks like a name, phone or ID
	colNote                    // a note's column, always empty
	colGeoPart                 // one coordinate of q, which ODK Central splits into four columns
	colDerived                 // dropped: made by the export from q (Kobo's media URL, geopoint parts)
)

// Metadata roles the importer uses; other metadata is recognised and dropped.
const (
	metaOther = iota
	metaInstanceID
	metaUUID
	metaKey
	metaParentKey
	metaIndex
	metaParentIndex
	metaSubmitted
	metaVersion
)

// metaColumns lists Kobo's and ODK Central's metadata columns, lower-cased.
// Dropping the personal ones (SubmitterName, username, phonenumber) is
// deliberate: responses hold no names.
var metaColumns = map[string]int{
	"meta/instanceid": metaInstanceID, "meta-instanceid": metaInstanceID, "instanceid": metaInstanceID,
	"_uuid": metaUUID, "key": metaKey, "parent_key": metaParentKey,
	"_index": metaIndex, "_parent_index": metaParentIndex,
	"_submission_time": metaSubmitted, "submissiondate": metaSubmitted,
	"_version": metaVersion, "__version__": metaVersion, "_version_": metaVersion, "formversion": metaVersion,
	"_id": metaOther, "start": metaOther, "end": metaOther, "today": metaOther, "deviceid": metaOther,
	"username": metaOther, "simserial": metaOther, "subscriberid": metaOther, "phonenumber": metaOther,
	"meta/instancename": metaOther, "meta-instancename": metaOther,
	"meta/deprecatedid": metaOther, "meta-deprecatedid": metaOther, "meta/rootuuid": metaOther, "meta/audit": metaOther,
	"_parent_table_name": metaOther, "_submission__id": metaOther, "_submission__uuid": metaOther,
	"_submission__submission_time": metaOther, "_submission__validation_status": metaOther,
	"_submission__notes": metaOther, "_submission__status": metaOther, "_submission__submitted_by": metaOther,
	"_submission___version__": metaOther, "_submission__tags": metaOther, "_submitted_by": metaOther,
	"_status": metaOther, "_validation_status": metaOther, "_notes": metaOther, "_tags": metaOther,
	"_attachments": metaOther, "_geolocation": metaOther, "_xform_id_string": metaOther, "_duration": metaOther,
	"submitterid": metaOther, "submittername": metaOther, "attachmentspresent": metaOther,
	"attachmentsexpected": metaOther, "status": metaOther, "reviewstate": metaOther, "edits": metaOther,
}

type column struct {
	kind   colKind
	header string
	q      *Question
	choice string // colChoice
	index  int    // colWide: 0-based instance; colGeoPart: 0 latitude … 3 accuracy
	meta   int    // colMeta
}

// resolver answers "which question does this header mean" for one form.
type resolver struct {
	form     *Form
	byKey    map[string]*Question // names and group paths, exact
	byLabel  map[string]*Question // folded labels in every language; nil when ambiguous
	choiceBy map[string]map[string]string
	repeats  map[string]bool
}

func newResolver(f *Form) *resolver {
	r := &resolver{form: f, byKey: map[string]*Question{}, byLabel: map[string]*Question{},
		choiceBy: map[string]map[string]string{}, repeats: map[string]bool{}}
	for _, g := range f.Groups {
		if g.Repeat {
			r.repeats[g.Name] = true
		}
	}
	for i := range f.Questions {
		q := &f.Questions[i]
		if _, unique := f.questionByRef(q.Name); unique {
			r.byKey[q.Name] = q
		}
		r.byKey[q.Key] = q
		if len(q.Group) > 0 {
			path := append(append([]string{}, q.Group...), q.Name)
			r.byKey[strings.Join(path, "/")] = q
			r.byKey[strings.Join(path, "-")] = q
			r.byKey[strings.Join(path, ".")] = q
		}
		for _, label := range q.Labels {
			key := vn.Fold(label)
			if other, seen := r.byLabel[key]; seen && other != q {
				r.byLabel[key] = nil // two questions share the label: neither matches by it
				continue
			}
			r.byLabel[key] = q
		}
	}
	for list, choices := range f.Choices {
		m := map[string]string{}
		for _, c := range choices {
			m[c.Name] = c.Name
		}
		for _, c := range choices {
			for _, label := range c.Labels {
				if key := vn.Fold(label); m[key] == "" {
					m[key] = c.Name
				}
			}
		}
		r.choiceBy[list] = m
	}
	return r
}

// question finds a question by name, path or label.
func (r *resolver) question(s string) *Question {
	if q := r.byKey[s]; q != nil {
		return q
	}
	return r.byLabel[vn.Fold(s)]
}

// questionAfterPrefix strips group names or labels from the front: "grp/q",
// "Group label/Question label", "grp-sub-q". Trying every separator lets
// labels keep their own slashes ("Ông/bà").
func (r *resolver) questionAfterPrefix(s string) *Question {
	if q := r.question(s); q != nil {
		return q
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '/' || s[i] == '-' {
			if q := r.question(s[i+1:]); q != nil {
				return q
			}
		}
	}
	return nil
}

func (r *resolver) choice(q *Question, s string) (string, bool) {
	if q.OrOther && strings.EqualFold(s, "other") {
		return "other", true
	}
	m := r.choiceBy[q.ListName]
	if name, ok := m[s]; ok {
		return name, true
	}
	name, ok := m[vn.Fold(s)]
	return name, ok
}

// resolveColumn decides what one header means. repeat is "" for a main
// table, or the repeat a separate repeat table holds.
func (r *resolver) resolveColumn(header, repeat string) column {
	h := strings.TrimSpace(header)
	c := column{header: h}
	if h == "" {
		return c
	}
	inScope := func(q *Question) bool { return q != nil && q.Repeat == repeat }
	if q := r.question(h); inScope(q) {
		return r.questionColumn(c, q)
	}
	if role, ok := metaColumns[strings.ToLower(h)]; ok {
		c.kind, c.meta = colMeta, role
		return c
	}
	if repeat == "" {
		if wide, ok := r.wideColumn(c); ok {
			return wide
		}
	}
	if derived, ok := r.derivedColumn(c, inScope); ok {
		return derived
	}
	for i := len(h) - 1; i > 0; i-- {
		if h[i] != '/' && h[i] != '-' {
			continue
		}
		if q := r.questionAfterPrefix(h[:i]); inScope(q) && q.Type == SelectMultiple {
			if name, ok := r.choice(q, h[i+1:]); ok {
				c.kind, c.q, c.choice = colChoice, q, name
				return c
			}
		}
	}
	if q := r.questionAfterPrefix(h); inScope(q) {
		return r.questionColumn(c, q)
	}
	// Metadata written with a group prefix ("grp/_index") is still metadata.
	if i := strings.LastIndexAny(h, "/-"); i >= 0 {
		if role, ok := metaColumns[strings.ToLower(h[i+1:])]; ok && strings.HasPrefix(h[i+1:], "_") {
			c.kind, c.meta = colMeta, role
			return c
		}
	}
	if looksPersonal(h) {
		c.kind = colPersonal
	}
	return c
}

func (r *resolver) questionColumn(c column, q *Question) column {
	c.q = q
	switch {
	case looksPersonal(q.Name) || q.Type.personalMetadata():
		c.kind = colPersonal
	case !q.Type.holdsData():
		c.kind = colNote
	default:
		c.kind = colQuestion
	}
	return c
}

// geoParts are the suffixes exports give the parts of a geopoint: Kobo's
// "_loc_latitude" columns beside "loc", ODK Central's "loc-Latitude"
// instead of it.
var geoParts = []struct{ kobo, odk string }{
	{"_latitude", "-Latitude"}, {"_longitude", "-Longitude"}, {"_altitude", "-Altitude"}, {"_precision", "-Accuracy"},
}

// derivedColumn recognises the columns an export makes from a question:
// the parts of a geopoint and Kobo's link to an attached file ("photo_URL").
func (r *resolver) derivedColumn(c column, inScope func(*Question) bool) (column, bool) {
	h := c.header
	if base, ok := strings.CutSuffix(h, "_URL"); ok {
		if q := r.questionAfterPrefix(base); inScope(q) && q.Type.Media() {
			c.kind, c.q = colDerived, q
			return c, true
		}
	}
	for i, part := range geoParts {
		if base, ok := strings.CutSuffix(h, part.odk); ok {
			if q := r.questionAfterPrefix(base); inScope(q) && q.Type.Geo() {
				c.kind, c.q, c.index = colGeoPart, q, i
				return c, true
			}
		}
		if base, ok := strings.CutSuffix(h, part.kobo); ok && strings.HasPrefix(base, "_") {
			if q := r.questionAfterPrefix(base[1:]); inScope(q) && q.Type.Geo() {
				c.kind, c.q, c.index = colGeoPart, q, i
				return c, true
			}
		}
	}
	return c, false
}

// wideColumn reads "rep[3]/age", "grp/rep[3]/grp2/age" or "rep[3]-age".
func (r *resolver) wideColumn(c column) (column, bool) {
	h := c.header
	open := strings.IndexByte(h, '[')
	if open <= 0 {
		return c, false
	}
	end := strings.IndexByte(h[open:], ']')
	if end < 0 {
		return c, false
	}
	end += open
	n, err := strconv.Atoi(h[open+1 : end])
	if err != nil || n < 1 {
		return c, false
	}
	name := h[:open]
	if i := strings.LastIndexAny(name, "/-"); i >= 0 {
		name = name[i+1:]
	}
	if !r.repeats[name] {
		return c, false
	}
	rest := strings.TrimLeft(h[end+1:], "/-")
	q := r.questionAfterPrefix(rest)
	if q == nil || q.Repeat != name || !q.Type.holdsData() {
		return c, false
	}
	if looksPersonal(q.Name) || q.Type.personalMetadata() {
		c.kind = colPersonal
		return c, true
	}
	c.kind, c.q, c.index = colWide, q, n-1
	return c, true
}
