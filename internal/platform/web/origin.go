package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// The site's public address, for what must be absolute: Open Graph and
// canonical links, sitemaps, and the Atom feed's ids, which must never
// change. Behind a load balancer, or reached by several names, the request's
// Host differs from one request to the next (and is whatever the client
// sends), so an operator names the address once (PAPIHUB_PUBLIC_URL).
var publicOrigin atomic.Pointer[string]

// SetPublicOrigin reads the site's public address ("https://congkhai.hungyen.gov.vn");
// empty means each request's own host. It is called once at start-up.
func SetPublicOrigin(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		publicOrigin.Store(nil)
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("public URL %q: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "", u.User != nil:
		return fmt.Errorf("public URL %q: want http:// or https:// and a host name, e.g. https://congkhai.hungyen.gov.vn", s)
	case strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("public URL %q: the site must be at the root of its host (no path, query or fragment)", s)
	}
	o := u.Scheme + "://" + strings.ToLower(u.Host)
	publicOrigin.Store(&o)
	return nil
}

// Origin is the scheme and host of the site for r: the public address when
// one is set, otherwise the host r reached, https when r came over TLS or
// through a trusted proxy that says so (X-Forwarded-Proto from anyone else
// is not believed).
func Origin(r *http.Request) string {
	if o := publicOrigin.Load(); o != nil {
		return *o
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	} else if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil && trusted(host) && r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
