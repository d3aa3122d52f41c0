package plan

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// smtpSink is a minimal SMTP server on a local port that keeps what it is
// sent: enough of RFC 5321 for net/smtp's SendMail without TLS or auth.
type smtpSink struct {
	ln   net.Listener
	mu   sync.Mutex
	mail []string
	rcpt []string
}

func startSMTP(t *testing.T) *smtpSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpSink{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { c.Write([]byte(line + "\r\n")) }
	say("220 localhost ESMTP test")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 localhost")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO"):
			s.mu.Lock()
			s.rcpt = append(s.rcpt, strings.TrimSpace(line[8:]))
			s.mu.Unlock()
			say("250 OK")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.mail = append(s.mail, b.String())
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

func TestTheDailyDigestReachesTheOfficerThroughARealSMTPServer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	officer := f.user("chuyenvien")
	in := org.UserInput{Username: officer.Username, FullName: officer.FullName, Title: officer.Title, UnitID: officer.UnitID,
		Roles: officer.Roles, Active: true, Email: "trang@skhcn.example.vn"}
	if err := f.org.UpdateUser(ctx, audit.System, officer.ID, in); err != nil {
		t.Fatal(err)
	}
	_, id := f.plan2026()
	list, _, _ := f.store.Instances(ctx, InstanceFilter{PlanID: id, Period: "2026Q1"})
	if _, err := f.store.PostUpdate(ctx, officer.Actor(), list[0].ID, UpdateInput{Text: "xong", Submit: true}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Review(ctx, audit.System, list[0].ID, false, "Thiếu số liệu tháng 3"); err != nil {
		t.Fatal(err)
	}
	sink := startSMTP(t)
	_, port, _ := net.SplitHostPort(sink.ln.Addr().String())
	cfg := SMTPConfigFromEnv(func(k string) string {
		return map[string]string{"PAPIHUB_SMTP_HOST": "127.0.0.1", "PAPIHUB_SMTP_PORT": port, "PAPIHUB_SMTP_FROM": "papihub@skhcn.example.vn"}[k]
	})
	sent, err := f.store.SendDigests(ctx, cfg, 30)
	if err != nil || sent != 1 {
		t.Fatalf("sent %d, %v", sent, err)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.mail) != 1 || !strings.Contains(sink.rcpt[0], "trang@skhcn.example.vn") {
		t.Fatalf("mail %d, rcpt %v", len(sink.mail), sink.rcpt)
	}
	msg := sink.mail[0]
	for _, want := range []string{"Subject: =?utf-8?q?", "Kính gửi Phạm Thu Trang", "Bị trả lại, cần bổ sung (1)", "Báo cáo số liệu dịch vụ công trực tuyến hằng quý", "Quá hạn ("} {
		if !strings.Contains(msg, want) {
			t.Errorf("digest lacks %q:\n%s", want, msg)
		}
	}
}

func TestWithoutAnSMTPServerNoMailIsSent(t *testing.T) {
	f := newFixture(t)
	if n, err := f.store.SendDigests(context.Background(), SMTPConfig{}, 7); n != 0 || err != nil {
		t.Fatalf("%d %v", n, err)
	}
}
