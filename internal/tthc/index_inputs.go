package tthc

// PublishDeadline is the number of working days after its publication
// decision within which a procedure must be made public in the national
// database to count as published on time (our reading of Decree 63/2010
// art. 15 as amended by Decree 92/2017; kept here so it can change).
const PublishDeadline = 5

// CatalogueCounts computes the indicators our procedure catalogue
// determines, for the procedures applying during days from..to:
//   - PUBLISH_ON_TIME: procedures whose publication decision falls in the
//     period, made public within PublishDeadline working days of it;
//   - PUBLIC_CONTENT_FULL: procedures in force with all seven parts public;
//   - ONLINE_PROVIDED: procedures in force offered online (partial or full);
//   - PAYMENT_FORMALITY_INTEGRATED: fee-bearing procedures in force that are
//     integrated for payment on the national portal.
//
// PUBLIC_UPDATE_ON_TIME is entered for a period (manual counts) since our
// data does not determine it; the feedback indicators come from the
// reception register when it is wired in (index_feedback.go), entered
// counts otherwise.
func CatalogueCounts(procs []Procedure, cal *Calendar, from, to Day) map[string]Count {
	var publish, content, online, payment Count
	for _, p := range procs {
		if !p.Applies() {
			continue
		}
		if !p.DecisionDate.IsZero() {
			d := DayOf(p.DecisionDate)
			if d > to {
				continue // not yet decided in this period
			}
			if d >= from {
				publish.Den++
				if !p.PublishedDate.IsZero() && DayOf(p.PublishedDate) <= cal.AddWorkingDays(d, PublishDeadline) {
					publish.Num++
				}
			}
		}
		content.Den++
		if p.Parts.Full() {
			content.Num++
		}
		online.Den++
		if p.Terms().OnlineService {
			online.Num++
		}
		if p.Fee > 0 {
			payment.Den++
			if p.PaymentIntegrated {
				payment.Num++
			}
		}
	}
	return map[string]Count{"PUBLISH_ON_TIME": publish, "PUBLIC_CONTENT_FULL": content,
		"ONLINE_PROVIDED": online, "PAYMENT_FORMALITY_INTEGRATED": payment}
}
