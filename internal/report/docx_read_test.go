package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// A small reader of the written package, so that the tests check what Word
// would read rather than the strings the writer happened to produce.

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// node is one element of a parsed part.
type node struct {
	Name     string // local name; every element the tests ask for is in the w: namespace
	Attrs    map[string]string
	Children []*node
	Text     string // character data directly inside the element
}

// attr returns the value of the w: attribute name.
func (n *node) attr(name string) string { return n.Attrs[name] }

// all returns every descendant named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.Children {
			if c.Name == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// first returns the first descendant named name, or nil.
func (n *node) first(name string) *node {
	if all := n.all(name); len(all) > 0 {
		return all[0]
	}
	return nil
}

// text joins the text of every w:t below n.
func (n *node) text() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.Text)
	}
	return b.String()
}

// paragraphs returns the text of each paragraph below n.
func (n *node) paragraphs() []string {
	var out []string
	for _, p := range n.all("p") {
		out = append(out, p.text())
	}
	return out
}

// has reports whether n's properties hold the element name (such as "b"
// for bold), directly or in a run below.
func (n *node) has(name string) bool { return n.first(name) != nil }

func parseXML(t *testing.T, data []byte) *node {
	t.Helper()
	root := &node{}
	stack := []*node{root}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("part is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].Text += string(tok)
		}
	}
	return root
}

// docxParts writes doc and returns the package's parts by name.
func docxParts(t *testing.T, doc Document) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, doc); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("the DOCX is not a zip archive: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

// body writes doc and returns the parsed w:body of word/document.xml.
func body(t *testing.T, doc Document) *node {
	t.Helper()
	parts := docxParts(t, doc)
	root := parseXML(t, parts["word/document.xml"])
	b := root.first("body")
	if b == nil {
		t.Fatal("word/document.xml has no w:body")
	}
	return b
}

// topTables returns the tables directly in the body, in order.
func topTables(b *node) []*node {
	var out []*node
	for _, c := range b.Children {
		if c.Name == "tbl" {
			out = append(out, c)
		}
	}
	return out
}

// paragraphNamed returns the first paragraph below n whose text is text.
func paragraphNamed(t *testing.T, n *node, text string) *node {
	t.Helper()
	for _, p := range n.all("p") {
		if p.text() == text {
			return p
		}
	}
	t.Fatalf("no paragraph reads %q; paragraphs: %q", text, n.paragraphs())
	return nil
}
