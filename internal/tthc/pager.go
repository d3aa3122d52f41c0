package tthc

import (
	"net/url"
	"strconv"
)

// pageLinks are the previous and next page URLs of a list, keeping its
// filters.
func pageLinks(q url.Values, page int, more bool) (prev, next string) {
	link := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		return "?" + v.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if more {
		next = link(page + 1)
	}
	return prev, next
}
