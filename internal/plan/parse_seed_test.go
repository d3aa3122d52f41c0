package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// seedFile is a byte-for-byte copy of ../shared/seed/, the 2023 plan of Hưng
// Yên's Department of Information and Communications, so the test does not
// depend on the checkout's surroundings.
const seedFile = "testdata/seed-ke-hoach-papi-2023-so-tttt-hung-yen.md"

// parseFile parses a test file and fails the test on an error.
func parseFile(t testing.TB, path string) (Draft, []Problem) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, probs, err := Parse(f, path)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return d, probs
}

// outline lists "D1:1" per section: the dimension and its number of tasks;
// a section of two dimensions reads "D2+D3:1".
func outline(d Draft) []string {
	var out []string
	for _, s := range d.Sections {
		out = append(out, strings.Join(append([]string{s.Dimension}, s.Also...), "+")+":"+strconv.Itoa(len(s.Tasks)))
	}
	return out
}

func TestSeedPlanGivesEightDimensionSectionsWithEighteenTasks(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	want := []string{"D1:1", "D2:3", "D3:3", "D4:2", "D5:3", "D6:2", "D7:2", "D8:2"}
	if got := outline(d); !reflect.DeepEqual(got, want) {
		t.Fatalf("sections %v, want %v", got, want)
	}
	if d.TaskCount() != 18 {
		t.Fatalf("%d tasks, want 18", d.TaskCount())
	}
}

func TestSeedPlanHeaderIsReadExactly(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	for _, tc := range []struct{ field, got, want string }{
		// "Số: /KH-STTTT": not yet issued, so no number.
		{"number", d.Number, ""},
		{"symbol", d.Symbol, "KH-STTTT"},
		{"title", d.Title, "Nâng cao hiệu quả quản trị và hành chính công PAPI năm 2023"},
		// The agency's name sits under the title in the seed (its header
		// table was flattened); the parent body is inferred from the basis.
		{"issuer", d.Issuer, "Sở Thông tin và Truyền thông"},
		{"parent body", d.ParentBody, "UBND TỈNH HƯNG YÊN"},
		// The seed writes "Hung Yên" without the horn: kept as written.
		{"place", d.Place, "Hung Yên"},
		// "ngày tháng 02 năm 2023": the day is blank.
		{"date", d.Date, "2023-02"},
		{"signer title", d.Signer.Title, "GIÁM ĐỐC"},
		{"signer name", d.Signer.Name, "Bùi Văn Sỹ"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if d.Year != 2023 {
		t.Errorf("year = %d, want 2023", d.Year)
	}
	if len(d.Basis) != 1 || !reflect.DeepEqual(d.Basis[0].Refs, []string{"07/KH-UBND"}) {
		t.Errorf("basis = %+v, want one naming 07/KH-UBND", d.Basis)
	}
}

func TestSeedPlanBodyPartsLandInTheirPlaces(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	if len(d.Purposes) != 2 || !strings.HasPrefix(d.Purposes[0], "Phát huy sự tham gia") {
		t.Errorf("purposes = %q", d.Purposes)
	}
	if len(d.Requirements) != 2 || !strings.HasPrefix(d.Requirements[1], "Quán triệt đến cán bộ") {
		t.Errorf("requirements = %q", d.Requirements)
	}
	if len(d.Organisation) != 1 || !strings.Contains(d.Organisation[0], "báo cáo Sở Nội vụ") {
		t.Errorf("organisation = %q", d.Organisation)
	}
	if want := []string{"Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở", "Lưu VT"}; !reflect.DeepEqual(d.Recipients, want) {
		t.Errorf("recipients = %q, want %q", d.Recipients, want)
	}
	if got := d.Sections[2].Heading; got != "Chỉ số nội dung “Trách nhiệm giải trình với người dân”" {
		t.Errorf("D3 heading = %q", got)
	}
	if got := d.Sections[0].Tasks[0].Text; !strings.HasPrefix(got, "Tăng cường công tác thông tin") {
		t.Errorf("the D1 paragraph task = %q", got)
	}
}

func TestSeedPlanReportsWhatItInferredAndNothingWorse(t *testing.T) {
	_, probs := parseFile(t, seedFile)
	for _, p := range probs {
		if p.Severity != SevInfo {
			t.Errorf("unexpected %s on line %d: %s", p.Severity, p.Line, p.Message)
		}
	}
	// The blank number and day, the issuer under the title and the inferred
	// parent body are all choices a reviewer should see.
	lines := map[int]bool{}
	for _, p := range probs {
		lines[p.Line] = true
	}
	for _, l := range []int{3, 5, 9} {
		if !lines[l] {
			t.Errorf("no note on line %d; notes: %+v", l, probs)
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	data, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Parse(strings.NewReader(string(data)), "seed"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseShapes parses every test document of testdata/shapes once
// per iteration: the reader's cost on the shapes agencies write.
func BenchmarkParseShapes(b *testing.B) {
	paths, err := filepath.Glob("testdata/shapes/*")
	if err != nil {
		b.Fatal(err)
	}
	var docs []string
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs, size = append(docs, string(data)), size+len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			if _, _, err := Parse(strings.NewReader(d), "shape"); err != nil {
				b.Fatal(err)
			}
		}
	}
}
