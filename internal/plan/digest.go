package plan

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"slices"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/registers"
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
	// Registers are the deadlines of the agency's registers that fall on
	// the person (cases to answer, recommendations to carry out).
	Registers []registers.Item
}

// Empty reports whether there is nothing to tell.
func (d Digest) Empty() bool {
	return len(d.Overdue)+len(d.DueSoon)+len(d.Returned)+len(d.Registers) == 0
}

// doesTasks says whether a person with these roles works on plan tasks
// (officer, manager, focal) rather than only reading or deciding.
func doesTasks(roles []org.Role) bool {
	return slices.ContainsFunc(roles, func(r org.Role) bool {
		return r == org.RoleOfficer || r == org.RoleManager || r == org.RoleFocal
	})
}

// Digests gathers, for every active user with an e-mail address, what is
// overdue, due within days, or returned among the plan tasks of their unit
// or assigned to them (for those who do tasks), and what the registers have
// due for them (for anyone, leaders included: an overdue case escalates to
// them).
func (s *Store) Digests(ctx context.Context, days int) ([]Digest, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT x.id, x.email, x.full_name, x.unit_id, u.path, r.role FROM users x JOIN units u ON u.id = x.unit_id JOIN user_roles r ON r.user_id = x.id
WHERE x.active = 1 AND x.email <> '' ORDER BY x.id, r.role`)
	if err != nil {
		return nil, err
	}
	var people []*org.User
	for rows.Next() {
		var p org.User
		var role string
		if err := rows.Scan(&p.ID, &p.Email, &p.FullName, &p.UnitID, &p.UnitPath, &role); err != nil {
			rows.Close()
			return nil, err
		}
		if n := len(people); n > 0 && people[n-1].ID == p.ID {
			people[n-1].Roles = append(people[n-1].Roles, org.Role(role))
			continue
		}
		p.Active, p.Roles = true, []org.Role{org.Role(role)}
		people = append(people, &p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	today := s.Today()
	var out []Digest
	for _, p := range people {
		d := Digest{UserID: p.ID, Email: p.Email, Name: p.FullName}
		if d.Registers, err = s.registers.Agenda(ctx, p, today, days); err != nil {
			return nil, err
		}
		if doesTasks(p.Roles) {
			if err := s.taskDigest(ctx, &d, p, today, days); err != nil {
				return nil, err
			}
		}
		if !d.Empty() {
			out = append(out, d)
		}
	}
	return out, nil
}

// taskDigest fills in the plan tasks of p's unit or assigned to p.
func (s *Store) taskDigest(ctx context.Context, d *Digest, p *org.User, today time.Time, days int) error {
	base := InstanceFilter{LeadScope: p.UnitPath, Assignee: p.ID, PerPage: 50}
	var err error
	f := base
	f.Overdue = true
	if d.Overdue, _, err = s.Instances(ctx, f); err != nil {
		return err
	}
	f = base
	f.Status, f.DueFrom, f.DueTo = []Status{NotStarted, InProgress}, today, today.AddDate(0, 0, days)
	if d.DueSoon, _, err = s.Instances(ctx, f); err != nil {
		return err
	}
	f = base
	f.Status = []Status{Returned}
	d.Returned, _, err = s.Instances(ctx, f)
	return err
}

// Message is the digest as an RFC 5322 message in UTF-8.
func (d Digest) Message(from string, now time.Time) []byte {
	var b strings.Builder
	overdue, dueSoon := len(d.Overdue), len(d.DueSoon)
	for _, it := range d.Registers {
		if it.Overdue {
			overdue++
		} else {
			dueSoon++
		}
	}
	subject := fmt.Sprintf("PAPI Hub: %d việc quá hạn, %d sắp đến hạn, %d bị trả lại", overdue, dueSoon, len(d.Returned))
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
	if len(d.Registers) > 0 {
		fmt.Fprintf(&b, "Việc từ các sổ theo dõi (%d):\r\n", len(d.Registers))
		for _, it := range d.Registers {
			late := ""
			if it.Overdue {
				late = "QUÁ HẠN, "
			}
			fmt.Fprintf(&b, "- %s: %s — %s%s, hạn %s\r\n", it.Kind, short(it.Title), late, it.State, it.Due.Format("02/01/2006"))
		}
		b.WriteString("\r\n")
	}
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
