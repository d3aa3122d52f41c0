package plan

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// SMTPConfig is the mail server of the daily digest. An empty Host turns
// e-mail off; in-app notifications still work.
type SMTPConfig struct {
	Host     string
	Port     string
	Username string
	Password string
	From     string
}

// SMTPConfigFromEnv reads PAPIHUB_SMTP_HOST, _PORT (default 25), _USER,
// _PASSWORD and _FROM (default papihub@HOST).
func SMTPConfigFromEnv(getenv func(string) string) SMTPConfig {
	c := SMTPConfig{Host: getenv("PAPIHUB_SMTP_HOST"), Port: getenv("PAPIHUB_SMTP_PORT"), Username: getenv("PAPIHUB_SMTP_USER"),
		Password: getenv("PAPIHUB_SMTP_PASSWORD"), From: getenv("PAPIHUB_SMTP_FROM")}
	if c.Port == "" {
		c.Port = "25"
	}
	if c.From == "" {
		c.From = "papihub@" + c.Host
	}
	return c
}

// A Digest is one person's daily e-mail.
type Digest struct {
	UserID   int64
	Email    string
	Name     string
	Overdue  []TaskInstance
	DueSoon  []TaskInstance
	Returned []TaskInstance
}

// Empty reports whether there is nothing to tell.
func (d Digest) Empty() bool { return len(d.Overdue)+len(d.DueSoon)+len(d.Returned) == 0 }

// Digests gathers, for every active user with an e-mail address who does
// the work (officer, manager, focal), what is overdue, due within days, or
// returned among the tasks of their unit or assigned to them.
func (s *Store) Digests(ctx context.Context, days int) ([]Digest, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT DISTINCT x.id, x.email, x.full_name, u.path FROM users x JOIN units u ON u.id = x.unit_id JOIN user_roles r ON r.user_id = x.id
WHERE x.active = 1 AND x.email <> '' AND r.role IN ('officer', 'manager', 'focal') ORDER BY x.id`)
	if err != nil {
		return nil, err
	}
	type person struct {
		id          int64
		email, name string
		path        string
	}
	var people []person
	for rows.Next() {
		var p person
		if err := rows.Scan(&p.id, &p.email, &p.name, &p.path); err != nil {
			rows.Close()
			return nil, err
		}
		people = append(people, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	today := s.Today()
	var out []Digest
	for _, p := range people {
		d := Digest{UserID: p.id, Email: p.email, Name: p.name}
		base := InstanceFilter{LeadScope: p.path, Assignee: p.id, PerPage: 50}
		f := base
		f.Overdue = true
		if d.Overdue, _, err = s.Instances(ctx, f); err != nil {
			return nil, err
		}
		f = base
		f.Status, f.DueFrom, f.DueTo = []Status{NotStarted, InProgress}, today, today.AddDate(0, 0, days)
		if d.DueSoon, _, err = s.Instances(ctx, f); err != nil {
			return nil, err
		}
		f = base
		f.Status = []Status{Returned}
		if d.Returned, _, err = s.Instances(ctx, f); err != nil {
			return nil, err
		}
		if !d.Empty() {
			out = append(out, d)
		}
	}
	return out, nil
}

// Message is the digest as an RFC 5322 message in UTF-8.
func (d Digest) Message(from string, now time.Time) []byte {
	var b strings.Builder
	subject := fmt.Sprintf("PAPI Hub: %d việc quá hạn, %d sắp đến hạn, %d bị trả lại", len(d.Overdue), len(d.DueSoon), len(d.Returned))
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
		from, d.Email, mime.QEncoding.Encode("utf-8", subject), now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Kính gửi %s,\r\n\r\n", d.Name)
	section := func(title string, list []TaskInstance) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s (%d):\r\n", title, len(list))
		for _, it := range list {
			fmt.Fprintf(&b, "- %s — %s, hạn %s\r\n", short(it.TaskText), it.LeadUnitName, it.Due.Format("02/01/2006"))
		}
		b.WriteString("\r\n")
	}
	section("Quá hạn", d.Overdue)
	section("Bị trả lại, cần bổ sung", d.Returned)
	section("Sắp đến hạn", d.DueSoon)
	b.WriteString("Xem chi tiết tại trang Việc của tôi (/tasks/mine).\r\n")
	return []byte(b.String())
}

// SendDigests mails each person their digest through the configured
// server and returns how many were sent. With no server configured it
// sends nothing.
func (s *Store) SendDigests(ctx context.Context, cfg SMTPConfig, days int) (int, error) {
	if cfg.Host == "" {
		return 0, nil
	}
	digests, err := s.Digests(ctx, days)
	if err != nil {
		return 0, err
	}
	var auth smtp.Auth
	if cfg.Username != "" {
		auth = smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host)
	}
	addr := net.JoinHostPort(cfg.Host, cfg.Port)
	sent := 0
	for _, d := range digests {
		if err := smtp.SendMail(addr, auth, cfg.From, []string{d.Email}, d.Message(cfg.From, s.now())); err != nil {
			return sent, fmt.Errorf("plan: digest to %s: %w", d.Email, err)
		}
		sent++
	}
	return sent, nil
}
