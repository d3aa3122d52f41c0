package web

import (
	"net/http"
	"sync"
	"time"
)

// Limiter is a token bucket per client key (the client's address) for the
// public look-ups by code (dossiers, citizens' letters). It lives in the process: each papihub process limits on
// its own, so behind N processes a client gets up to N times the rate.
type Limiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter allows each key rate requests per second with bursts of burst.
// A rate of 0 or less allows everything.
func NewLimiter(rate float64, burst int) *Limiter {
	return &Limiter{rate: rate, burst: float64(max(burst, 1)), now: time.Now, buckets: map[string]*bucket{}}
}

// Refused answers 429 (JSON, with Retry-After) when r's client is over the
// limit, and reports whether it did.
func (l *Limiter) Refused(w http.ResponseWriter, r *http.Request) bool {
	if l.Allow(ClientIP(r)) {
		return false
	}
	w.Header().Set("Retry-After", "1")
	WriteAPIError(w, r, http.StatusTooManyRequests, "rate_limited", nil)
	return true
}

// maxBuckets bounds the memory of the limiter; beyond it, buckets that have
// refilled are forgotten.
const maxBuckets = 100000

// Allow takes a token from key's bucket, reporting whether there was one.
func (l *Limiter) Allow(key string) bool {
	if l == nil || l.rate <= 0 {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *Limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
