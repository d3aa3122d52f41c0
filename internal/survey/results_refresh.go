package survey

import (
	"context"
	"log/slog"
	"sync"

	"papihub/internal/audit"
)

// A Refresher recomputes a form's stored results in the background once new
// responses have arrived (an import, a submission on the public page, a
// view that found them out of date), so that the next view is served from
// the table. A form is recomputed by one goroutine at a time: asking again
// while it runs makes it run once more when it ends, however many times it
// was asked, so a burst of submissions costs two computations, not one each.
// Only the variants people have looked at are recomputed.
type Refresher struct {
	store *Store
	mu    sync.Mutex
	state map[int64]refreshState
	wg    sync.WaitGroup
}

type refreshState int

const (
	refreshRunning refreshState = iota + 1
	refreshAgain                // running, and asked again meanwhile
)

// NewRefresher returns a refresher on store.
func NewRefresher(store *Store) *Refresher {
	return &Refresher{store: store, state: map[int64]refreshState{}}
}

// Refresh asks for the form's stored results to be brought up to date, and
// returns at once.
func (rf *Refresher) Refresh(formID int64) {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if _, running := rf.state[formID]; running {
		rf.state[formID] = refreshAgain
		return
	}
	rf.state[formID] = refreshRunning
	rf.wg.Go(func() { rf.run(formID) })
}

// Wait returns when no refresh is running.
func (rf *Refresher) Wait() { rf.wg.Wait() }

func (rf *Refresher) run(formID int64) {
	for {
		if err := rf.refresh(context.Background(), formID); err != nil {
			slog.Error("survey: refreshing stored results", "form", formID, "err", err)
		}
		rf.mu.Lock()
		if rf.state[formID] == refreshAgain {
			rf.state[formID] = refreshRunning
			rf.mu.Unlock()
			continue
		}
		delete(rf.state, formID)
		rf.mu.Unlock()
		return
	}
}

// refresh recomputes every stored variant of the form whose fingerprint no
// longer matches the responses.
func (rf *Refresher) refresh(ctx context.Context, formID int64) error {
	variants, err := rf.store.ResultVariants(ctx, formID)
	if err != nil || len(variants) == 0 {
		return err
	}
	sf, err := rf.store.Form(ctx, formID)
	if err != nil {
		return err
	}
	fp, err := rf.store.ResponsesFingerprint(ctx, sf)
	if err != nil {
		return err
	}
	for _, v := range variants {
		saved, err := rf.store.SavedResults(ctx, formID, v)
		if err == nil && saved.Fingerprint == fp {
			continue
		}
		if _, err := rf.store.ComputeResults(ctx, audit.Actor{}, sf, v); err != nil {
			return err
		}
	}
	return nil
}
