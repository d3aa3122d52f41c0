package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strings"
	"sync"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "run the web UI, JSON API, public portal and metrics",
		usage: `Usage: papihub serve [--addr 127.0.0.1:8080] [--data DIR] [--db DSN] [--db-read DSN] [--demo]

Serves the web UI, the JSON API under /api/v1, /healthz, /readyz and /metrics.
With --demo, loads the demo organisation (Hưng Yên) and one user per role the
first time; their password is PAPIHUB_ADMIN_PASSWORD, or a generated one that
is printed once. Stops gracefully on SIGINT or SIGTERM.`,
		run: runServe,
	})
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("serve")
	data := e.addDataFlags(fs)
	addr := fs.String("addr", envOr(e, "PAPIHUB_ADDR", "127.0.0.1:8080"), "listen address")
	demo := fs.Bool("demo", false, "load the demo organisation and users once")
	proxies := fs.String("trusted-proxies", e.getenv("PAPIHUB_TRUSTED_PROXIES"), "addresses or CIDR ranges of load balancers whose X-Forwarded-For is believed")
	publicURL := fs.String("public-url", e.getenv("PAPIHUB_PUBLIC_URL"), "the site's public address (https://host) for the portal's absolute links, sitemap and feed ids; empty: each request's host")
	profiling := fs.String("pprof", e.getenv("PAPIHUB_PPROF"), "serve Go's profiles (net/http/pprof) on this address, e.g. 127.0.0.1:6060; never a public one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := web.SetTrustedProxies(*proxies); err != nil {
		return usageError{err.Error()}
	}
	if err := web.SetPublicOrigin(*publicURL); err != nil {
		return usageError{err.Error()}
	}
	log := newLogger(e)
	start := time.Now()
	data.log = log
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	d, err := deps{db: conn, log: log, dataDir: data.dir}.withSecret(e)
	if err != nil {
		return err
	}
	d = d.complete() // the pages and the warm-up share its stores
	if *demo {
		if err := loadDemo(ctx, e, d); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           newApp(d),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large evidence uploads on slow links
		WriteTimeout:      5 * time.Minute, // large report downloads
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if *profiling != "" {
		if err := serveProfiles(*profiling, log); err != nil {
			return err
		}
	}
	log.Info("papihub serving", slog.String("addr", "http://"+ln.Addr().String()), slog.String("db", string(conn.Dialect)),
		slog.Bool("replica", conn.ReplicaPool() != nil),
		slog.Duration("startup", time.Since(start)))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	bgCtx, stopBackground := context.WithCancel(ctx)
	var background sync.WaitGroup
	defer background.Wait()
	defer stopBackground()
	background.Go(func() { warmUp(bgCtx, d) })
	for _, c := range capabilities {
		if c.background != nil {
			background.Go(func() { c.background(bgCtx, e, d) })
		}
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("papihub shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveProfiles answers /debug/pprof/ on its own listener, apart from the
// application's routes and their sign-in, so that an operator can profile a
// running server from the machine itself.
func serveProfiles(addr string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s for profiles: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Info("profiles", slog.String("addr", "http://"+ln.Addr().String()+"/debug/pprof/"))
	go func() { _ = http.Serve(ln, mux) }()
	return nil
}

// newLogger logs JSON when stderr is not a terminal (a service manager or a
// container collects it), text otherwise.
func newLogger(e *env) *slog.Logger {
	level := slog.LevelInfo
	_ = level.UnmarshalText([]byte(envOr(e, "PAPIHUB_LOG_LEVEL", "info")))
	opts := &slog.HandlerOptions{Level: level}
	if f, ok := e.stderr.(*os.File); ok && isTerminal(f) {
		return slog.New(slog.NewTextHandler(e.stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(e.stderr, opts))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// demoPassword is PAPIHUB_ADMIN_PASSWORD or a fresh random one.
func demoPassword(e *env) (string, bool) {
	if p := e.getenv("PAPIHUB_ADMIN_PASSWORD"); p != "" {
		return p, false
	}
	return web.RandomToken(12), true
}

func loadDemo(ctx context.Context, e *env, d deps) error {
	d = d.complete()
	password, generated := demoPassword(e)
	created, err := d.org.LoadDemo(ctx, password)
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	if !created {
		return nil
	}
	for _, c := range capabilities {
		if c.demo == nil {
			continue
		}
		if err := c.demo(ctx, d); err != nil {
			return fmt.Errorf("load demo data of %s: %w", c.name, err)
		}
	}
	fmt.Fprintf(e.stderr, "Demo data loaded. Accounts: %s\n", strings.Join(org.DemoUsernames(), ", "))
	if generated {
		fmt.Fprintf(e.stderr, "Their password (shown once; set PAPIHUB_ADMIN_PASSWORD to choose it): %s\n", password)
	} else {
		fmt.Fprintln(e.stderr, "Their password is the value of PAPIHUB_ADMIN_PASSWORD.")
	}
	return nil
}
