package plan

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestOnlyOneOfTwoClaimsOfADayWinsAndTheNextDayIsFree(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := on("2026-03-20")
	first, err := f.store.ClaimReminderRun(ctx, day, "web-1")
	if err != nil || !first {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	second, err := f.store.ClaimReminderRun(ctx, day, "web-2")
	if err != nil || second {
		t.Fatalf("second claim of the same day = %v, %v; want false", second, err)
	}
	next, err := f.store.ClaimReminderRun(ctx, day.AddDate(0, 0, 1), "web-2")
	if err != nil || !next {
		t.Fatalf("claim of the next day = %v, %v", next, err)
	}
}

func TestProcessesClaimingTheSameDayAtOnceLeaveExactlyOneWinner(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := on("2026-03-21")
	var wg sync.WaitGroup
	results := make([]bool, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Go(func() { results[i], errs[i] = f.store.ClaimReminderRun(ctx, day, "web") })
	}
	wg.Wait()
	winners := 0
	for i, won := range results {
		if errs[i] != nil {
			t.Fatalf("claim %d: %v", i, errs[i])
		}
		if won {
			winners++
		}
	}
	if winners != 1 {
		t.Fatalf("%d winners, want exactly 1", winners)
	}
}

func TestTheDailyRunNotifiesOnceADayAndRecordsWhatItDid(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.plan2026() // the one-off survey fell due 15/03: overdue on 20/03
	run, err := f.store.RunDailyReminders(ctx, SMTPConfig{}, DueSoonDays, "web-1")
	if err != nil || !run.Ran || run.Notified == 0 {
		t.Fatalf("first run: %+v %v", run, err)
	}
	notes := f.count("plan_notifications")
	again, err := f.store.RunDailyReminders(ctx, SMTPConfig{}, DueSoonDays, "web-2")
	if err != nil || again.Ran {
		t.Fatalf("second run the same day: %+v %v", again, err)
	}
	if f.count("plan_notifications") != notes {
		t.Fatal("the second run added notifications")
	}
	var notified int
	var finished string
	if err := f.db.R.QueryRow(`SELECT notified, finished_at FROM plan_reminder_runs WHERE day = '2026-03-20'`).Scan(&notified, &finished); err != nil {
		t.Fatal(err)
	}
	if notified != run.Notified || finished == "" {
		t.Fatalf("recorded %d notified, finished %q", notified, finished)
	}
}

func TestTheNextRunIsAtTheHourInVietnam(t *testing.T) {
	vn := func(s string) time.Time {
		t, err := time.Parse("2006-01-02 15:04 -0700", s+" +0700")
		if err != nil {
			panic(err)
		}
		return t
	}
	for _, tc := range []struct{ now, want string }{
		{"2026-03-20 06:59", "2026-03-20 07:00"},
		{"2026-03-20 07:00", "2026-03-20 07:00"},
		{"2026-03-20 07:01", "2026-03-21 07:00"},
		{"2026-12-31 23:30", "2027-01-01 07:00"},
	} {
		if got := NextRemindAt(vn(tc.now).UTC(), 7); !got.Equal(vn(tc.want)) {
			t.Errorf("NextRemindAt(%s) = %s, want %s", tc.now, got, tc.want)
		}
	}
}

func TestTheRemindHourComesFromTheEnvironment(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if h, err := RemindHourFromEnv(env("")); err != nil || h != 7 {
		t.Fatalf("default = %d, %v", h, err)
	}
	if h, err := RemindHourFromEnv(env("18")); err != nil || h != 18 {
		t.Fatalf("18 = %d, %v", h, err)
	}
	for _, bad := range []string{"24", "-1", "7h"} {
		if _, err := RemindHourFromEnv(env(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
