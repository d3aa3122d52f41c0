// Package bombtest builds compressed files that inflate far beyond their
// size, for the tests that check every reader stays within
// bounded.Limits: workbooks with a huge sheet or shared-strings part, zips of
// a huge CSV, documents with one endless run of text.
package bombtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Part is one part of a zip: its name and a writer of its content.
type Part struct {
	Name  string
	Write func(w io.Writer) error
}

// Text is a part with fixed content.
func Text(name, s string) Part {
	return Part{Name: name, Write: func(w io.Writer) error { _, err := io.WriteString(w, s); return err }}
}

// Repeat is a part made of head, unit repeated until the part reaches size
// bytes, and tail: the shape of a bomb, which deflates about a
// thousandfold.
func Repeat(name, head, unit, tail string, size int64) Part {
	return Part{Name: name, Write: func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		chunk := strings.Repeat(unit, max(1, (64<<10)/len(unit)))
		for n := int64(len(head) + len(tail)); n < size; n += int64(len(chunk)) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, tail)
		return err
	}}
}

// Zip writes the parts as a zip, deflated at the best ratio.
func Zip(parts ...Part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range parts {
		w, err := zw.Create(p.Name)
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		if err := p.Write(w); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// Workbook is an XLSX whose first sheet has the header row, then row
// repeated until the sheet's XML reaches size bytes, and a shared-strings
// part of sstSize bytes (one string repeated), and any extra parts. Cells
// are inline strings without references, as a writer may emit them.
func Workbook(header []string, row []string, size, sstSize int64, extra ...Part) []byte {
	sstHead := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	return Zip(append([]Part{
		Text("[Content_Types].xml", contentTypes),
		Text("_rels/.rels", rootRels),
		Text("xl/workbook.xml", workbook),
		Text("xl/_rels/workbook.xml.rels", workbookRels),
		Repeat("xl/sharedStrings.xml", sstHead, "<si><t>chuỗi lặp lại</t></si>", "</sst>", sstSize),
		Repeat("xl/worksheets/sheet1.xml", sheetHead+rowXML(header), rowXML(row), sheetTail, size),
	}, extra...)...)
}

// LongCell is an XLSX whose one cell holds a text of size bytes.
func LongCell(size int64) []byte {
	return Zip(
		Text("[Content_Types].xml", contentTypes),
		Text("_rels/.rels", rootRels),
		Text("xl/workbook.xml", workbook),
		Text("xl/_rels/workbook.xml.rels", workbookRels),
		Text("xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>`),
		Repeat("xl/worksheets/sheet1.xml", sheetHead+`<row><c t="inlineStr"><is><t>`, "x", `</t></is></c></row>`+sheetTail, size),
	)
}

// rowXML writes a row without references: numbers as values, the rest as
// inline strings, so that many cells take few bytes.
func rowXML(cells []string) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, c := range cells {
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			fmt.Fprintf(&b, `<c><v>%s</v></c>`, c)
		} else {
			fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
		}
	}
	b.WriteString("</row>")
	return b.String()
}

// Declared is a zip of one part that claims to inflate to size bytes while
// holding a few: the central directory is what a reader sees first, and a
// hostile file can say anything there.
func Declared(name string, size uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CompressedSize64: 1, UncompressedSize64: size})
	if err != nil {
		panic(err)
	}
	w.Write([]byte("x"))
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// CSVZip is a zip of one CSV named name: header, then row repeated until
// the CSV reaches size bytes.
func CSVZip(name, header, row string, size int64) []byte {
	return Zip(Repeat(name, header+"\n", row+"\n", "", size))
}

// DOCX is a Word document whose body is one paragraph of size bytes of
// text.
func DOCX(size int64) []byte {
	return Zip(
		Text("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`),
		Repeat("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`,
			"KẾ HOẠCH ", `</w:t></w:r></w:p></w:body></w:document>`, size),
	)
}
