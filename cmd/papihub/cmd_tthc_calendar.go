package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/platform/vn"
	"papihub/internal/tthc"
)

// papihub tthc calendar list|set|remove|import: the working-day calendar.
func runCalendar(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "tthc calendar", args, map[string]func(context.Context, *env, []string) error{
		"list": runCalendarList, "set": runCalendarSet, "remove": runCalendarRemove, "import": runCalendarImport,
	})
}

func runCalendarList(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("tthc calendar list")
	data := e.addDataFlags(fs)
	year := fs.Int("year", 0, "year to list (default: this year)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, done, err := openTTHC(ctx, e, data)
	if err != nil {
		return err
	}
	defer done()
	if *year == 0 {
		*year = s.Now().In(tthc.Location).Year()
	}
	v, err := s.CalendarYear(ctx, *year)
	if err != nil {
		return err
	}
	origin := "lịch mặc định"
	if v.Edited {
		origin = "đã chỉnh sửa"
	}
	fmt.Fprintf(e.stdout, "Lịch làm việc %d (%s): %d ngày\n", v.Year, origin, len(v.Entries))
	for _, en := range v.Entries {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", en.Day.VN(), en.Kind, en.Name)
	}
	return nil
}

// calendarDate reads --date DD/MM/YYYY.
func calendarDate(s string) (tthc.Day, error) {
	if strings.TrimSpace(s) == "" {
		return 0, usagef("cần --date DD/MM/YYYY")
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("--date: %w", err)
	}
	y, m, d := t.Date()
	return tthc.DateDay(y, m, d), nil
}

func printCalendarChange(e *env, ch tthc.CalendarChange) {
	fmt.Fprintf(e.stdout, "added %d, changed %d, removed %d, unchanged %d; %d hồ sơ tính lại\n",
		ch.Added, ch.Changed, ch.Removed, ch.Unchanged, ch.Rejudged)
}

// calendarError names the flag of a refused entry.
func calendarError(err error) error {
	var fe *tthc.CalendarFieldError
	if errors.As(err, &fe) {
		flag := map[string]string{"date": "--date", "kind": "--kind", "label": "--label", "file": "FILE"}[fe.Field]
		return fmt.Errorf("%s: %s", flag, fe.Error())
	}
	return err
}

func runCalendarSet(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("tthc calendar set")
	data := e.addDataFlags(fs)
	date := fs.String("date", "", "DD/MM/YYYY")
	kindText := fs.String("kind", "", "holiday (a weekday off) or workday (a weekend day worked in a swap)")
	label := fs.String("label", "", "Vietnamese name of the day")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	day, err := calendarDate(*date)
	if err != nil {
		return err
	}
	kind, ok := tthc.ParseDayKind(*kindText)
	if !ok {
		return usagef("--kind phải là holiday hoặc workday")
	}
	s, done, err := openTTHC(ctx, e, data)
	if err != nil {
		return err
	}
	defer done()
	ch, err := s.SetCalendarDay(ctx, audit.CLI(), tthc.CalendarEntry{Day: day, Kind: kind, Name: *label})
	if err != nil {
		return calendarError(err)
	}
	printCalendarChange(e, ch)
	return nil
}

func runCalendarRemove(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("tthc calendar remove")
	data := e.addDataFlags(fs)
	date := fs.String("date", "", "DD/MM/YYYY")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	day, err := calendarDate(*date)
	if err != nil {
		return err
	}
	s, done, err := openTTHC(ctx, e, data)
	if err != nil {
		return err
	}
	defer done()
	ch, err := s.RemoveCalendarDay(ctx, audit.CLI(), day)
	if err != nil {
		return calendarError(err)
	}
	printCalendarChange(e, ch)
	return nil
}

func runCalendarImport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("tthc calendar import")
	data := e.addDataFlags(fs)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if len(files) != 1 {
		return usagef("calendar import: need exactly one FILE")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("mở tệp: %w", err)
	}
	defer f.Close()
	s, done, err := openTTHC(ctx, e, data)
	if err != nil {
		return err
	}
	defer done()
	ch, err := s.ImportCalendar(ctx, audit.CLI(), f)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], calendarError(err))
	}
	printCalendarChange(e, ch)
	return nil
}
