package report

import (
	"archive/zip"
	"fmt"
	"io"
)

// WriteDOCX writes doc to w as a Word document (Office Open XML) in the
// layout of Decree 30/2020/NĐ-CP: A4, the two-column heading with the
// national name and motto, the kind and subject, numbered sections, the
// "Nơi nhận" list and the signature block, page numbers from page 2.
//
// The package is written with the standard library alone; it opens in Word
// and LibreOffice.
func WriteDOCX(w io.Writer, doc Document) error {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", packageRelsXML},
		{"docProps/core.xml", coreXML(doc)},
		{"docProps/app.xml", appXML},
		{"word/document.xml", documentXML(doc)},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/header1.xml", headerPageNumberXML},
		{"word/header2.xml", headerFirstPageXML},
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return fmt.Errorf("report: docx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("report: docx %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("report: docx: %w", err)
	}
	return nil
}
