package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"papihub/internal/inspection"
	"papihub/internal/legaldoc"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/bounded"
	"papihub/internal/platform/bounded/bombtest"
	"papihub/internal/platform/tabular"
	"papihub/internal/reception"
	"papihub/internal/survey"
	"papihub/internal/tthc"
	"papihub/internal/tthc/syncfile"
)

// maxPeak is what one server process may reach while reading any one file.
const maxPeak = 256 << 20

// Every importer is fed compression bombs and an oversize file: each must
// refuse or finish with an error a person can read, and the process's
// memory must stay under maxPeak throughout. Memory is measured by the
// runtime's own statistics, read after every garbage collection (when the
// heap is at its largest: the collector runs as the heap reaches its goal).
func TestEveryImporterStaysWithinItsMemoryOnBombsAndOversizeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds bombs of a few hundred MiB of content")
	}
	ts := newTestServer(t)
	form := survey.BuiltinPAPIForm()
	start := time.Now()
	// The bombs: a few hundred kilobytes each, inflating to what the
	// limits allow and beyond.
	// KEY lets the survey importer take the rows as responses.
	papiHeader := []string{"province", "year", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "total", "KEY"}
	papiRow := []string{"Hưng Yên", "2024", "5", "5", "5", "5", "5", "5", "5", "5", "40"}
	wide := make([]string, 4000)
	for i := range wide {
		wide[i] = "1"
	}
	wideHeader := append([]string{"KEY"}, wide[1:]...)
	bombs := map[string][]byte{
		"rows":    bombtest.Workbook(papiHeader, []string{"1"}, 10<<20, 100), // more rows than any limit
		"wide":    bombtest.Workbook(wideHeader, wide, 48<<20, 100),          // more cells than any limit
		"strings": bombtest.Workbook(papiHeader, papiRow, 1<<20, 8<<20),      // shared strings streamed from disk
		"huge":    bombtest.Declared("xl/worksheets/sheet1.xml", 2<<30),      // 2 GiB declared
		"cell":    bombtest.LongCell(8 << 20),                                // one cell of 8 MiB
		"csvzip":  bombtest.CSVZip("form.csv", "KEY,q1", "uuid:1,1", 4<<20),  // ODK export
		"docx":    bombtest.DOCX(4 << 20),                                    // one run of 4 MiB
	}
	t.Logf("bombs built in %v", time.Since(start))
	for name, b := range bombs {
		if len(b) > 2<<20 {
			t.Fatalf("bomb %s is %d bytes: not a small file", name, len(b))
		}
	}
	xlsxBombs := []string{"rows", "wide", "strings", "huge", "cell"}
	readers := []struct {
		name  string
		bombs []string
		read  func(r io.Reader) error
	}{
		{"official results (XLSX)", xlsxBombs, func(r io.Reader) error { _, _, err := papi.ReadResults("ket-qua.xlsx", r); return err }},
		{"official results (CSV)", []string{"oversize-csv"}, func(r io.Reader) error { _, _, err := papi.ReadResults("ket-qua.csv", r); return err }},
		// The wide bomb stays within the survey's 6 million cells (a
		// province's sample is under 3 million) and takes long to judge cell
		// by cell; the rows bomb passes its row limit.
		{"survey responses (XLSX)", []string{"rows", "strings", "huge", "cell"}, surveyReader(form, "ket-qua.xlsx")},
		{"survey responses (ODK zip)", []string{"csvzip", "huge"}, surveyReader(form, "odk.zip")},
		{"survey responses (CSV)", []string{"oversize-csv"}, surveyReader(form, "kobo.csv")},
		{"XLSForm", xlsxBombs, func(r io.Reader) error {
			f, probs, err := survey.ParseXLSForm(r)
			if err == nil && f == nil {
				err = fmt.Errorf("refused with %d problems", len(probs))
			}
			return err
		}},
		{"plan DOCX", []string{"docx", "huge"}, func(r io.Reader) error { _, _, err := plan.Parse(r, "ke-hoach.docx"); return err }},
		{"legal documents", xlsxBombs, drain(func(r io.Reader) (func() error, error) {
			d, err := legaldoc.NewDecoder(r, "xlsx")
			return func() error { _, err := d.Next(); return err }, err
		})},
		{"inspection conclusions", xlsxBombs, drain(func(r io.Reader) (func() error, error) {
			d, err := inspection.NewDecoder(r, "xlsx")
			return func() error { _, err := d.Next(); return err }, err
		})},
		{"reception register", xlsxBombs, drain(func(r io.Reader) (func() error, error) {
			d, err := reception.NewDecoder(r, "xlsx")
			return func() error { _, err := d.Next(time.Now()); return err }, err
		})},
		{"procedure catalogue", xlsxBombs, drain(func(r io.Reader) (func() error, error) {
			d, err := tthc.NewProcedureDecoder(r, "xlsx")
			return func() error { _, err := d.Next(); return err }, err
		})},
		{"dossier workbook", xlsxBombs, drain(func(r io.Reader) (func() error, error) {
			d, err := syncfile.NewXLSXDecoder(r)
			return func() error { _, err := d.Next(); return err }, err
		})},
		{"dossier CSV", []string{"oversize-csv"}, drain(func(r io.Reader) (func() error, error) {
			d, err := syncfile.NewCSVDecoder(r)
			return func() error { _, err := d.Next(); return err }, err
		})},
	}
	peak := watchMemory(t)
	for _, rd := range readers {
		for _, b := range append(rd.bombs, "oversize") {
			var in io.Reader
			switch b {
			case "oversize": // a file larger than any limit, streamed, never held by the test
				in = io.LimitReader(zeros{}, bounded.Default.File+1)
			case "oversize-csv": // a CSV of endless one-line rows
				in = io.LimitReader(repeating("1,2,3\n"), 2<<30)
			default:
				in = bytes.NewReader(bombs[b])
			}
			began := time.Now()
			err := rd.read(in)
			// Rows, cells and shared strings within the limits may read
			// through (to be refused for their content); the rest must not.
			if mustRefuse := b != "rows" && b != "wide" && b != "strings"; mustRefuse && err == nil {
				t.Errorf("%s took the %s bomb without an error", rd.name, b)
			}
			if got := peak.take(); got > maxPeak {
				t.Errorf("%s, %s: peak %d MiB, want under %d", rd.name, b, got>>20, maxPeak>>20)
			} else {
				t.Logf("%s, %s: peak %d MiB in %v (%v)", rd.name, b, got>>20, time.Since(began).Round(time.Millisecond), firstLine(err))
			}
		}
	}
	// Uploads over a page's limit are refused before they are read.
	admin := ts.client(t, "admin")
	for _, path := range []string{"/papi/import", "/surveys", "/surveys/1/import", "/plans/parse", "/legal/import", "/inspection/import", "/tthc/calendar/import"} {
		// The body is written as it is sent, so that the test holds none of it.
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			mw.WriteField("csrf", admin.csrf)
			w, _ := mw.CreateFormFile("file", "lon.xlsx")
			_, err := io.Copy(w, io.LimitReader(zeros{}, 65<<20))
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err)
		}()
		req, _ := http.NewRequest("POST", admin.base+path, pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := admin.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page := readBody(t, resp)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Tệp quá lớn") {
			t.Errorf("POST %s with 65 MB: %d, want 413 saying the file is too large", path, resp.StatusCode)
		}
		if got := peak.take(); got > maxPeak {
			t.Errorf("upload to %s: peak %d MiB, want under %d", path, got>>20, maxPeak>>20)
		} else {
			t.Logf("upload of 65 MB to %s: peak %d MiB", path, got>>20)
		}
	}
}

