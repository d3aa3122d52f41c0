package survey

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// A NamedReader is one uploaded file. The name's extension says how to read
// it: .xlsx (every sheet a table), .zip (ODK Central: every CSV inside),
// anything else CSV.
type NamedReader struct {
	Name string
	R    io.Reader
}

// ImportOptions say how to read an export.
type ImportOptions struct {
	// UnitColumn names the column (header as written, or a question name)
	// holding the unit a response belongs to. Empty: no unit.
	UnitColumn string
	// UnitOf, when set, turns the column's value into a unit id and says
	// whether the unit is known; unknown units reject the row.
	UnitOf func(value string) (unit string, ok bool)
	// KnownIDs are instance ids already imported (with or without the
	// "uuid:" prefix); rows with them count as duplicates.
	KnownIDs map[string]bool
	// Strict also rejects rows that break a required or constraint rule.
	// Off by default: the collection app enforced them when the answers were
	// given, and a form revised since must not make old answers unreadable.
	Strict bool
}

// A Batch is what an import read: the responses to store, and an account of
// everything it did not take.
type Batch struct {
	Responses      []Response
	Duplicates     int
	Rejected       []RowError
	UnknownColumns []string // headers the form does not know, each once, kept in Extra
	Warnings       []string // Vietnamese: personal data removed, times not read
}

// A Response is one respondent's answers. It holds no names, phones or ID
// numbers.
type Response struct {
	InstanceID  string // without the "uuid:" prefix ODK puts before it
	Unit        string
	SubmittedAt time.Time // zero when the export has none
	Version     string
	Answers     map[string]string              // by question name; empty answers left out
	Repeats     map[string][]map[string]string // by repeat name, one map per instance
	Extra       map[string]string              // columns the form does not know, by header
}

// A RowError says why a row was not imported, in Vietnamese, at the line a
// person finds it: the CSV line (counting a header as line 1) or the sheet
// row.
type RowError struct {
	File   string
	Line   int
	Column string
	Reason string
}

func (e RowError) Error() string {
	s := fmt.Sprintf("%s dòng %d", e.File, e.Line)
	if e.Column != "" {
		s += ", cột " + e.Column
	}
	return s + ": " + e.Reason
}

// ReadResponses reads Kobo and ODK exports of the form: one or more main
// tables and any repeat tables, as CSV, XLSX or ODK Central's zip. Rows are
// streamed; a row with any bad value is rejected whole (with every reason),
// and the returned error is kept for files that cannot be read as exports at
// all, so that the caller imports everything or nothing.
func ReadResponses(form *Form, files []NamedReader, opts ImportOptions) (*Batch, error) {
	imp := newImporter(form, opts)
	var tables []*table
	defer func() {
		for _, t := range tables {
			if t.close != nil {
				t.close()
			}
		}
	}()
	for _, f := range files {
		ts, err := openTables(f)
		tables = append(tables, ts...)
		if err != nil {
			return nil, fmt.Errorf("survey: %w", err)
		}
	}
	var mains []*table
	for _, t := range tables {
		if hasParentLink(t.header) {
			if err := imp.readRepeatTable(t); err != nil {
				return nil, fmt.Errorf("survey: %w", err)
			}
			continue
		}
		mains = append(mains, t)
	}
	if len(mains) == 0 {
		return nil, fmt.Errorf("survey: không có bảng chính (bảng không có cột PARENT_KEY hay _parent_index) trong các tệp đã gửi")
	}
	for _, t := range mains {
		if err := imp.readMainTable(t); err != nil {
			return nil, fmt.Errorf("survey: %w", err)
		}
	}
	imp.finish()
	return imp.batch, nil
}

func hasParentLink(header []string) bool {
	for _, h := range header {
		switch metaColumns[strings.ToLower(strings.TrimSpace(h))] {
		case metaParentKey, metaParentIndex:
			return true
		}
	}
	return false
}

// importer carries what one import has seen across its tables.
type importer struct {
	form     *Form
	opts     ImportOptions
	resolve  *resolver
	batch    *Batch
	seen     map[string]bool            // instance ids taken in this import
	unknown  map[string]bool            // unknown headers reported
	personal map[string]bool            // personal headers reported
	redacted map[string]int             // values cleaned, by header
	badTimes map[string]int             // unreadable submission times, by file
	pending  map[string][]pendingRepeat // repeat rows by parent link
	repKeys  map[string]bool            // repeat rows' own KEY, to drop repeats listed twice
}

// A pendingRepeat is a row of a repeat table waiting for its parent row.
type pendingRepeat struct {
	repeat string
	values map[string]string
	errs   []RowError
	file   string
	line   int
}

func newImporter(form *Form, opts ImportOptions) *importer {
	return &importer{
		form: form, opts: opts, resolve: newResolver(form), batch: &Batch{},
		seen: map[string]bool{}, unknown: map[string]bool{}, personal: map[string]bool{},
		redacted: map[string]int{}, badTimes: map[string]int{},
		pending: map[string][]pendingRepeat{}, repKeys: map[string]bool{},
	}
}

// plan resolves a table's header once; rows then index into it.
func (imp *importer) plan(t *table, repeat string) []column {
	cols := make([]column, len(t.header))
	for i, h := range t.header {
		cols[i] = imp.resolve.resolveColumn(h, repeat)
		switch cols[i].kind {
		case colUnknown:
			name := cols[i].header
			if name == "" {
				name = fmt.Sprintf("(cột %d)", i+1)
				cols[i].header = name
			}
			if !imp.unknown[name] {
				imp.unknown[name] = true
				imp.batch.UnknownColumns = append(imp.batch.UnknownColumns, name)
			}
		case colPersonal:
			if !imp.personal[cols[i].header] {
				imp.personal[cols[i].header] = true
				imp.batch.Warnings = append(imp.batch.Warnings, fmt.Sprintf(
					"cột %q trông như tên, số điện thoại hoặc số giấy tờ nên đã bị loại bỏ: dữ liệu khảo sát không được chứa thông tin cá nhân", cols[i].header))
			}
		}
	}
	return cols
}

// repeatOf decides which repeat a separate table holds: by its file or sheet
// name (ODK Central "form-repeat.csv", Kobo's sheet named after the repeat,
// cut to Excel's 31 characters), else by the repeat most of its columns
// belong to.
func (imp *importer) repeatOf(t *table) (string, error) {
	names := imp.form.Repeats()
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, r := range names {
		if t.name == r || strings.HasSuffix(t.name, "-"+r) || (len(t.name) == 31 && strings.HasPrefix(r, t.name)) {
			return r, nil
		}
	}
	votes := map[string]int{}
	for _, h := range t.header {
		if q := imp.resolve.questionAfterPrefix(strings.TrimSpace(h)); q != nil && q.Repeat != "" {
			votes[q.Repeat]++
		}
	}
	best := ""
	for _, r := range names {
		if votes[r] > votes[best] {
			best = r
		}
	}
	if best == "" {
		return "", fmt.Errorf("%s: bảng có cột PARENT_KEY/_parent_index nhưng không ứng với nhóm lặp (repeat) nào của biểu mẫu", t.file)
	}
	return best, nil
}
