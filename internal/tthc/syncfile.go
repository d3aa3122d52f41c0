package tthc

import (
	"bufio"
	"io"
	"time"

	"papihub/internal/tthc/syncfile"
)

// The sync-file decoders and the pure values they produce live in package
// syncfile (no database driver linked, so its fuzz targets run fast); these
// are their names in tthc.

type (
	Day             = syncfile.Day
	Status          = syncfile.Status
	Channel         = syncfile.Channel
	PaymentChannel  = syncfile.PaymentChannel
	Rating          = syncfile.Rating
	Event           = syncfile.Event
	Supplement      = syncfile.Supplement
	Feedback        = syncfile.Feedback
	Digitisation    = syncfile.Digitisation
	Dossier         = syncfile.Dossier
	TransitionError = syncfile.TransitionError
	Code            = syncfile.Code
	CodeError       = syncfile.CodeError
	Record          = syncfile.Record
	RowError        = syncfile.RowError
	EncodingError   = syncfile.EncodingError
	Decoder         = syncfile.Decoder
	CSVDecoder      = syncfile.CSVDecoder
	XLSXDecoder     = syncfile.XLSXDecoder
	JSONLDecoder    = syncfile.JSONLDecoder
)

const (
	StatusSubmittedOnline     = syncfile.StatusSubmittedOnline
	StatusReceived            = syncfile.StatusReceived
	StatusRefused             = syncfile.StatusRefused
	StatusInProcess           = syncfile.StatusInProcess
	StatusSupplementRequested = syncfile.StatusSupplementRequested
	StatusFinancialObligation = syncfile.StatusFinancialObligation
	StatusWithdrawn           = syncfile.StatusWithdrawn
	StatusStopped             = syncfile.StatusStopped
	StatusResolved            = syncfile.StatusResolved
	StatusReturned            = syncfile.StatusReturned

	ChannelInPerson = syncfile.ChannelInPerson
	ChannelOnline   = syncfile.ChannelOnline
	ChannelPostal   = syncfile.ChannelPostal

	PaymentNotOnline      = syncfile.PaymentNotOnline
	PaymentNationalPortal = syncfile.PaymentNationalPortal
	PaymentProvincial     = syncfile.PaymentProvincial

	RatingNone    = syncfile.RatingNone
	RatingLike    = syncfile.RatingLike
	RatingDislike = syncfile.RatingDislike
)

// Location is Vietnam's time zone (syncfile.Location).
var Location = syncfile.Location

func DayOf(t time.Time) Day                        { return syncfile.DayOf(t) }
func DateDay(y int, m time.Month, d int) Day       { return syncfile.DateDay(y, m, d) }
func ParseDay(s string) (Day, error)               { return syncfile.ParseDay(s) }
func ParseCode(s string) (Code, error)             { return syncfile.ParseCode(s) }
func ParseSyncTime(s string) (time.Time, error)    { return syncfile.ParseSyncTime(s) }
func FormatSyncTime(t time.Time) string            { return syncfile.FormatSyncTime(t) }
func CanTransition(from, to Status) bool           { return syncfile.CanTransition(from, to) }
func CheckHistory(events []Event) ([]Event, error) { return syncfile.CheckHistory(events) }
func EndOfProcessing(d Dossier) (time.Time, Status, bool) {
	return syncfile.EndOfProcessing(d)
}
func NewCSVDecoder(r io.Reader) (*CSVDecoder, error)   { return syncfile.NewCSVDecoder(r) }
func NewXLSXDecoder(r io.Reader) (*XLSXDecoder, error) { return syncfile.NewXLSXDecoder(r) }
func NewJSONLDecoder(r io.Reader) *JSONLDecoder        { return syncfile.NewJSONLDecoder(r) }

// flexString reads JSON strings, numbers, booleans and null as text.
type flexString = syncfile.FlexString

var farFuture = syncfile.FarFuture

func endBefore(d Dossier, limit time.Time) (time.Time, Status, bool) {
	return syncfile.EndBefore(d, limit)
}
func sniffEncoding(br *bufio.Reader) error              { return syncfile.SniffEncoding(br) }
func notUTF8(line int) error                            { return syncfile.NotUTF8(line) }
func decodeJSONLine(line int, b []byte) (Record, error) { return syncfile.DecodeJSONLine(line, b) }
