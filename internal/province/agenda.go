package province

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"papihub/internal/org"
	"papihub/internal/registers"
)

// Agenda puts a report its unit still owes a round on those who issue the
// unit's reports (focal officers, leaders): due within days, or late. Through
// the registers hub it reaches "my tasks", the home page and the daily
// e-mail digest, which are the round's reminders.
func (s *Store) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	if !user.CanAnywhere(org.ActApprove) {
		return nil, nil
	}
	owed, err := s.Owed(ctx, user.UnitPath)
	if err != nil {
		return nil, err
	}
	until := today.AddDate(0, 0, days)
	var out []registers.Item
	for _, o := range owed {
		if !user.Can(org.ActApprove, o.unitPath) || o.Deadline.After(until) {
			continue
		}
		state := "Chưa gửi"
		if o.Status == Returned {
			state = "Bị trả lại: " + o.Comment
		}
		out = append(out, registers.Item{Kind: "Báo cáo định kỳ gửi Sở Nội vụ", Title: fmt.Sprintf("Báo cáo kỳ %s", o.Period),
			UnitName: o.UnitName, Due: o.Deadline, Overdue: today.After(o.Deadline), State: state,
			Link: "/province/rounds/" + strconv.FormatInt(o.RoundID, 10)})
	}
	return out, nil
}
