// Command roundrobin is the reverse proxy of the portal's scale-out
// benchmark (docs/benchmarks.md): it spreads requests over several
// `papihub serve` processes in turn, keeping connections to them open, and
// passes the conditional headers through so that 304s reach the client.
// It caches nothing; a production proxy (nginx, HAProxy) may also keep
// pages, which the portal's Cache-Control and validators allow.
//
//	go run ./bench/roundrobin -addr 127.0.0.1:18090 http://127.0.0.1:18082 http://127.0.0.1:18083 http://127.0.0.1:18084
package main

import (
	"flag"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18090", "address to listen on")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: roundrobin [-addr HOST:PORT] BACKEND_URL...")
	}
	var backends []*httputil.ReverseProxy
	transport := &http.Transport{MaxIdleConnsPerHost: 256}
	for _, raw := range flag.Args() {
		u, err := url.Parse(raw)
		if err != nil {
			log.Fatal(err)
		}
		p := httputil.NewSingleHostReverseProxy(u)
		p.Transport = transport
		backends = append(backends, p)
	}
	var next atomic.Uint64
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		backends[next.Add(1)%uint64(len(backends))].ServeHTTP(w, r)
	})))
}
