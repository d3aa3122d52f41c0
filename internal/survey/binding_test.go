package survey

import "testing"

func rule(t *testing.T, s string) Binding {
	t.Helper()
	r, err := ParseRule(s)
	if err != nil {
		t.Fatalf("ParseRule(%q): %v", s, err)
	}
	return Binding{Indicator: "D1.1.1", Rule: r}
}

func TestBindingTurnsAnswersIntoValuesBetweenZeroAndOne(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rule   string
		answer string
		want   float64
		ok     bool
	}{
		{"a good answer scores one", "good:1", "1", 1, true},
		{"any of several good answers scores one", "good:3 4", "4", 1, true},
		{"another answer scores zero", "good:1", "2", 0, true},
		{"a bad experience scores zero", "bad:yes", "yes", 0, true},
		{"no bad experience scores one", "bad:yes", "no", 1, true},
		{"a select_multiple answer with a bad choice scores zero", "bad:bribe", "queue bribe", 0, true},
		{"the bottom of a scale is zero", "scale:1..5", "1", 0, true},
		{"a scale is rescaled linearly", "scale:1..5", "4", 0.75, true},
		{"an inverse scale turns high into low", "inverse_scale:0..10", "8", 0.2, true},
		{"an empty answer does not count", "good:1", "", 0, false},
		{"a skip answer does not count", "good:1; skip:98 99", "98", 0, false},
		{"a code outside the scale does not count", "scale:1..5", "98", 0, false},
		{"a non-number on a scale does not count", "scale:1..5", "dk", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := rule(t, tc.rule).Value(tc.answer)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("Value(%q) under %q = %v, %v; want %v, %v", tc.answer, tc.rule, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestMalformedRulesAreRefused(t *testing.T) {
	for _, s := range []string{"", "good", "good:", "scale:5..1", "scale:1-5", "median:1", "good:1; drop:9", "scale:a..b"} {
		if _, err := ParseRule(s); err == nil {
			t.Errorf("ParseRule(%q) accepted a malformed rule", s)
		}
	}
}

func TestRulesWriteBackAsTheyWereRead(t *testing.T) {
	for _, s := range []string{"good:1 2", "bad:yes", "scale:1..5", "inverse_scale:0..10; skip:98 99"} {
		if got := rule(t, s).Rule.String(); got != s {
			t.Errorf("ParseRule(%q).String() = %q", s, got)
		}
	}
}
