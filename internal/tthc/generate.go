package tthc

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"time"
)

// GenerateOptions shapes a synthetic agency-year.
type GenerateOptions struct {
	Year       int       // default 2026
	Units      []string  // electronic ids of the receiving units; default one
	Procedures int       // size of the catalogue; default 60
	Calendar   *Calendar // default SeedCalendar()
}

func (o *GenerateOptions) defaults() {
	if o.Year == 0 {
		o.Year = 2026
	}
	if len(o.Units) == 0 {
		o.Units = []string{"H15.50.05.13"}
	}
	if o.Procedures <= 0 {
		o.Procedures = 60
	}
	if o.Calendar == nil {
		o.Calendar = SeedCalendar()
	}
}

// GeneratedProcedure is a procedure of the synthetic catalogue.
type GeneratedProcedure struct {
	Code  string
	Terms ProcedureTerms
	Fee   int64
}

// GenerateProcedures returns the catalogue Generate draws from: national-style
// codes, statutory times from 1 to 30 working days (a few in hours, days or
// months), about 70% offered online and 40% fee-bearing.
func GenerateProcedures(seed int64, opts GenerateOptions) []GeneratedProcedure {
	opts.defaults()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7474686370726f63))
	out := make([]GeneratedProcedure, opts.Procedures)
	for i := range out {
		p := &out[i]
		p.Code = fmt.Sprintf("%d.%06d", 1+i%2, 1000+i*37)
		if i%2 == 1 {
			p.Code += ".H15" // provincial procedures carry the province suffix
		}
		switch r := rng.IntN(100); {
		case r < 5:
			p.Terms.Statutory = ProcessingTime{4 + 4*rng.IntN(2), UnitHours}
		case r < 10:
			p.Terms.Statutory = ProcessingTime{15 + rng.IntN(16), UnitDays}
		case r < 12:
			p.Terms.Statutory = ProcessingTime{1 + rng.IntN(2), UnitMonths}
		default:
			p.Terms.Statutory = ProcessingTime{[]int{1, 2, 3, 5, 7, 10, 15, 20, 30}[rng.IntN(9)], UnitWorkingDays}
		}
		p.Terms.OnlineService = rng.IntN(100) < 70
		if rng.IntN(100) < 40 {
			p.Terms.FeeBearing = true
			p.Fee = int64(10+rng.IntN(50)) * 10000
		}
	}
	return out
}

// Generate returns a deterministic synthetic agency-year of n dossiers in
// order of reception, for demos and benchmarks. The mix: procedures skewed
// towards a few popular ones; about 40% online (some after hours); about 10%
// with a supplement request, a tenth of those with a second one; about 6%
// late, 1% withdrawn, 1% refused; fees, online payment, digitisation flags
// and feedback at plausible rates; the working-day calendar respected. It
// keeps nothing between dossiers but a day's sequence numbers, so
// 2,000,000 dossiers stream in constant memory.
func Generate(seed int64, n int, opts GenerateOptions) iter.Seq[Dossier] {
	opts.defaults()
	procs := GenerateProcedures(seed, opts)
	cal := opts.Calendar
	return func(yield func(Dossier) bool) {
		rng := rand.New(rand.NewPCG(uint64(seed), 0x67656e6572617465))
		first := DateDay(opts.Year, time.January, 1)
		var workdays []Day
		for d := first; d < DateDay(opts.Year+1, time.January, 1); d++ {
			if cal.IsWorkingDay(d) {
				workdays = append(workdays, d)
			}
		}
		seq := map[string]int{}
		current := Day(-1)
		for i := 0; i < n; i++ {
			day := workdays[i*len(workdays)/n]
			if day != current {
				current = day
				clear(seq)
			}
			unit := opts.Units[rng.IntN(len(opts.Units))]
			seq[unit]++
			p := procs[int(float64(len(procs))*rng.Float64()*rng.Float64())]
			d := generateDossier(rng, cal, p, unit, day, seq[unit])
			if !yield(d) {
				return
			}
		}
	}
}

