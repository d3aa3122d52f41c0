// Package bounded holds the limits every reader of an uploaded or imported
// file works within, and the few functions that enforce them: the file's
// size, what a zip container (XLSX, DOCX) may inflate to, the size of any
// one XML tag or text run inside it, the rows and cells of a table, and the
// number of errors kept for the report.
//
// A few kilobytes of zip can inflate to gigabytes (issue 9: a 684 KB
// workbook took the server to 1 GB), so the limits are what one server may
// spend on one file, and they live here, in one place, so that no reader
// forgets one. A table larger than these belongs in CSV, which streams.
package bounded

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound what reading one file may cost.
type Limits struct {
	File     int64 // bytes of the file itself, as sent
	Inflated int64 // bytes all parts of a zip container inflate to, together
	InMemory int64 // bytes of the parts a reader holds in memory, together (the rest stream from disk)
	Parts    int   // parts of a zip container
	Token    int   // bytes of any one XML tag or text run, and of any one line of a text file
	Rows     int   // rows of a table
	Columns  int   // cells of one row
	Cells    int   // cells of a table, together: what a reader that keeps the table may hold
}

// Default is the bound of every import and upload: a workbook of a couple
// of hundred thousand rows, far beyond any legitimate results, survey,
// legal-document or catalogue file, within a 256 MiB process.
var Default = Limits{
	File:     64 << 20,
	Inflated: 256 << 20,
	InMemory: 24 << 20,
	Parts:    2_000,
	Token:    1 << 20,
	Rows:     300_000,
	Columns:  5_000, // a real PAPI questionnaire exports 1,431 columns
	Cells:    3_000_000,
}

// StreamAbove is the size beyond which a worksheet or shared-strings part is
// inflated to a temporary file and streamed rather than held in memory
// (excelize's UnzipXMLSizeLimit).
const StreamAbove = 4 << 20

// MaxErrors is how many errors an import report keeps; the rest are
// counted (Errors).
const MaxErrors = 1000

// ErrLimit is wrapped by every error that says a limit was passed.
var ErrLimit = errors.New("vượt giới hạn")

func limitError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrLimit, fmt.Sprintf(format, args...))
}

// ReadFile reads all of r, refusing a file over max bytes. A file that
// knows its size (an upload, a file on disk) is read into one buffer of that
// size; another is read in chunks joined once, so that memory is at most
// twice the file, never the doubling of a growing buffer.
func ReadFile(r io.Reader, max int64) ([]byte, error) {
	if s, ok := r.(io.Seeker); ok {
		if n, err := sizeOf(s); err == nil {
			if n > max {
				return nil, limitError("tệp lớn hơn %s", size(max))
			}
			data := make([]byte, n)
			if _, err := io.ReadFull(r, data); err != nil {
				return nil, err
			}
			return data, nil
		}
	}
	var chunks [][]byte
	var total int64
	for total <= max {
		chunk := make([]byte, min(1<<20, max+1-total))
		n, err := io.ReadFull(r, chunk)
		chunks, total = append(chunks, chunk[:n]), total+int64(n)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if total > max {
		return nil, limitError("tệp lớn hơn %s", size(max))
	}
	return bytes.Join(chunks, nil), nil
}

// sizeOf is what remains to read of a seekable file.
func sizeOf(s io.Seeker) (int64, error) {
	at, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	end, err := s.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, err
	}
	if _, err := s.Seek(at, io.SeekStart); err != nil {
		return 0, err
	}
	return end - at, nil
}

