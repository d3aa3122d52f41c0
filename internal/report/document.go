// Package report builds the documents an agency sends out: an official
// report in the layout of Decree 30/2020/NĐ-CP as DOCX, and the same figures
// as XLSX tables. The document model here knows nothing of plans or tasks;
// callers fill it, and the writers only lay it out.
package report

import "time"

// Document is one official document (văn bản hành chính) as Decree 30/2020
// Appendix I lays it out: the issuing body and the national name at the top,
// the kind and subject, the body, and the recipients and signature at the end.
type Document struct {
	// ParentBody is the governing body printed above the issuer, such as
	// "UBND TỈNH HƯNG YÊN"; empty when the issuer has none.
	ParentBody string
	// Issuer is the body that issues the document, such as
	// "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
	Issuer string
	// Number is the number and symbol, such as "12/BC-SKHCN". A number not
	// yet given ("/BC-SKHCN") is printed with room to write it in by hand.
	Number string
	// Place is the place name of the date line, such as "Hưng Yên".
	Place string
	// Date is the issue date; the zero time leaves day, month and year blank
	// for the office to fill in when the document is signed.
	Date time.Time
	// Kind is the document kind printed as the title, such as "BÁO CÁO".
	Kind    string
	Subject string
	Body    []Block
	// Recipients are the addressees of the "Nơi nhận" list in order. The
	// last one should be the archive entry ("Lưu: VT, KHTC"); one is added
	// when it is missing, because Decree 30/2020 Appendix I (the "Nơi nhận"
	// item) ends every list with the copy kept by the records clerk (VT).
	Recipients []string
	Signature  Signature
}

// Signature is the signing block: the authority under which the signer acts
// ("KT. GIÁM ĐỐC" when a deputy signs on behalf of the director), the
// signer's title and name.
type Signature struct {
	Authority string
	Title     string
	Name      string
}

// Block is one element of a document's body: a Heading, Paragraph, Bullets
// or Table.
type Block interface{ block() }

// Heading is a numbered section heading. Level 1 is numbered with Roman
// numerals ("I"), level 2 with Arabic ones ("1") and level 3 with letters
// ("a"), as Vietnamese official documents number their parts.
type Heading struct {
	Level  int // 1 to 3
	Number string
	Text   string
}

// Paragraph is a body paragraph: its Text, followed by Runs when parts of it
// need bold or italic.
type Paragraph struct {
	Text string
	Runs []Run
}

// Run is a piece of a paragraph with its own emphasis.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
}

// Bullets is a list whose items are introduced by a dash, the usual list
// mark of official documents.
type Bullets struct {
	Items []string
}

// Table is a bordered table. ColumnWidths are relative (2, 1, 1 gives the
// first column half the width); empty means equal columns. NumericColumns
// holds the indexes of the columns whose figures are aligned right.
type Table struct {
	Header         []string
	Rows           [][]string
	ColumnWidths   []float64
	NumericColumns []int
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Bullets) block()   {}
func (Table) block()     {}
