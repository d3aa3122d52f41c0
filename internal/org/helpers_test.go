package org

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// fakeClock is a settable clock for session and throttling tests.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestStore(t *testing.T) (*Store, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)}
	return NewStore(dbtest.Open(t, audit.Migrations, Migrations), clock.now), clock
}

func day(s string) time.Time {
	t, err := vn.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

var testActor = audit.Actor{Username: "test"}

func mustUnit(t *testing.T, s *Store, in UnitInput) int64 {
	t.Helper()
	id, err := s.CreateUnit(context.Background(), testActor, in)
	if err != nil {
		t.Fatalf("CreateUnit(%s): %v", in.Code, err)
	}
	return id
}

func province(s *Store, t *testing.T) int64 {
	return mustUnit(t, s, UnitInput{Code: "000.00.00.H33", Kind: KindProvince, Name: "UBND tỉnh Hưng Yên", ValidFrom: day("01/01/2008")})
}

func under(t *testing.T, s *Store, parent int64, code, name string, kind Kind) int64 {
	return mustUnit(t, s, UnitInput{Code: code, Kind: kind, Name: name, ParentID: parent, ValidFrom: day("01/01/2008")})
}

// fieldError returns the message key of field in a validation error.
func fieldError(t *testing.T, err error, field string) string {
	t.Helper()
	fe, ok := web.AsValidation(err)
	if !ok {
		t.Fatalf("err = %v, want a validation error on %s", err, field)
	}
	return fe[field]
}

func isNotFound(err error) bool { return errors.Is(err, db.ErrNotFound) }
func itoa(n int64) string       { return strconv.FormatInt(n, 10) }
