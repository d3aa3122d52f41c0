package plan

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"papihub/internal/platform/db"
)

// A NotificationKind is why someone is reminded.
type NotificationKind string

const (
	NotifyDueSoon  NotificationKind = "due_soon"
	NotifyOverdue  NotificationKind = "overdue"
	NotifyReturned NotificationKind = "returned"
)

// A Notification is an in-app reminder.
type Notification struct {
	ID         int64
	Kind       NotificationKind
	InstanceID int64
	Text       string
	CreatedAt  time.Time
	Read       bool
}

// recipientsSQL: who is told about an instance: the active users of its lead
// unit and the task's assignees.
const recipientsSQL = `
SELECT x.id FROM users x WHERE x.active = 1 AND x.unit_id = $1
UNION
SELECT a.user_id FROM task_assignees a JOIN users x ON x.id = a.user_id WHERE a.task_id = $2 AND x.active = 1`

const insertNotification = `
INSERT INTO plan_notifications (user_id, instance_id, kind, key, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (user_id, key) DO NOTHING`

func notifyTx(ctx context.Context, tx *sql.Tx, inst TaskInstance, kind NotificationKind, key, text, now string) (int, error) {
	rows, err := tx.QueryContext(ctx, recipientsSQL, inst.LeadUnitID, inst.TaskID)
	if err != nil {
		return 0, err
	}
	var users []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		users = append(users, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, u := range users {
		res, err := tx.ExecContext(ctx, insertNotification, u, inst.ID, kind, key, text, now)
		if err != nil {
			return n, fmt.Errorf("plan: notify: %w", err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}

func notifyReturnedTx(ctx context.Context, tx *sql.Tx, inst TaskInstance, comment, now string) error {
	_, err := notifyTx(ctx, tx, inst, NotifyReturned, "returned:"+fmt.Sprint(inst.ID)+":"+now,
		"Bị trả lại: "+short(inst.TaskText)+" — "+comment, now)
	return err
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 90 {
		return string(r[:89]) + "…"
	}
	return s
}

// Remind creates the in-app notifications of the day: for every open
// instance due within days, and every overdue one, one notification per
// person and instance (and per due date, so a moved deadline reminds
// again). It is idempotent: running it twice a day adds nothing. It returns
// how many notifications were added.
func (s *Store) Remind(ctx context.Context, days int) (int, error) {
	today := s.Today()
	added := 0
	for _, kind := range []NotificationKind{NotifyOverdue, NotifyDueSoon} {
		f := InstanceFilter{PerPage: 200}
		if kind == NotifyOverdue {
			f.Overdue = true
		} else {
			f.Status = []Status{NotStarted, InProgress, Returned}
			f.DueFrom, f.DueTo = today, today.AddDate(0, 0, days)
		}
		for page := 1; ; page++ {
			f.Page = page
			list, more, err := s.Instances(ctx, f)
			if err != nil {
				return added, err
			}
			err = s.db.Tx(ctx, func(tx *sql.Tx) error {
				now := db.FormatTime(s.now())
				for _, inst := range list {
					text := "Sắp đến hạn " + inst.Due.Format("02/01/2006") + ": " + short(inst.TaskText)
					if kind == NotifyOverdue {
						text = "Quá hạn từ " + inst.Due.Format("02/01/2006") + ": " + short(inst.TaskText)
					}
					if inst.Problem != "" {
						// The row's dates do not read: the unit hears of it, to repair the task.
						text = inst.Problem + ": " + short(inst.TaskText)
					}
					n, err := notifyTx(ctx, tx, inst, kind, string(kind)+":"+fmt.Sprint(inst.ID)+":"+db.FormatDate(inst.Due), text, now)
					if err != nil {
						return err
					}
					added += n
				}
				return nil
			})
			if err != nil {
				return added, err
			}
			if !more {
				break
			}
		}
	}
	return added, nil
}

// Notifications lists a user's latest notifications, unread first.
func (s *Store) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT id, kind, COALESCE(instance_id, 0), text, created_at, read_at IS NOT NULL FROM plan_notifications
WHERE user_id = $1 ORDER BY read_at IS NOT NULL, created_at DESC, id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var at string
		if err := rows.Scan(&n.ID, &n.Kind, &n.InstanceID, &n.Text, &at, &n.Read); err != nil {
			return nil, err
		}
		if n.CreatedAt, err = db.ParseTime(at); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNotificationsRead marks all of a user's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE plan_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, userID, db.FormatTime(s.now()))
		return err
	})
}
