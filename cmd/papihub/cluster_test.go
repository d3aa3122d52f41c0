package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"papihub/internal/platform/db"
)

// EnvCluster turns on the cluster test: it builds papihub, starts a primary
// PostgreSQL and a streaming replica of its own (never the shared server),
// three serve processes and nginx, which takes a minute and needs initdb,
// pg_basebackup and nginx. CI runs it as a step of its own.
const EnvCluster = "PAPIHUB_TEST_CLUSTER"

// TestClusterOfThreeProcessesOnAPrimaryAndAReplicaBehindNginx imports
// through one process and reads the index through another from the replica,
// moves a session between processes, kills a process and the replica and
// keeps serving, restarts the primary and checks every process recovers,
// and checks a daily job ran once across the processes.
func TestClusterOfThreeProcessesOnAPrimaryAndAReplicaBehindNginx(t *testing.T) {
	if os.Getenv(EnvCluster) == "" {
		t.Skip("set " + EnvCluster + "=1 to run the multi-process test (needs PostgreSQL's binaries and nginx)")
	}
	c := newCluster(t)
	ctx := context.Background()

	// A session opened through one process is honoured by the others.
	cookie := c.login(t, c.serve[0])
	for _, p := range c.serve[1:] {
		if body := c.get(t, p, "/", cookie); !strings.Contains(body, "Quản trị hệ thống") {
			t.Fatalf("the session opened on %s is unknown to %s", c.serve[0], p)
		}
	}

	// Import through the first process; read through the second, from the
	// replica once it has replayed the import.
	if n := c.push(t, c.serve[0], 0, 20); n != 20 {
		t.Fatalf("pushed 20 dossiers, %d applied", n)
	}
	c.waitReplayed(t)
	if got := c.received(t, c.serve[1], ""); got != 20 {
		t.Fatalf("the index read through another process shows %d received, want 20", got)
	}
	// Stop replay: the replica now lags, and a read without the mark shows
	// the replica's figures, one with the mark (a page right after the
	// user's change) the primary's.
	c.replicaSQL(t, `SELECT pg_wal_replay_pause()`)
	mark := c.pushMarked(t, c.serve[0], 20, 5)
	if got := c.received(t, c.serve[1], ""); got != 20 {
		t.Fatalf("with replay paused, a read shows %d received: it did not come from the replica", got)
	}
	if got := c.received(t, c.serve[1], mark); got != 25 {
		t.Fatalf("the user's read after their change shows %d received, want 25 from the primary", got)
	}
	c.replicaSQL(t, `SELECT pg_wal_replay_resume()`)
	c.waitReplayed(t)
	if got := c.received(t, c.serve[1], ""); got != 25 {
		t.Fatalf("after replay resumed: %d received, want 25", got)
	}

	// Kill a process in the middle of a push, and the replica: nothing
	// acknowledged is lost, nothing is half applied, and nginx and the other
	// two keep serving, heavy reads falling back to the primary.
	c.killMidPush(t, 2, 1000)
	c.pgctl(t, "stop", c.replicaDir, "-m", "immediate")
	c.eventually(t, "the index through nginx after losing a process and the replica", func() error {
		return c.steadily(c.nginx, 25)
	})
	if n := c.push(t, c.nginx, 25, 1); n != 1 {
		t.Fatalf("a write through nginx after the losses: %d applied", n)
	}
	if m := c.get(t, c.serve[1], "/metrics", nil); !strings.Contains(m, "papihub_db_replica_up 0") {
		t.Fatalf("a process does not report its replica down:\n%s", grepLines(m, "papihub_db_replica"))
	}

	// Restart the primary: both remaining processes reconnect by themselves.
	c.pgctl(t, "restart", c.primaryDir, "-m", "fast")
	for _, p := range []string{c.serve[0], c.serve[1], c.nginx} {
		c.eventually(t, "the index through "+p+" after the primary restarted", func() error {
			return c.steadily(p, 26)
		})
	}
	if n := c.push(t, c.nginx, 26, 1); n != 1 {
		t.Fatalf("a write after the restart: %d applied", n)
	}

	// The daily reminders ran once across the three processes.
	var runs, claimers int
	if err := c.primary.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT claimed_by) FROM plan_reminder_runs`).Scan(&runs, &claimers); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || claimers != 1 {
		t.Fatalf("%d reminder runs by %d processes today, want one", runs, claimers)
	}
}

type cluster struct {
	dir, bin                 string
	pgBin                    string
	primaryDir, replicaDir   string
	primaryPort, replicaPort int
	primaryDSN, replicaDSN   string
	primary                  *sql.DB
	serve                    []string // base URLs of the serve processes
	procs                    []*exec.Cmd
	exited                   []chan struct{} // closed when procs[i] has exited
	nginx                    string
	token                    string
	procedure                string
	env                      []string
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	c := &cluster{pgBin: findPGBin(t)}
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/nginx"); e != nil {
			t.Fatal("nginx is not installed (apt-get install nginx-light)")
		}
		nginx = "/usr/sbin/nginx"
	}
	// Not t.TempDir: the postgres user must reach it when tests run as root.
	c.dir, err = os.MkdirTemp("", "papihub-cluster-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(c.dir, 0o755)
	c.chownToPostgres(t, c.dir)
	c.primaryDir, c.replicaDir = filepath.Join(c.dir, "primary"), filepath.Join(c.dir, "replica")
	c.primaryPort, c.replicaPort = freePort(t), freePort(t)
	t.Cleanup(func() {
		for i, p := range c.procs {
			p.Process.Signal(syscall.SIGTERM)
			<-c.exited[i]
		}
		c.pgctlQuiet("stop", c.replicaDir, "-m", "immediate")
		c.pgctlQuiet("stop", c.primaryDir, "-m", "immediate")
		if t.Failed() {
			for _, log := range []string{"primary.log", "replica.log", "serve-0.log", "serve-1.log", "serve-2.log", "nginx-error.log"} {
				b, _ := os.ReadFile(filepath.Join(c.dir, log))
				t.Logf("--- %s (last 2 kB)\n%s", log, tail(b, 2048))
			}
		}
		os.RemoveAll(c.dir)
	})

	c.asPostgres(t, filepath.Join(c.pgBin, "initdb"), "-D", c.primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	appendFile(t, filepath.Join(c.primaryDir, "postgresql.conf"), fmt.Sprintf(`
listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = '%s'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
shared_buffers = 32MB
`, c.primaryPort, c.dir))
	c.pgctl(t, "start", c.primaryDir)
	c.asPostgres(t, filepath.Join(c.pgBin, "pg_basebackup"), "-h", "127.0.0.1", "-p", strconv.Itoa(c.primaryPort), "-U", "postgres",
		"-D", c.replicaDir, "-R", "-X", "stream")
	appendFile(t, filepath.Join(c.replicaDir, "postgresql.conf"), fmt.Sprintf("\nport = %d\n", c.replicaPort))
	c.pgctl(t, "start", c.replicaDir)
	c.primaryDSN = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.primaryPort)
	c.replicaDSN = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.replicaPort)
	c.primary, err = sql.Open("pgx", c.primaryDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.primary.Close() })

	c.bin = filepath.Join(c.dir, "papihub")
	if out, err := exec.Command("go", "build", "-o", c.bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	key := make([]byte, 32)
	rand.Read(key)
	c.env = append(os.Environ(), "PAPIHUB_SECRET_KEY="+base64.StdEncoding.EncodeToString(key), "PAPIHUB_ADMIN_PASSWORD="+testPassword,
		"PAPIHUB_REMIND_HOUR=0", "PAPIHUB_LOOKUP_RATE=0", "PAPIHUB_DB="+c.primaryDSN, "PAPIHUB_DB_READ="+c.replicaDSN)
	for i := range 3 {
		args := []string{"serve", "--addr", fmt.Sprintf("127.0.0.1:%d", freePort(t)), "--data", filepath.Join(c.dir, fmt.Sprintf("data-%d", i))}
		if i == 0 {
			args = append(args, "--demo") // the demo organisation, loaded once by the first
		}
		c.start(t, i, args)
	}
	c.startNginx(t, nginx)

	out, err := c.cli("token", "create", "--username", "admin", "--name", "cluster test", "--data", filepath.Join(c.dir, "data-cli"))
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, out)
	}
	c.token = strings.TrimSpace(out)
	if err := c.primary.QueryRow(`SELECT p.code FROM tthc_procedures p JOIN units u ON u.id = p.unit_id WHERE u.code = $1 ORDER BY p.code LIMIT 1`,
		demoAgencyCode).Scan(&c.procedure); err != nil {
		t.Fatalf("a procedure of the demo agency: %v", err)
	}
	return c
}

func (c *cluster) start(t *testing.T, i int, args []string) {
	t.Helper()
	log, err := os.Create(filepath.Join(c.dir, fmt.Sprintf("serve-%d.log", i)))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(c.bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = c.env, log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.track(cmd, log)
	base := "http://" + args[2]
	c.serve = append(c.serve, base)
	c.eventually(t, base+" ready", func() error {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("readyz %d", resp.StatusCode)
		}
		return nil
	})
}

// track remembers a started process, to stop it at the end.
func (c *cluster) track(cmd *exec.Cmd, log io.Closer) {
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		if log != nil {
			log.Close()
		}
		close(done)
	}()
	c.procs = append(c.procs, cmd)
	c.exited = append(c.exited, done)
}

func (c *cluster) startNginx(t *testing.T, nginx string) {
	t.Helper()
	port := freePort(t)
	var servers strings.Builder
	for _, s := range c.serve {
		fmt.Fprintf(&servers, "    server %s max_fails=1 fail_timeout=10s;\n", strings.TrimPrefix(s, "http://"))
	}
	conf := fmt.Sprintf(`worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %[1]s/nginx-body;
  proxy_temp_path %[1]s/nginx-proxy;
  fastcgi_temp_path %[1]s/nginx-fastcgi;
  uwsgi_temp_path %[1]s/nginx-uwsgi;
  scgi_temp_path %[1]s/nginx-scgi;
  upstream papihub {
%[2]s    keepalive 16;
  }
  server {
    listen 127.0.0.1:%[3]d;
    location / {
      proxy_pass http://papihub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # Reads go to another process when one is down; a POST is never sent
      # twice (nginx does not retry non-idempotent requests).
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`, c.dir, servers.String(), port)
	path := filepath.Join(c.dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", c.dir, "-c", path, "-g", "daemon off;")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.track(cmd, nil)
	c.nginx = fmt.Sprintf("http://127.0.0.1:%d", port)
	c.eventually(t, "nginx", func() error {
		resp, err := http.Get(c.nginx + "/healthz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	})
}

// eventually retries check (100 ms apart, 300 times at most: a count of
// attempts, not a time limit on the machine's speed).
func (c *cluster) eventually(t *testing.T, what string, check func() error) {
	t.Helper()
	var err error
	for range 300 {
		if err = check(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %v", what, err)
}

// steadily reads the index through base ten times in a row, each showing
// want received dossiers.
func (c *cluster) steadily(base string, want int) error {
	for range 10 {
		got, err := c.receivedErr(base, "")
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%d received, want %d", got, want)
		}
	}
	return nil
}

func (c *cluster) login(t *testing.T, base string) *http.Cookie {
	t.Helper()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.PostForm(base+"/login", url.Values{"username": {"admin"}, "password": {testPassword}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "papihub_session" {
			return ck
		}
	}
	t.Fatalf("login through %s: %d, no session cookie", base, resp.StatusCode)
	return nil
}

func (c *cluster) get(t *testing.T, base, path string, cookie *http.Cookie) string {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// push sends n dossiers received in March 2025 (numbered from first) to the
// API and returns how many were applied.
func (c *cluster) push(t *testing.T, base string, first, n int) int {
	t.Helper()
	applied, _ := c.pushWithMark(t, base, first, n)
	return applied
}

// pushMarked pushes and returns the mark cookie the change left.
func (c *cluster) pushMarked(t *testing.T, base string, first, n int) string {
	t.Helper()
	applied, mark := c.pushWithMark(t, base, first, n)
	if applied != n || mark == "" {
		t.Fatalf("push: %d of %d applied, mark %q", applied, n, mark)
	}
	return mark
}

// pushRequest is a push of n dossiers received on day (YYMMDD, 2025),
// numbered from first.
func (c *cluster) pushRequest(base, day string, first, n int) *http.Request {
	var items []string
	for i := first; i < first+n; i++ {
		items = append(items, fmt.Sprintf(`{"MaHoSo":"%s-%s-%04d","MaTTHC":%q,"NgayTiepNhan":"20%s090000","NgayHenTra":"20%s170000","TrangThaiHoSo":"2","KenhThucHien":"1","DonViXuLy":%q}`,
			demoAgencyCode, day, i+1, c.procedure, day, day, demoAgencyCode))
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/dossiers/events", strings.NewReader("["+strings.Join(items, ",")+"]"))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	return req
}

// killMidPush kills process i while it takes a push of n dossiers received
// on 10/04/2025, and checks that an acknowledged push is stored whole and an
// unacknowledged one wholly or not at all.
func (c *cluster) killMidPush(t *testing.T, i, n int) {
	t.Helper()
	type result struct {
		status  int
		applied int
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(c.pushRequest(c.serve[i], "250410", 0, n))
		if err != nil {
			done <- result{}
			return
		}
		defer resp.Body.Close()
		var out eventsAnswer
		json.NewDecoder(resp.Body).Decode(&out)
		done <- result{resp.StatusCode, out.Applied}
	}()
	time.Sleep(50 * time.Millisecond) // let the request reach the process: a rule of thumb, not a limit
	c.procs[i].Process.Signal(syscall.SIGKILL)
	r := <-done
	var stored int
	if err := c.primary.QueryRow(`SELECT COUNT(*) FROM tthc_dossiers WHERE code LIKE $1`, demoAgencyCode+"-250410-%").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed mid-push: HTTP %d, %d acknowledged, %d stored", r.status, r.applied, stored)
	switch {
	case r.status == http.StatusOK && (r.applied != n || stored != n):
		t.Fatalf("an acknowledged push of %d (applied %d) left %d stored", n, r.applied, stored)
	case r.status != http.StatusOK && stored != 0 && stored != n:
		t.Fatalf("an unacknowledged push of %d left %d stored: half applied", n, stored)
	}
}

func (c *cluster) pushWithMark(t *testing.T, base string, first, n int) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(c.pushRequest(base, "250310", first, n))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out eventsAnswer
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &out) != nil {
		t.Fatalf("push through %s: %d %s", base, resp.StatusCode, body)
	}
	mark := ""
	for _, ck := range resp.Cookies() {
		if ck.Name == "papihub_seen" {
			mark = ck.Value
		}
	}
	return out.Applied, mark
}

type eventsAnswer struct {
	Applied int `json:"applied"`
}

func (c *cluster) received(t *testing.T, base, mark string) int {
	t.Helper()
	n, err := c.receivedErr(base, mark)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// receivedErr reads the demo agency's index for March 2025 and sums the
// dossiers received by procedure.
func (c *cluster) receivedErr(base, mark string) (int, error) {
	req, _ := http.NewRequest("GET", base+"/api/v1/index?unit="+demoAgencyCode+"&period=2025-03", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	if mark != "" {
		req.AddCookie(&http.Cookie{Name: "papihub_seen", Value: mark})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("index through %s: %d %s", base, resp.StatusCode, tail(body, 300))
	}
	var rep struct {
		ByProcedure []struct {
			Received int `json:"received"`
		} `json:"byProcedure"`
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		return 0, err
	}
	n := 0
	for _, p := range rep.ByProcedure {
		n += p.Received
	}
	return n, nil
}

// waitReplayed waits until the replica has replayed everything the primary
// has written so far.
func (c *cluster) waitReplayed(t *testing.T) {
	t.Helper()
	var target string
	if err := c.primary.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&target); err != nil {
		t.Fatal(err)
	}
	want, err := db.ParseLSN(target)
	if err != nil {
		t.Fatal(err)
	}
	c.eventually(t, "replica replay", func() error {
		var s string
		if err := c.replicaQueryRow(`SELECT pg_last_wal_replay_lsn()::text`).Scan(&s); err != nil {
			return err
		}
		got, err := db.ParseLSN(s)
		if err == nil && got < want {
			err = fmt.Errorf("replayed %s, primary at %s", s, target)
		}
		return err
	})
}

func (c *cluster) replicaQueryRow(q string) *sql.Row {
	r, err := sql.Open("pgx", c.replicaDSN)
	if err != nil {
		panic(err)
	}
	defer r.Close()
	return r.QueryRow(q)
}

func (c *cluster) replicaSQL(t *testing.T, q string) {
	t.Helper()
	r, err := sql.Open("pgx", c.replicaDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Exec(q); err != nil {
		t.Fatalf("%s on the replica: %v", q, err)
	}
}

func (c *cluster) cli(args ...string) (string, error) {
	cmd := exec.Command(c.bin, args...)
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.String(), err
}

func (c *cluster) pgctl(t *testing.T, action, dir string, extra ...string) {
	t.Helper()
	log := filepath.Join(c.dir, filepath.Base(dir)+".log")
	args := append([]string{action, "-D", dir, "-l", log, "-w"}, extra...)
	c.asPostgres(t, filepath.Join(c.pgBin, "pg_ctl"), args...)
}

func (c *cluster) pgctlQuiet(action, dir string, extra ...string) {
	args := append([]string{action, "-D", dir, "-w"}, extra...)
	c.postgresCmd(filepath.Join(c.pgBin, "pg_ctl"), args...).Run()
}

// asPostgres runs a PostgreSQL program as the postgres user when the tests
// run as root (initdb and the server refuse root).
func (c *cluster) asPostgres(t *testing.T, prog string, args ...string) {
	t.Helper()
	if out, err := c.postgresCmd(prog, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, out)
	}
}

func (c *cluster) postgresCmd(prog string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", prog}, args...)...)
	}
	return exec.Command(prog, args...)
}

func (c *cluster) chownToPostgres(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("running as root needs a postgres user: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
}

func findPGBin(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("pg_basebackup"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p)
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		t.Fatal("PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) are not installed")
	}
	return filepath.Dir(matches[len(matches)-1])
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
