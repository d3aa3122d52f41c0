package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"papihub/internal/plan"
)

const seedPlan = "../../internal/plan/testdata/seed-ke-hoach-papi-2023-so-tttt-hung-yen.md"

func runPlan(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := runMain(context.Background(), e, append([]string{"plan"}, args...))
	return code, out.String(), errOut.String()
}

func TestPlanParseSummarisesTheSeedByDimension(t *testing.T) {
	code, out, errOut := runPlan(t, "parse", seedPlan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"8 mục, 18 nhiệm vụ",
		"D3     Trách nhiệm giải trình với người dân",
		"D8     Quản trị điện tử",
		"GIÁM ĐỐC Bùi Văn Sỹ",
		"(chưa có số)/KH-STTTT",
		"Cần xem lại (4)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestPlanParseJSONIsTheDraftInReadableUTF8(t *testing.T) {
	code, out, errOut := runPlan(t, "parse", seedPlan, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// “ ” and Vietnamese letters stay as they are, not \u escapes.
	if !strings.Contains(out, `"name": "Bùi Văn Sỹ"`) || !strings.Contains(out, "“Quản trị điện tử”") || strings.Contains(out, `\u`) {
		t.Errorf("JSON is not plain UTF-8:\n%s", out)
	}
	var d plan.Draft
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("stdout is not a draft: %v", err)
	}
	if len(d.Sections) != 8 || d.TaskCount() != 18 || d.Basis[0].Refs[0] != "07/KH-UBND" {
		t.Errorf("draft: %d sections, %d tasks, basis %+v", len(d.Sections), d.TaskCount(), d.Basis)
	}
	if !strings.Contains(errOut, "Cần xem lại") {
		t.Errorf("review notes should go to stderr, got %q", errOut)
	}
}

func TestPlanParseReadsStandardInput(t *testing.T) {
	data, err := os.ReadFile(seedPlan)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdin: bytes.NewReader(data), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	if code := runMain(context.Background(), e, []string{"plan", "parse", "-"}); code != 0 || !strings.Contains(out.String(), "18 nhiệm vụ") {
		t.Fatalf("exit %d, output:\n%s%s", code, out.String(), errOut.String())
	}
}

func TestPlanParseRefusesADocumentThatIsNotAPlan(t *testing.T) {
	file := filepath.Join(t.TempDir(), "thu.txt")
	if err := os.WriteFile(file, []byte("Kính gửi: Sở Nội vụ\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runPlan(t, "parse", file)
	if code != 1 || !strings.Contains(errOut, "không phải là kế hoạch") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestPlanParseWithoutAFileIsAUsageError(t *testing.T) {
	if code, _, _ := runPlan(t, "parse"); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if code, _, _ := runPlan(t, "frobnicate"); code != 2 {
		t.Fatalf("unknown subcommand: exit %d, want 2", code)
	}
}

func TestPlanParseListsBaselinesJointSectionsAndWhatItCouldNotPlace(t *testing.T) {
	code, out, errOut := runPlan(t, "parse", "../../internal/plan/testdata/shapes/b-kem-quyet-dinh-tinh.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"1234/QĐ-UBND",
		"D2+D3",
		"D3     4,40 điểm, năm 2025, nhóm thấp nhất, −0,20",
		"Chưa xếp vào bản nháp (1):\n  dòng 17: Nhiệm vụ cụ thể theo từng chỉ số nội dung",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
