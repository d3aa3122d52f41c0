package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"papihub/internal/papi"
	"papihub/internal/plan"
)

func init() {
	register(&command{
		name:    "plan",
		summary: "PAPI improvement plans: read a plan document",
		usage: `Usage:
  papihub plan parse FILE [--json]

parse reads a plan document — text or Markdown (like the seed plan), or DOCX —
from FILE ("-" for standard input) and prints the draft it would create: the
header (number, issuer, place and date), the legal basis, one section per PAPI
dimension with its tasks, the recipients and the signer, then what needs a
person's review. Nothing is saved.

  --json   print the draft as JSON (UTF-8, indented) instead of a summary`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "plan", args, planSubcommands)
		},
	})
}

// planSubcommands is open for more actions (import, report) added by their
// own files in an init function.
var planSubcommands = map[string]func(context.Context, *env, []string) error{
	"parse": runPlanParse,
}

func runPlanParse(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("plan parse")
	asJSON := fs.Bool("json", false, "print JSON")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if len(files) != 1 {
		return usagef("parse: need exactly one FILE")
	}
	in, err := e.openInput(files[0])
	if err != nil {
		return err
	}
	defer in.Close()
	d, probs, err := plan.Parse(in, files[0])
	if err != nil {
		return err
	}
	if *asJSON {
		// stdout carries the draft alone, so that it can be piped into an
		// import; what needs review goes to stderr.
		printProblems(e.stderr, probs)
		return writeJSON(e.stdout, d)
	}
	return printDraft(e.stdout, d, probs)
}

// writeJSON prints v indented, leaving Vietnamese text and quotes such as
// “ ” and < > readable rather than \u-escaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printDraft writes the readable summary of a parsed plan.
func printDraft(w io.Writer, d plan.Draft, probs []plan.Problem) error {
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			value = "(không có)"
		}
		fmt.Fprintf(&b, "%-20s %s\n", label+":", value)
	}
	number := d.Number
	if number == "" {
		number = "(chưa có số)"
	}
	line("Kế hoạch", d.Title)
	line("Số, ký hiệu", number+"/"+d.Symbol)
	issuer := d.Issuer
	if d.ParentBody != "" {
		issuer += " (" + d.ParentBody + ")"
	}
	line("Cơ quan ban hành", issuer)
	line("Địa danh, ngày", strings.TrimPrefix(d.Place+", "+showDate(d.Date), ", "))
	line("Năm", fmt.Sprint(d.Year))
	var refs []string
	for _, bs := range d.Basis {
		refs = append(refs, bs.Refs...)
	}
	line("Căn cứ", fmt.Sprintf("%d đoạn %s", len(d.Basis), strings.Join(refs, ", ")))
	line("Mục đích, yêu cầu", fmt.Sprintf("%d mục đích, %d yêu cầu", len(d.Purposes), len(d.Requirements)))
	line("Nội dung", fmt.Sprintf("%d mục, %d nhiệm vụ", len(d.Sections), d.TaskCount()))
	fw, ok := papi.FrameworkFor(d.Year)
	if !ok {
		fw, _ = papi.FrameworkFor(2018)
	}
	for _, s := range d.Sections {
		code, name := s.Dimension, s.Heading
		if dim, ok := fw.Dimension(s.Dimension); ok {
			name = dim.NameVI
		}
		if code == "" {
			code = "chung"
		}
		for _, also := range s.Also {
			code += "+" + also
		}
		fmt.Fprintf(&b, "  %-6s %-60s %3d nhiệm vụ\n", code, name, len(s.Tasks))
	}
	if len(d.Baselines) > 0 {
		line("Điểm xuất phát", fmt.Sprintf("%d chỉ số", len(d.Baselines)))
		for _, bl := range d.Baselines {
			fmt.Fprintf(&b, "  %-6s %s\n", bl.Dimension, bl)
		}
	}
	line("Tổ chức thực hiện", fmt.Sprintf("%d đoạn", len(d.Organisation)))
	line("Nơi nhận", strings.Join(d.Recipients, "; "))
	line("Người ký", strings.TrimSpace(strings.ReplaceAll(d.Signer.Title, "\n", " / ")+" "+d.Signer.Name))
	b.WriteString("\n")
	if len(d.Unplaced) > 0 {
		fmt.Fprintf(&b, "Chưa xếp vào bản nháp (%d):\n", len(d.Unplaced))
		for _, u := range d.Unplaced {
			fmt.Fprintf(&b, "  dòng %d: %s\n", u.Line, u.Text)
		}
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return printProblems(w, probs)
}

// printProblems lists what the reviewer should look at, line by line.
func printProblems(w io.Writer, probs []plan.Problem) error {
	var b strings.Builder
	if len(probs) == 0 {
		b.WriteString("Không có điểm nào cần xem lại.\n")
	} else {
		fmt.Fprintf(&b, "Cần xem lại (%d):\n", len(probs))
		for _, p := range probs {
			fmt.Fprintf(&b, "  dòng %d [%s] %s\n", p.Line, severityVI(p.Severity), p.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// showDate writes the draft's date as officials read it: 14/03/2026, or
// "tháng 02/2023" when the day is blank.
func showDate(s string) string {
	switch len(s) {
	case 10:
		return s[8:10] + "/" + s[5:7] + "/" + s[:4]
	case 7:
		return "tháng " + s[5:7] + "/" + s[:4]
	case 4:
		return "năm " + s
	}
	return ""
}

func severityVI(s plan.Severity) string {
	switch s {
	case plan.SevError:
		return "lỗi"
	case plan.SevWarning:
		return "cảnh báo"
	}
	return "lưu ý"
}
