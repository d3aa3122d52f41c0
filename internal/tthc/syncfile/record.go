package syncfile

import "time"

// Dossier turns a flat import record into a dossier. A flat row carries the
// current status, not the history, so the history is rebuilt from its dates:
// submission (online) and reception, the current status at the end of
// processing (or at reception while open), and the return.
func (r Record) Dossier() Dossier {
	d := Dossier{
		Code: r.Code, ProcedureCode: r.ProcedureCode, UnitID: r.UnitID, Channel: r.Channel,
		ReceivedAt: r.ReceivedAt, AppointmentAt: r.AppointmentAt, ReturnedAt: r.ReturnedAt,
		Supplements: r.Supplements, Fee: r.Fee, PaidOnline: r.PaidOnline,
		Digitisation: Digitisation{ComponentsDigitised: r.Digitised, ReusedData: r.ReusedData, ElectronicResult: r.ElectronicResult,
			CertifiedCopy: r.CertifiedCopy, PersonalStorage: r.PersonalStorage, PopulationData: r.PopulationData},
		SubmittedAt: r.SubmittedAt, Synced: r.Synced, Feedback: Feedback{Rating: r.Rating, Complaint: r.Complaint},
	}
	if d.Channel == 0 {
		d.Channel = ChannelInPerson
	}
	add := func(s Status, at time.Time) { d.Events = append(d.Events, Event{Status: s, At: at}) }
	if r.Status == StatusRefused {
		add(StatusRefused, r.EndAt)
		return d
	}
	if d.Channel == ChannelOnline && !r.SubmittedAt.IsZero() {
		add(StatusSubmittedOnline, r.SubmittedAt)
	}
	add(StatusReceived, r.ReceivedAt)
	switch {
	case r.Status == StatusReturned:
		if !r.EndAt.IsZero() {
			add(StatusResolved, r.EndAt)
		}
		if !r.ReturnedAt.IsZero() {
			add(StatusReturned, r.ReturnedAt)
		} else {
			add(StatusReturned, r.EndAt)
		}
	case r.Status.Terminal():
		add(r.Status, r.EndAt)
		if r.Status == StatusResolved && !r.ReturnedAt.IsZero() {
			add(StatusReturned, r.ReturnedAt)
		}
	case r.Status > StatusReceived:
		add(r.Status, r.ReceivedAt)
	}
	return d
}