func generateDossier(rng *rand.Rand, cal *Calendar, p GeneratedProcedure, unit string, day Day, seq int) Dossier {
	pct := func(x int) bool { return rng.IntN(1000) < x } // x per mille
	office := day.At(0, 0).Add(cal.WorkStart)
	span := int((cal.WorkEnd - cal.WorkStart) / time.Minute)
	d := Dossier{
		Code:          Code{AgencyID: unit, Date: day, Sequence: seq}.String(),
		ProcedureCode: p.Code,
		UnitID:        unit,
		Channel:       ChannelInPerson,
	}
	if pct(400) {
		d.Channel = ChannelOnline
		// A fifth of online submissions arrive in the evening before.
		if pct(200) {
			d.SubmittedAt = day.At(0, 0).Add(-time.Duration(60+rng.IntN(300)) * time.Minute)
		} else {
			d.SubmittedAt = office.Add(time.Duration(rng.IntN(span)) * time.Minute)
		}
		d.ReceivedAt = cal.NextOpening(d.SubmittedAt).Add(time.Duration(rng.IntN(60)) * time.Minute)
		d.Events = append(d.Events, Event{Status: StatusSubmittedOnline, At: d.SubmittedAt})
	} else {
		if pct(30) {
			d.Channel = ChannelPostal
		}
		d.ReceivedAt = office.Add(time.Duration(rng.IntN(span)) * time.Minute)
	}
	start := cal.ProcessingStart(d)
	if pct(10) { // refused at reception
		d.Events = append(d.Events, Event{Status: StatusRefused, At: d.ReceivedAt})
		return d
	}
	d.Events = append(d.Events, Event{Status: StatusReceived, At: d.ReceivedAt}, Event{Status: StatusInProcess, At: d.ReceivedAt.Add(time.Hour)})
	due := Due(cal, start, p.Terms.Statutory.Amount, p.Terms.Statutory.Unit)
	if !pct(30) { // 3% have no appointment date and fall back on the statutory time
		d.AppointmentAt = due
	}
	dueDay, startDay := DayOf(due), DayOf(start)
	budget := max(cal.WorkingDaysBetween(startDay, dueDay), 0)

	// Supplement requests pause the clock and push the appointment.
	at := d.ReceivedAt.Add(time.Hour) // after the last event so far
	if pct(100) {
		req := cal.AddWorkingDays(startDay, rng.IntN(budget+1)).At(9, 0)
		if !req.After(at) {
			req = at.Add(time.Hour)
		}
		s := Supplement{RequestedAt: req, OldDue: d.AppointmentAt}
		d.Events = append(d.Events, Event{Status: StatusSupplementRequested, At: req})
		if pct(60) { // 6%: never returned, later stopped or withdrawn
			if pct(500) {
				d.Events = append(d.Events, Event{Status: StatusStopped, At: req.AddDate(0, 1, 0)})
			}
			d.Supplements = append(d.Supplements, s)
			return finish(rng, d, p)
		}
		pause := 1 + rng.IntN(5)
		s.CompletedAt = cal.AddWorkingDays(DayOf(req), pause).At(10, 0)
		dueDay = cal.AddWorkingDays(dueDay, cal.WorkingDaysBetween(DayOf(req), DayOf(s.CompletedAt)))
		if !d.AppointmentAt.IsZero() {
			s.NewDue = dueDay.At(17, 0)
			d.AppointmentAt = s.NewDue
		}
		d.Supplements = append(d.Supplements, s)
		d.Events = append(d.Events, Event{Status: StatusInProcess, At: s.CompletedAt})
		at = s.CompletedAt
		if pct(100) { // a second request: late whatever happens next
			req2 := at.Add(24 * time.Hour)
			d.Supplements = append(d.Supplements, Supplement{RequestedAt: req2, CompletedAt: req2.Add(48 * time.Hour)})
			d.Events = append(d.Events, Event{Status: StatusSupplementRequested, At: req2}, Event{Status: StatusInProcess, At: req2.Add(48 * time.Hour)})
			at = req2.Add(48 * time.Hour)
		}
	}

	var end time.Time
	switch r := rng.IntN(1000); {
	case r < 10: // withdrawn
		end = at.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
		d.Events = append(d.Events, Event{Status: StatusWithdrawn, At: end})
		return finish(rng, d, p)
	case r < 70: // late by 1–5 working days
		end = cal.AddWorkingDays(dueDay, 1+rng.IntN(5)).At(10, 0)
	default:
		endDay := cal.AddWorkingDays(DayOf(at), rng.IntN(max(cal.WorkingDaysBetween(DayOf(at), dueDay), 0)+1))
		end = endDay.At(8, 0).Add(time.Duration(rng.IntN(8*60)) * time.Minute)
		if p.Terms.Statutory.Unit == UnitHours && end.After(due) && due.After(at) {
			end = due
		}
	}
	if !end.After(at) {
		end = at.Add(time.Hour)
	}
	d.Events = append(d.Events, Event{Status: StatusResolved, At: end})
	if pct(900) {
		d.ReturnedAt = end.Add(time.Duration(1+rng.IntN(72)) * time.Hour)
		d.Events = append(d.Events, Event{Status: StatusReturned, At: d.ReturnedAt})
	}
	d.Digitisation.ElectronicResult = pct(550)
	d.Digitisation.CertifiedCopy = pct(50)
	return finish(rng, d, p)
}

// finish sets what does not depend on how processing went.
func finish(rng *rand.Rand, d Dossier, p GeneratedProcedure) Dossier {
	pct := func(x int) bool { return rng.IntN(1000) < x }
	if p.Terms.FeeBearing {
		d.Fee = p.Fee
		if pct(300) || (d.Channel == ChannelOnline && pct(500)) {
			d.PaidOnline = PaymentChannel(1 + rng.IntN(2))
		}
	}
	dg := &d.Digitisation
	dg.ComponentsDigitised = pct(600)
	dg.PersonalStorage = dg.ComponentsDigitised && pct(500)
	dg.ReusedData = pct(200)
	dg.PopulationData = pct(700)
	d.Synced = pct(950)
	switch r := rng.IntN(1000); {
	case r < 10:
		d.Feedback.Rating = RatingDislike
	case r < 60:
		d.Feedback.Rating = RatingLike
	}
	d.Feedback.Complaint = pct(3)
	return d
}
