package tthc

import (
	"testing"
)

func TestGenerateIsDeterministicAndValid(t *testing.T) {
	const n = 20000
	var first []string
	for d := range Generate(42, 5, GenerateOptions{}) {
		first = append(first, d.Code)
	}
	i := 0
	for d := range Generate(42, 5, GenerateOptions{}) {
		if d.Code != first[i] {
			t.Fatalf("dossier %d: %s then %s with the same seed", i, first[i], d.Code)
		}
		i++
	}

	procs := map[string]ProcedureTerms{}
	for _, p := range GenerateProcedures(7, GenerateOptions{}) {
		procs[p.Code] = p.Terms
	}
	var online, supplemented, late, judged, withdrawn int
	codes := map[string]bool{}
	for d := range Generate(7, n, GenerateOptions{}) {
		if _, err := ParseCode(d.Code); err != nil {
			t.Fatalf("generated code: %v", err)
		}
		if codes[d.Code] {
			t.Fatalf("code %s generated twice", d.Code)
		}
		codes[d.Code] = true
		if _, err := CheckHistory(d.Events); err != nil {
			t.Fatalf("%s: impossible history: %v (%+v)", d.Code, err, d.Events)
		}
		if d.Channel == ChannelOnline {
			online++
		}
		if len(d.Supplements) > 0 {
			supplemented++
		}
		o := Classify(d, seed, procs[d.ProcedureCode].Statutory, farFuture)
		if o.Terminal == StatusWithdrawn {
			withdrawn++
		}
		if o.Verdict != Undetermined {
			judged++
			if o.Verdict == Late {
				late++
			}
		}
		if !seed.IsWorkingDay(DayOf(d.ReceivedAt)) {
			t.Fatalf("%s received on a day off", d.Code)
		}
	}
	share := func(x, of int) float64 { return float64(x) / float64(of) }
	// The mix the generator promises: ~40% online, ~10% supplemented, 5–8% late.
	if s := share(online, n); s < 0.37 || s > 0.43 {
		t.Errorf("online share %.3f, want about 0.40", s)
	}
	if s := share(supplemented, n); s < 0.08 || s > 0.12 {
		t.Errorf("supplement share %.3f, want about 0.10", s)
	}
	if s := share(late, judged); s < 0.05 || s > 0.09 {
		t.Errorf("late share %.3f, want 0.05–0.08", s)
	}
	if withdrawn == 0 {
		t.Error("no withdrawals generated")
	}
}
