package plan

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// maxPlanFile bounds what Parse reads. A plan is a few pages; 20 MB leaves
// room for a DOCX with pictures.
const maxPlanFile = 20 << 20

// Parse reads a plan document — text or Markdown, or DOCX, told apart by
// content, not by name — into a draft for review. Problems lists what it could
// not read with confidence, each with its line (or DOCX paragraph). A document
// that is neither (no "KẾ HOẠCH" title, no section naming a PAPI dimension)
// gives an error wrapping ErrNotAPlan. name only labels errors.
func Parse(r io.Reader, name string) (Draft, []Problem, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPlanFile+1))
	if err != nil {
		return Draft{}, nil, fmt.Errorf("plan: đọc %s: %w", name, err)
	}
	if len(data) > maxPlanFile {
		return Draft{}, nil, fmt.Errorf("plan: %s: tệp lớn hơn %d MB", name, maxPlanFile>>20)
	}
	var (
		blocks []block
		probs  []Problem
	)
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if blocks, err = readDOCX(data); err != nil {
			return Draft{}, nil, fmt.Errorf("plan: %s: %w", name, err)
		}
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return Draft{}, nil, fmt.Errorf("plan: %s: tệp Word cũ (.doc) chưa được hỗ trợ; hãy lưu lại dưới dạng .docx", name)
	case bytes.IndexByte(data, 0) >= 0:
		return Draft{}, nil, fmt.Errorf("plan: %s: %w", name, ErrNotAPlan)
	default:
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if !utf8.Valid(data) {
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
			probs = append(probs, Problem{1, "Tệp có ký tự không đúng mã UTF-8; các ký tự đó được thay bằng “�”, hãy kiểm tra lại", SevWarning})
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		blocks = readText(strings.ReplaceAll(text, "\r", "\n"))
	}
	p := newPlanReader(blocks)
	p.problems = probs
	p.read()
	if !p.sawTitle && p.dimensionSections() == 0 {
		return Draft{}, nil, fmt.Errorf("plan: %s: %w", name, ErrNotAPlan)
	}
	p.finish()
	return p.d, p.problems, nil
}
