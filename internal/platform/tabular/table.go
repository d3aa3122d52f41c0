package tabular

import (
	"io"
	"strings"
)

// Table is a file opened past its header: the reader stands on the first
// row after it, Cols says where each field is, and Titles what the file
// calls each field's column, so that row errors name the column as the
// person sees it.
type Table struct {
	*Reader
	Cols   map[string]int
	Titles map[string]string
}

// OpenTable opens a file ("csv" or "xlsx") and finds its header: the first
// row whose titles (folded by HeaderKey and looked up in titles) name every
// field of required. want says, in Vietnamese, which columns that is, for
// the error when no row does.
func OpenTable(r io.Reader, format string, titles map[string]string, want string, required ...string) (*Table, error) {
	tr, err := Open(r, format)
	if err != nil {
		return nil, err
	}
	header, line, err := tr.Header(func(cells []string) bool {
		has := map[string]bool{}
		for _, c := range cells {
			has[titles[HeaderKey(c)]] = true
		}
		for _, f := range required {
			if !has[f] {
				return false
			}
		}
		return true
	}, want)
	if err != nil {
		tr.Close()
		return nil, err
	}
	cols, err := Columns(header, line, titles)
	if err != nil {
		tr.Close()
		return nil, err
	}
	named := map[string]string{}
	for col, i := range cols {
		named[col] = strings.TrimSpace(header[i])
	}
	return &Table{Reader: tr, Cols: cols, Titles: named}, nil
}
