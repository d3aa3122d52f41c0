package survey

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The date functions of the ODK XForms specification. today() and now() are
// the moment Env.Now says, in its zone; a form answered in Viet Nam gives
// its times at +07:00.

func evalToday(env *Env, _ []node, _ []Value) Value {
	if env.Now.IsZero() {
		return unknownValue()
	}
	return stringValue(env.Now.Format("2006-01-02"))
}

func evalNow(env *Env, _ []node, _ []Value) Value {
	if env.Now.IsZero() {
		return unknownValue()
	}
	return stringValue(env.Now.Format("2006-01-02T15:04:05.000-07:00"))
}

// asTime reads a date or dateTime string, or a number of days since 1970.
func asTime(v Value) (time.Time, bool) {
	if v.kind == kindNumber || v.kind == kindBool {
		n := v.Number()
		if math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > 1e7 {
			return time.Time{}, false
		}
		return dateFromDays(n), true
	}
	s := v.String()
	if t, ok := parseDateTime(s); ok {
		return t, true
	}
	if n, ok := parseXPathNumber(s); ok && math.Abs(n) <= 1e7 {
		return dateFromDays(n), true
	}
	return time.Time{}, false
}

func evalDate(a []Value) string {
	t, ok := asTime(a[0])
	if !ok {
		return ""
	}
	return t.Format("2006-01-02")
}

func evalDateTime(a []Value) string {
	t, ok := asTime(a[0])
	if !ok {
		return ""
	}
	return t.Format("2006-01-02T15:04:05.000-07:00")
}

// decimal-time("09:30:00.000+07:00") is the fraction of the day the clock
// shows, 0.3958….
func evalDecimalTime(a []Value) float64 {
	s := strings.TrimSpace(a[0].String())
	if i := strings.IndexAny(s, "+-Z"); i > 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return math.NaN()
	}
	var secs float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || x < 0 {
			return math.NaN()
		}
		secs += x * []float64{3600, 60, 1}[i]
	}
	return secs / 86400
}

var shortMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var shortDays = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// format-date and format-date-time: %Y %y %m %n %b %d %e %a, and %H %h %M
// %S %3 for the time. Names of months and days are English, as the server
// cannot know the respondent's device locale.
func evalFormatDate(a []Value) string {
	t, ok := asTime(a[0])
	if !ok {
		return ""
	}
	format := a[1].String()
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		switch format[i] {
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		case 'y':
			b.WriteString(t.Format("06"))
		case 'm':
			b.WriteString(t.Format("01"))
		case 'n':
			b.WriteString(strconv.Itoa(int(t.Month())))
		case 'b':
			b.WriteString(shortMonths[t.Month()-1])
		case 'd':
			b.WriteString(t.Format("02"))
		case 'e':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'a':
			b.WriteString(shortDays[t.Weekday()])
		case 'H':
			b.WriteString(t.Format("15"))
		case 'h':
			b.WriteString(strconv.Itoa(t.Hour()))
		case 'M':
			b.WriteString(t.Format("04"))
		case 'S':
			b.WriteString(t.Format("05"))
		case '3':
			b.WriteString(t.Format(".000")[1:])
		default:
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	return b.String()
}
