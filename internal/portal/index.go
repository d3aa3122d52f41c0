package portal

import "time"

// indexData is the index page: the figures and when they were computed.
type indexData struct {
	Index
	Computed time.Time
}
