package syncfile

import (
	"fmt"
	"time"
)

// syncLayout is the date format of the national sync payload (Circular
// 04/2025/TT-VPCP): yyyyMMddHHmmss in Asia/Ho_Chi_Minh.
const syncLayout = "20060102150405"

// ParseSyncTime reads a yyyyMMddHHmmss date in Vietnam time. It rejects
// anything else, including impossible dates such as 30 February.
func ParseSyncTime(s string) (time.Time, error) {
	if len(s) != len(syncLayout) || !allDigits(s) {
		return time.Time{}, fmt.Errorf("ngày giờ %q phải gồm 14 chữ số yyyyMMddHHmmss", s)
	}
	t, err := time.ParseInLocation(syncLayout, s, Location)
	if err != nil || t.Format(syncLayout) != s {
		return time.Time{}, fmt.Errorf("ngày giờ %q không có thật", s)
	}
	return t, nil
}

// FormatSyncTime writes t as yyyyMMddHHmmss in Vietnam time.
func FormatSyncTime(t time.Time) string { return t.In(Location).Format(syncLayout) }
