package papi

import (
	"fmt"
	"math"
	"papihub/internal/platform/bounded"
	"papihub/internal/platform/web"
	"strconv"
	"strings"
)

// DimensionCodes are the eight PAPI dimensions in their published order.
var DimensionCodes = [8]string{"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"}

// FirstYearWithEightDimensions is the survey year in which environmental
// governance (D7) and e-governance (D8) joined the index; totals of earlier
// years sum six dimensions (6–60), later ones eight (8–80).
const FirstYearWithEightDimensions = 2018

// DimensionCount returns how many dimensions a total of that year sums.
func DimensionCount(year int) int {
	if year < FirstYearWithEightDimensions {
		return 6
	}
	return 8
}

// Score is a published value that may be missing. Missing is not zero: a
// withheld province-year (Bắc Ninh 2022) has no score, and ranks, medians and
// sums leave it out.
type Score struct {
	Value   float64
	Present bool
}

// Known returns a present score.
func Known(v float64) Score { return Score{Value: v, Present: true} }

// String prints the value with two decimals, as the PAPI reports do, or "–".
func (s Score) String() string {
	if !s.Present {
		return "–"
	}
	return strconv.FormatFloat(s.Value, 'f', 2, 64)
}

// Result is one row of the official results: a province's eight dimension
// scores and total in one year.
type Result struct {
	Province   Province
	Year       int
	Dimensions [8]Score // D1..D8; D7 and D8 are never present before 2018
	Total      Score
	Row        int // the row of the source file (the header is row 1), for messages
}

// Problem is something wrong with one cell or row of an imported file.
// Warnings do not stop an import; errors do.
type Problem struct {
	Row     int    // 1 is the header row
	Column  string // "" when the problem is the whole row
	Message string // in English, for logs and errors
	Warning bool
	// Key and Args give the message in the catalogue (papi.problem.*), in
	// Vietnamese or English: see Text. Key is empty for a problem that has
	// only its English Message.
	Key  string
	Args []any
}

// newProblem is a problem with a catalogued message; Message is its English text.
func newProblem(row int, column, key string, args ...any) Problem {
	return Problem{Row: row, Column: column, Key: key, Args: args, Message: web.T(web.LangEN, key, args...)}
}

// Text is the problem's message in lang (web.LangVI or web.LangEN).
func (p Problem) Text(lang string) string {
	if p.Key == "" {
		return p.Message
	}
	return web.T(lang, p.Key, p.Args...)
}

// In is the problem as one line in lang, naming its row and column:
// "dòng 4, cột D2: lỗi: …" in Vietnamese, as String in English.
func (p Problem) In(lang string) string {
	if lang == web.LangEN {
		return p.String()
	}
	level := "lỗi"
	if p.Warning {
		level = "lưu ý"
	}
	if p.Column == "" {
		return fmt.Sprintf("dòng %d: %s: %s", p.Row, level, p.Text(lang))
	}
	return fmt.Sprintf("dòng %d, cột %s: %s: %s", p.Row, p.Column, level, p.Text(lang))
}

func (p Problem) String() string {
	level := "error"
	if p.Warning {
		level = "warning"
	}
	if p.Column == "" {
		return fmt.Sprintf("row %d: %s: %s", p.Row, level, p.Message)
	}
	return fmt.Sprintf("row %d, column %s: %s: %s", p.Row, p.Column, level, p.Message)
}

// ResultsError carries every problem of a rejected file, warnings included,
// so that the person fixing it sees them all at once.
type ResultsError struct {
	Problems []Problem // the first bounded.MaxErrors
	More     int       // problems found beyond those
}

// refuse is the ResultsError of problems, keeping the first
// bounded.MaxErrors of them: a file with a million bad cells answers with
// a short report and a count, not a page of a hundred megabytes.
func refuse(problems []Problem) *ResultsError {
	if len(problems) > bounded.MaxErrors {
		return &ResultsError{Problems: problems[:bounded.MaxErrors:bounded.MaxErrors], More: len(problems) - bounded.MaxErrors}
	}
	return &ResultsError{Problems: problems}
}

func (e *ResultsError) Error() string {
	var errs []string
	for _, p := range e.Problems {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	const shown = 5
	msg := fmt.Sprintf("papi: results file rejected with %d errors", len(errs)+e.More)
	if len(errs) > shown {
		return msg + ": " + strings.Join(errs[:shown], "; ") + fmt.Sprintf("; and %d more", len(errs)-shown+e.More)
	}
	return msg + ": " + strings.Join(errs, "; ")
}

// parseScore reads a cell: empty is missing; a decimal comma is accepted
// ("5,12") because spreadsheets in a Vietnamese locale write one.
func parseScore(cell string) (Score, error) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return Score{}, nil
	}
	if strings.Contains(s, ",") {
		if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
			return Score{}, notANumber(cell)
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Score{}, notANumber(cell)
	}
	return Known(v), nil
}

// cellError is a cell that cannot be read, with its catalogued message.
// Its Error is the English text after prefix ("papi: " for an error that
// leaves the package, as MatchProvince's do).
type cellError struct {
	key    string
	args   []any
	prefix string
}

func (e *cellError) Error() string { return e.prefix + web.T(web.LangEN, e.key, e.args...) }

func notANumber(cell string) error { return &cellError{"papi.problem.number", []any{cell}, ""} }
