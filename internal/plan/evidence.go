package plan

import "papihub/internal/platform/upload"

// MaxEvidenceSize bounds one evidence file (upload.MaxSize).
const MaxEvidenceSize = upload.MaxSize

// Evidence types accepted, checked by content rather than by the file's name.
const (
	TypePDF  = upload.TypePDF
	TypeDOCX = upload.TypeDOCX
	TypeXLSX = upload.TypeXLSX
	TypePNG  = upload.TypePNG
	TypeJPEG = upload.TypeJPEG
)

// Errors of CheckEvidence; the HTTP layer turns them into field messages.
var (
	ErrEvidenceType  = upload.ErrType
	ErrEvidenceSize  = upload.ErrSize
	ErrEvidenceEmpty = upload.ErrEmpty
)

// CheckEvidence returns the content type of an evidence file from its bytes
// (upload.Check).
func CheckEvidence(data []byte) (string, error) { return upload.Check(data) }

// EvidenceExt is the extension a downloaded file gets for its checked type.
func EvidenceExt(contentType string) string { return upload.Ext(contentType) }
