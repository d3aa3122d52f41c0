package plan

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

// DefaultRemindHour is when the daily reminders go out, in Vietnam's time:
// before the working day starts.
const DefaultRemindHour = 7

// RemindHourFromEnv reads PAPIHUB_REMIND_HOUR (0–23, Asia/Ho_Chi_Minh); a
// missing value gives DefaultRemindHour, a malformed one an error.
func RemindHourFromEnv(getenv func(string) string) (int, error) {
	s := strings.TrimSpace(getenv("PAPIHUB_REMIND_HOUR"))
	if s == "" {
		return DefaultRemindHour, nil
	}
	h, err := strconv.Atoi(s)
	if err != nil || h < 0 || h > 23 {
		return 0, fmt.Errorf("PAPIHUB_REMIND_HOUR=%q: want an hour from 0 to 23", s)
	}
	return h, nil
}

// ClaimReminderRun takes the day's reminder run for this process: true when
// this call inserted the day's row, false when another process (or an
// earlier run of this one) holds it. The insert is the lock; it works the
// same on SQLite and PostgreSQL and survives restarts.
func (s *Store) ClaimReminderRun(ctx context.Context, day time.Time, by string) (bool, error) {
	var won bool
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO plan_reminder_runs (day, claimed_at, claimed_by) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING`,
			db.FormatDate(day), db.FormatTime(s.now()), by)
		if err != nil {
			return fmt.Errorf("plan: claim reminders of %s: %w", db.FormatDate(day), err)
		}
		n, err := res.RowsAffected()
		won = n == 1
		return err
	})
	return won, err
}

// A ReminderRun is what one day's run did.
type ReminderRun struct {
	Ran      bool // false: another process had claimed the day
	Notified int
	Mailed   int
}

// RunDailyReminders sends today's in-app notifications and e-mail digests,
// once per day across every process sharing the database. The outcome is
// written on the day's row. A failure is recorded there and not retried the
// same day: a second digest is worse than a missing one, and `papihub plan
// remind` sends by hand.
func (s *Store) RunDailyReminders(ctx context.Context, cfg SMTPConfig, days int, by string) (ReminderRun, error) {
	day := s.Today()
	won, err := s.ClaimReminderRun(ctx, day, by)
	if err != nil || !won {
		return ReminderRun{}, err
	}
	run := ReminderRun{Ran: true}
	run.Notified, err = s.Remind(ctx, days)
	if err == nil {
		run.Mailed, err = s.SendDigests(ctx, cfg, days)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if werr := s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE plan_reminder_runs SET finished_at = $2, notified = $3, mailed = $4, error = $5 WHERE day = $1`,
			db.FormatDate(day), db.FormatTime(s.now()), run.Notified, run.Mailed, msg)
		return err
	}); werr != nil && err == nil {
		err = werr
	}
	return run, err
}

// NextRemindAt is the first instant at or after now when the clock in
// Vietnam shows hour:00.
func NextRemindAt(now time.Time, hour int) time.Time {
	local := now.In(vn.Location())
	at := time.Date(local.Year(), local.Month(), local.Day(), hour, 0, 0, 0, vn.Location())
	if at.Before(local) {
		at = at.AddDate(0, 0, 1)
	}
	return at
}

// RemindDaily runs the daily reminders at hour (Vietnam time) until ctx is
// done. Started after the hour, it runs at once: a process restarted at
// 9:00 still sends the day's digest unless another one already did.
func RemindDaily(ctx context.Context, s *Store, cfg SMTPConfig, hour int, log *slog.Logger) {
	host, _ := os.Hostname()
	by := host + ":" + strconv.Itoa(os.Getpid())
	for {
		var next time.Time
		if s.now().In(vn.Location()).Hour() >= hour {
			run, err := s.RunDailyReminders(ctx, cfg, DueSoonDays, by)
			switch {
			case err != nil:
				log.Error("daily reminders", slog.Any("err", err))
			case run.Ran:
				log.Info("daily reminders sent", slog.Int("notified", run.Notified), slog.Int("mailed", run.Mailed))
			}
			next = NextRemindAt(s.now().Add(time.Hour), hour) // tomorrow's
		} else {
			next = NextRemindAt(s.now(), hour)
		}
		timer := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
	}
}