// OpenZip opens a zip container (XLSX, DOCX) held in data and checks it
// against lim before anything is inflated for use: the number of parts,
// their declared sizes (archive/zip refuses a part that inflates beyond
// its declared size, so they cannot lie), the parts held in memory, and the
// longest XML tag or text run of any XML part larger than lim.Token, which
// an XML decoder would otherwise hold whole. held says whether the caller
// holds a part of that name and inflated size in memory (nil: none).
func OpenZip(data []byte, lim Limits, held func(name string, size uint64) bool) (*zip.Reader, error) {
	if int64(len(data)) > lim.File {
		return nil, limitError("tệp lớn hơn %s", size(lim.File))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("tệp không phải định dạng nén (zip) hợp lệ: %w", err)
	}
	if len(zr.File) > lim.Parts {
		return nil, limitError("tệp có %d phần, nhiều hơn %d", len(zr.File), lim.Parts)
	}
	var total, inMemory uint64
	for _, f := range zr.File {
		n := f.UncompressedSize64
		total += n
		if total > uint64(lim.Inflated) {
			return nil, limitError("nội dung giải nén lớn hơn %s", size(lim.Inflated))
		}
		if held != nil && held(f.Name, n) {
			inMemory += n
			if inMemory > uint64(lim.InMemory) {
				return nil, limitError("phần %q giải nén lớn hơn %s", f.Name, size(lim.InMemory))
			}
		}
	}
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.Token) && strings.HasSuffix(strings.ToLower(f.Name), ".xml") {
			if err := checkTokens(f, lim.Token); err != nil {
				return nil, err
			}
		}
	}
	return zr, nil
}

// checkTokens inflates one XML part, keeping nothing, and refuses it when a
// tag or a text run between tags is longer than max bytes.
func checkTokens(f *zip.File, max int) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("phần %q hỏng: %w", f.Name, err)
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	run := 0
	for {
		n, err := rc.Read(buf)
		for _, b := range buf[:n] {
			if b == '<' || b == '>' {
				run = 0
				continue
			}
			if run++; run > max {
				return limitError("phần %q có một ô hoặc thẻ dài hơn %s", f.Name, size(int64(max)))
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("phần %q hỏng: %w", f.Name, err)
		}
	}
}

// ReadPart inflates one part of a zip container, refusing more than max
// bytes.
func ReadPart(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, limitError("phần %q giải nén lớn hơn %s", f.Name, size(max))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return ReadFile(rc, max)
}

// Counter counts the rows and cells of a table against lim.
type Counter struct {
	lim         Limits
	rows, cells int
}

// NewCounter starts counting against lim.
func NewCounter(lim Limits) *Counter { return &Counter{lim: lim} }

// Row counts one more row of cells; line is where it stands, for the error.
func (c *Counter) Row(line, cells int) error {
	c.rows++
	if c.rows > c.lim.Rows {
		return limitError("bảng có hơn %d dòng (dòng %d)", c.lim.Rows, line)
	}
	if cells > c.lim.Columns {
		return limitError("dòng %d có %d ô, nhiều hơn %d", line, cells, c.lim.Columns)
	}
	if c.cells += cells; c.cells > c.lim.Cells {
		return limitError("bảng có hơn %d ô (dòng %d)", c.lim.Cells, line)
	}
	return nil
}

// Errors keeps the first MaxErrors errors of an import and counts them all,
// so that a file with a million bad rows answers with a short report.
type Errors[T any] struct {
	List  []T // the first MaxErrors
	Total int // all of them
}

// Add records one error.
func (e *Errors[T]) Add(x T) {
	e.Total++
	if len(e.List) < MaxErrors {
		e.List = append(e.List, x)
	}
}

// More is how many errors were counted but not kept.
func (e *Errors[T]) More() int { return e.Total - len(e.List) }

// LineReader bounds the lines of a text file (CSV, JSON lines): a line
// longer than max bytes is an error instead of a buffer that grows with it.
type LineReader struct {
	r   io.Reader
	max int
	run int
}

// Lines wraps r so that no line of it is longer than max bytes.
func Lines(r io.Reader, max int) *LineReader { return &LineReader{r: r, max: max} }

func (l *LineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.run = 0
			continue
		}
		if l.run++; l.run > l.max {
			return i, limitError("có dòng dài hơn %s", size(int64(l.max)))
		}
	}
	return n, err
}

// size writes a byte count as people read it.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
