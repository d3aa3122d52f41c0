package plan

import (
	"regexp"
	"strconv"
	"strings"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// A dimension's section often opens with where the province stood: "Năm
// 2025, chỉ số này đạt 4,87 điểm, thuộc nhóm trung bình; tăng 0,05 điểm so
// với năm 2024." That paragraph is the dimension's baseline, not a task.
var (
	// statusScore finds "4,87 điểm", "4.87/10 điểm", "5 điểm" in folded text.
	statusScore = regexp.MustCompile(`(\d{1,2}(?:[.,]\d{1,4})?)\s*(?:/\s*10\s*)?diem\b`)
	// statusChange finds the change from the year before.
	statusChange = regexp.MustCompile(`\b(tang|giam)\s+(?:them\s+|duoc\s+)?(\d{1,2}(?:[.,]\d{1,4})?)\s*diem\b`)
	// statusYear finds the survey year; a year after "so với" is the one
	// compared with, not the baseline's.
	statusYear  = regexp.MustCompile(`\b(20\d\d)\b`)
	statusGroup = regexp.MustCompile(`\bnhom\s+(?:dat\s+diem\s+|diem\s+)?([a-z ]+)`)
	// statusTarget marks a goal ("phấn đấu đạt 5 điểm"), which is not where
	// the province stands.
	statusTarget = regexp.MustCompile(`\b(phan dau|muc tieu|chi tieu|tro len|it nhat|toi thieu|dat tu|dat tren)\b`)
)

// groupNames are the four groups the PAPI reports sort provinces into, and
// the one-word group some plans write.
var groupNames = []struct{ folded, name string }{
	{"cao nhat", "cao nhất"},
	{"trung binh cao", "trung bình cao"},
	{"trung binh thap", "trung bình thấp"},
	{"thap nhat", "thấp nhất"},
	{"trung binh", "trung bình"},
}

// isStatus reports whether a folded paragraph states a standing: a year and
// a score or a group, and no goal.
func isStatus(f string) bool {
	if !strings.Contains(f, "diem") && !strings.Contains(f, "nhom") || !strings.Contains(f, "20") {
		return false // most lines: no score, no group, no year
	}
	if statusTarget.MatchString(f) || !statusYear.MatchString(f) {
		return false
	}
	if statusScore.MatchString(f) {
		return strings.Contains(f, "dat") || strings.Contains(f, "nhom") || strings.Contains(f, "tang") ||
			strings.Contains(f, "giam") || strings.Contains(f, "xep") || strings.Contains(f, "diem so")
	}
	return statusGroup.MatchString(f) && (strings.Contains(f, "thuoc") || strings.Contains(f, "xep"))
}

// readBaselines reads the baselines a status paragraph gives: one per
// sentence that names a score or a group. A sentence naming one dimension is
// that dimension's; the others are the section's (dim). A sentence that only
// gives a change ("Tăng 0,05 điểm so với năm 2024.") completes the one before.
func readBaselines(text, dim string) []Baseline {
	var out []Baseline
	year := 0 // a sentence without its own year is the paragraph's
	for _, sentence := range sentences(text) {
		f := vn.Fold(sentence)
		code := dim
		if m := papi.FindDimensions(sentence); len(m.Codes) == 1 && !m.Conflict {
			code = m.Codes[0]
		}
		b := Baseline{Dimension: code, Text: sentence}
		if b.Year = baselineYear(f); b.Year == 0 {
			b.Year = year
		}
		year = b.Year
		if m := statusChange.FindStringSubmatch(f); m != nil {
			v := decimal(m[2])
			if m[1] == "giam" {
				v = -v
			}
			b.Change = &v
		} else if strings.Contains(f, "khong thay doi") || strings.Contains(f, "giu nguyen") {
			v := 0.0
			b.Change = &v
		}
		for _, m := range statusScore.FindAllStringSubmatchIndex(f, -1) {
			if before := f[:m[0]]; strings.HasSuffix(strings.TrimSpace(before), "tang") || strings.HasSuffix(strings.TrimSpace(before), "giam") ||
				strings.HasSuffix(strings.TrimSpace(before), "them") || strings.HasSuffix(strings.TrimSpace(before), "duoc") {
				continue // the change, not the score
			}
			if v := decimal(f[m[2]:m[3]]); v >= 1 && v <= 10 {
				b.Score = &v
				break
			}
		}
		if m := statusGroup.FindStringSubmatch(f); m != nil {
			for _, g := range groupNames {
				if strings.HasPrefix(strings.TrimSpace(m[1]), g.folded) {
					b.Group = g.name
					break
				}
			}
		}
		switch {
		case b.Score != nil || b.Group != "":
			out = append(out, b)
		case b.Change != nil && len(out) > 0 && out[len(out)-1].Change == nil:
			last := &out[len(out)-1]
			last.Change, last.Text = b.Change, last.Text+" "+sentence
		case len(out) > 0:
			last := &out[len(out)-1]
			last.Text += " " + sentence
		}
	}
	return out
}

// baselineYear is the first year of the sentence that does not follow "so
// với" (the year compared with).
func baselineYear(f string) int {
	for _, m := range statusYear.FindAllStringSubmatchIndex(f, -1) {
		before := strings.TrimSpace(f[:m[0]])
		before = strings.TrimSpace(strings.TrimSuffix(before, "nam"))
		if strings.HasSuffix(before, "so voi") || strings.HasSuffix(before, "voi") {
			continue
		}
		y, _ := strconv.Atoi(f[m[2]:m[3]])
		return y
	}
	return 0
}

// sentences splits a paragraph where a sentence ends: a full stop followed
// by a capital. "4.87" and "4,87" stay whole.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		if text[i] == '.' && text[i+1] == ' ' && isCapitalised(text[i+2:]) {
			out = append(out, strings.TrimSpace(text[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// decimal reads "4,87" or "4.87".
func decimal(s string) float64 {
	v, _ := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v
}

// validate checks a baseline against the plan's year: a dimension of the
// plan's framework, a survey year not after the plan's, a score on PAPI's
// 1–10 scale, a change of at most 9 points either way.
func (b Baseline) validate(planYear int) web.FieldErrors {
	errs := web.FieldErrors{}
	if !knownDimension(b.Dimension, planYear) {
		errs.Add("dimension", "plan.section.dimension.invalid")
	}
	if b.Year < 2009 || b.Year > planYear {
		errs.Add("year", "plan.baseline.year.invalid")
	}
	if b.Score != nil && (*b.Score < 1 || *b.Score > 10) {
		errs.Add("score", "plan.baseline.score.invalid")
	}
	if b.Change != nil && (*b.Change < -9 || *b.Change > 9) {
		errs.Add("change", "plan.baseline.change.invalid")
	}
	if b.Score == nil && b.Group == "" && b.Change == nil {
		errs.Add("score", "plan.baseline.empty")
	}
	return errs
}
