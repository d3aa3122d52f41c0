package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
)

// trustedProxies are the addresses whose X-Forwarded-For papihub believes:
// the load balancers in front of several serve processes. Empty (the
// default) trusts no header, so a client cannot choose its own address for
// throttling or the audit log.
var trustedProxies atomic.Pointer[[]netip.Prefix]

// SetTrustedProxies reads a comma-separated list of addresses or CIDR
// ranges (PAPIHUB_TRUSTED_PROXIES). It is called once at start-up.
func SetTrustedProxies(list string) error {
	var prefixes []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			addr, err := netip.ParseAddr(item)
			if err != nil {
				return fmt.Errorf("trusted proxy %q: %w", item, err)
			}
			prefixes = append(prefixes, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return fmt.Errorf("trusted proxy %q: %w", item, err)
		}
		prefixes = append(prefixes, p.Masked())
	}
	trustedProxies.Store(&prefixes)
	return nil
}

func trusted(addr string) bool {
	list := trustedProxies.Load()
	if list == nil {
		return false
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range *list {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP is the address a request came from: the connection's peer, or,
// when that peer is a trusted proxy, the nearest address in X-Forwarded-For
// that is not itself a trusted proxy (reading from the right, since only
// the hops our own proxies appended can be believed).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if hop == "" {
			continue
		}
		if !trusted(hop) {
			if _, err := netip.ParseAddr(hop); err != nil {
				return host // a garbled header: fall back to the proxy itself
			}
			return hop
		}
		host = hop
	}
	return host
}
