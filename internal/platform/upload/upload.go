// Package upload checks the evidence files people attach (a signed report,
// a scanned receipt) by their content: PDF, DOCX, XLSX, PNG or JPEG, and
// not too large. The plan's evidence and the inspection register's share it.
package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"net/http"
	"strings"
)

// MaxSize bounds one evidence file: a scanned signed document of a
// few dozen pages fits, a video does not.
const MaxSize = 20 << 20

// Evidence types accepted, checked by content rather than by the file's name.
const (
	TypePDF  = "application/pdf"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
)

// Errors of Check; the HTTP layer turns them into field messages.
var (
	ErrType  = errors.New("upload: evidence must be PDF, DOCX, XLSX, PNG or JPEG")
	ErrSize  = errors.New("upload: evidence file too large")
	ErrEmpty = errors.New("upload: evidence file is empty")
)

// Check returns the content type of an evidence file from its bytes:
// http.DetectContentType for PDF and images, and for a zip archive a look
// inside, because DOCX and XLSX are both zip files that only their parts
// ([Content_Types].xml with word/ or xl/) tell apart. A renamed .exe, an
// HTML page or an old .doc is refused whatever its name says.
func Check(data []byte) (string, error) {
	if len(data) == 0 {
		return "", ErrEmpty
	}
	if len(data) > MaxSize {
		return "", ErrSize
	}
	switch ct := http.DetectContentType(data); {
	case strings.HasPrefix(ct, TypePDF):
		return TypePDF, nil
	case ct == TypePNG, ct == TypeJPEG:
		return ct, nil
	case ct == "application/zip":
		return ooxmlType(data)
	}
	return "", ErrType
}

func ooxmlType(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", ErrType
	}
	var types, word, xl bool
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case f.Name == "word/document.xml":
			word = true
		case f.Name == "xl/workbook.xml":
			xl = true
		}
	}
	switch {
	case types && word && !xl:
		return TypeDOCX, nil
	case types && xl && !word:
		return TypeXLSX, nil
	}
	return "", ErrType
}

// Ext is the extension a downloaded file gets for its checked type.
func Ext(contentType string) string {
	return map[string]string{TypePDF: ".pdf", TypeDOCX: ".docx", TypeXLSX: ".xlsx", TypePNG: ".png", TypeJPEG: ".jpg"}[contentType]
}
