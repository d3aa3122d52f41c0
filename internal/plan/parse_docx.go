package plan

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"papihub/internal/platform/bounded"
	"strconv"
	"strings"
)

// maxDocumentXML bounds the unpacked word/document.xml. A real plan is well
// under 1 MB; the bound stops a zip bomb from filling memory.
const maxDocumentXML = 32 << 20

// readDOCX reads word/document.xml of a DOCX into blocks: paragraphs (w:p)
// made of their runs' text (w:t), and tables (w:tbl) as rows of cells. A line
// break inside a paragraph (w:br) splits it, as Shift+Enter in a title does.
// Automatic list numbering is not rendered (that needs numbering.xml); a
// list paragraph is marked so that it reads as a bullet.
func readDOCX(data []byte) ([]block, error) {
	// The platform's bounds: parts, inflated size, the longest run of text;
	// document.xml is streamed (and bounded again below), the rest unread.
	zr, err := bounded.OpenZip(data, bounded.Default, nil)
	if err != nil {
		return nil, fmt.Errorf("không đọc được DOCX: %w", err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
			break
		}
	}
	if doc == nil {
		return nil, errors.New("tệp nén không phải DOCX (không có word/document.xml)")
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("không mở được word/document.xml: %w", err)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: maxDocumentXML + 1}
	blocks, err := decodeDocumentXML(lr)
	if lr.N <= 0 {
		return nil, errors.New("nội dung DOCX quá lớn")
	}
	if err != nil {
		return nil, fmt.Errorf("word/document.xml không hợp lệ: %w", err)
	}
	return blocks, nil
}

// docxReader is the state of one pass over document.xml.
type docxReader struct {
	out      []block
	paraNo   int
	tableNo  int // paragraph number where the outermost table starts
	depth    int // table nesting; cells of nested tables join their outer cell
	rows     [][]string
	rowNo    []int
	cell     []string
	span     int  // the cell's gridSpan: how many grid columns it covers
	merged   bool // the cell continues a vertical merge (vMerge without "restart")
	para     strings.Builder
	inPara   bool
	inText   bool
	inRun    bool
	inRunPr  bool
	runBold  bool
	allBold  bool
	anyText  bool
	heading  bool
	list     bool
	inParaPr bool
}

func decodeDocumentXML(r io.Reader) ([]block, error) {
	dec := xml.NewDecoder(r)
	d := &docxReader{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			d.start(t)
		case xml.EndElement:
			d.end(t.Name.Local)
		case xml.CharData:
			if d.inText && d.inPara {
				d.para.Write(t)
				if strings.TrimSpace(string(t)) != "" {
					d.anyText = true
					if !d.runBold {
						d.allBold = false
					}
				}
			}
		}
	}
	return d.out, nil
}

func (d *docxReader) start(t xml.StartElement) {
	switch t.Name.Local {
	case "tbl":
		d.depth++
		if d.depth == 1 {
			d.rows, d.rowNo, d.tableNo = [][]string{}, nil, d.paraNo+1
		}
	case "tr":
		if d.depth == 1 {
			d.rows = append(d.rows, nil)
			d.rowNo = append(d.rowNo, d.paraNo+1)
		}
	case "tc":
		if d.depth == 1 {
			d.cell, d.span, d.merged = nil, 1, false
		}
	case "gridSpan":
		if d.depth == 1 {
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 1 && n <= 64 {
				d.span = n
			}
		}
	case "vMerge":
		if d.depth == 1 {
			d.merged = attr(t, "val") != "restart"
		}
	case "p":
		d.inPara, d.allBold, d.anyText, d.heading, d.list = true, true, false, false, false
		d.para.Reset()
	case "pPr":
		d.inParaPr = true
	case "pStyle":
		v := strings.ToLower(attr(t, "val"))
		d.heading = d.heading || strings.HasPrefix(v, "heading") || v == "title"
	case "numPr":
		d.list = d.list || d.inParaPr
	case "r":
		d.inRun, d.runBold = true, false
	case "rPr":
		d.inRunPr = d.inRun
	case "b":
		if d.inRunPr {
			v := attr(t, "val")
			d.runBold = v == "" || v == "1" || v == "true" || v == "on"
		}
	case "t":
		d.inText = true
	case "tab":
		if d.inRun {
			d.para.WriteByte(' ')
		}
	case "br", "cr":
		if d.inRun && attr(t, "type") != "page" {
			d.para.WriteByte('\n')
		}
	}
}

func (d *docxReader) end(local string) {
	switch local {
	case "t":
		d.inText = false
	case "rPr":
		d.inRunPr = false
	case "r":
		d.inRun = false
	case "pPr":
		d.inParaPr = false
	case "p":
		if d.inPara {
			d.endParagraph()
		}
	case "tc":
		if d.depth == 1 && len(d.rows) > 0 {
			d.endCell()
		}
	case "tbl":
		if d.depth == 1 {
			d.out = append(d.out, block{no: d.tableNo, rows: d.rows, rowNo: d.rowNo})
			d.rows, d.rowNo = nil, nil
		}
		if d.depth > 0 {
			d.depth--
		}
	}
}

// endCell places a cell on the table's grid: a cell spanning columns
// (gridSpan) repeats its text in each, as a merged Markdown row does; a cell
// continuing a vertical merge (vMerge) takes the text of the cell above, so
// that a lead unit merged down three rows leads all three tasks.
func (d *docxReader) endCell() {
	last := len(d.rows) - 1
	text := strings.Join(d.cell, "\n")
	col := len(d.rows[last])
	if d.merged && text == "" && last > 0 && col < len(d.rows[last-1]) {
		text = d.rows[last-1][col]
	}
	for range d.span {
		d.rows[last] = append(d.rows[last], text)
	}
}

func (d *docxReader) endParagraph() {
	d.inPara = false
	d.paraNo++
	text := d.para.String()
	if d.depth > 0 {
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				d.cell = append(d.cell, l)
			}
		}
		return
	}
	bold := d.anyText && d.allBold
	for _, l := range strings.Split(text, "\n") {
		d.out = append(d.out, block{no: d.paraNo, text: strings.TrimSpace(l), bold: bold, heading: d.heading, list: d.list})
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