func surveyReader(form *survey.Form, name string) func(io.Reader) error {
	return func(r io.Reader) error {
		_, err := survey.ReadResponses(form, []survey.NamedReader{{Name: name, R: r}}, survey.ImportOptions{})
		return err
	}
}

// drain opens a decoder and reads it to the end, going past row errors as
// an import's first pass does; it returns the first error that ends the
// reading, or the last row error.
func drain(open func(io.Reader) (func() error, error)) func(io.Reader) error {
	return func(r io.Reader) error {
		next, err := open(r)
		if err != nil {
			return err
		}
		var last error
		for {
			err := next()
			switch {
			case err == nil:
			case errors.Is(err, io.EOF):
				return last
			case errors.Is(err, bounded.ErrLimit):
				return err
			default:
				var row *tabular.RowError
				if !errors.As(err, &row) {
					return err
				}
				last = err
			}
		}
	}
}

func firstLine(err error) string {
	if err == nil {
		return "no error"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return clip(s)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// repeating is an endless reader of s, s, s…
type repeating string

func (s repeating) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], s)
	}
	return n, nil
}

// memoryWatch records the highest memory the Go runtime holds for the
// process, read from runtime/metrics after every garbage collection: the
// heap's goal (which the heap reaches before the collector runs) and the
// memory mapped and not returned to the system.
type memoryWatch struct {
	mu      sync.Mutex
	peak    uint64
	stopped bool
}

func watchMemory(t *testing.T) *memoryWatch {
	m := &memoryWatch{}
	m.arm()
	t.Cleanup(func() { m.mu.Lock(); m.stopped = true; m.mu.Unlock() })
	return m
}

// arm sets a finalizer on a fresh object: it runs after the next
// collection, samples, and arms again.
func (m *memoryWatch) arm() {
	runtime.SetFinalizer(new([64]byte), func(*[64]byte) {
		m.sample()
		m.mu.Lock()
		stop := m.stopped
		m.mu.Unlock()
		if !stop {
			m.arm()
		}
	})
}

var memorySamples = []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}

func (m *memoryWatch) sample() {
	s := slices.Clone(memorySamples)
	metrics.Read(s)
	goal, total, released := s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
	m.mu.Lock()
	m.peak = max(m.peak, goal, total-released)
	m.mu.Unlock()
}

// take returns the peak since the last take and starts afresh from a
// collected heap.
func (m *memoryWatch) take() uint64 {
	m.sample()
	m.mu.Lock()
	p := m.peak
	m.mu.Unlock()
	debug.FreeOSMemory() // what the reading held goes back, so the next starts low
	m.mu.Lock()
	m.peak = 0
	m.mu.Unlock()
	return p
}
