package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoPDF says this machine cannot make PDF: no LibreOffice is installed.
var ErrNoPDF = errors.New("report: PDF needs LibreOffice (soffice) on the server")

// pdfSlots lets one conversion run at a time: LibreOffice takes a core and
// a few hundred MiB while it lays a document out, and printing is rare.
var pdfSlots = make(chan struct{}, 1)

// office finds LibreOffice's command.
func office() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoPDF
}

// PDFAvailable says whether PDF can be made here, for pages that offer it.
func PDFAvailable() bool {
	_, err := office()
	return err == nil
}

// PDF lays a DOCX out as PDF with LibreOffice headless, so that the PDF is
// the same page the DOCX prints: one layout, written once by WriteDOCX.
// Each conversion has a profile directory of its own (LibreOffice refuses a
// second process on one profile) and is cancelled with ctx.
func PDF(ctx context.Context, docx []byte) ([]byte, error) {
	bin, err := office()
	if err != nil {
		return nil, err
	}
	select {
	case pdfSlots <- struct{}{}:
		defer func() { <-pdfSlots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	dir, err := os.MkdirTemp("", "papihub-pdf-")
	if err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("report: pdf: %w: %s", err, bytes.TrimSpace(out.Bytes()))
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "document.pdf"))
	if err != nil {
		// LibreOffice exits 0 when it cannot read the input; say what it said.
		return nil, fmt.Errorf("report: pdf: no output: %s", bytes.TrimSpace(out.Bytes()))
	}
	return pdf, nil
}
