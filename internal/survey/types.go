package survey

import "strings"

// QuestionType is a question type of the XLSForm specification, in its
// documented spelling. Groups and repeats are not among them: they become
// each question's Group path.
type QuestionType string

// The question types of the XLSForm specification (xlsform.org, pyxform's
// question type dictionary). Every one is read and its answers are stored;
// the kinds below say what the system does with them.
const (
	SelectOne              QuestionType = "select_one"
	SelectMultiple         QuestionType = "select_multiple"
	SelectOneFromFile      QuestionType = "select_one_from_file"
	SelectMultipleFromFile QuestionType = "select_multiple_from_file"
	SelectOneExternal      QuestionType = "select_one_external"
	Rank                   QuestionType = "rank"
	Integer                QuestionType = "integer"
	Decimal                QuestionType = "decimal"
	Range                  QuestionType = "range"
	Text                   QuestionType = "text"
	Note                   QuestionType = "note"
	Calculate              QuestionType = "calculate"
	Hidden                 QuestionType = "hidden"
	Acknowledge            QuestionType = "acknowledge"
	Trigger                QuestionType = "trigger"
	Date                   QuestionType = "date"
	Time                   QuestionType = "time"
	DateTime               QuestionType = "dateTime"
	Geopoint               QuestionType = "geopoint"
	Geotrace               QuestionType = "geotrace"
	Geoshape               QuestionType = "geoshape"
	Image                  QuestionType = "image"
	Audio                  QuestionType = "audio"
	Video                  QuestionType = "video"
	File                   QuestionType = "file"
	Barcode                QuestionType = "barcode"
	OSM                    QuestionType = "osm"
	Start                  QuestionType = "start"
	End                    QuestionType = "end"
	Today                  QuestionType = "today"
	DeviceID               QuestionType = "deviceid"
	SubscriberID           QuestionType = "subscriberid"
	SimSerial              QuestionType = "simserial"
	PhoneNumber            QuestionType = "phonenumber"
	Username               QuestionType = "username"
	Email                  QuestionType = "email"
	Audit                  QuestionType = "audit"
	StartGeopoint          QuestionType = "start-geopoint"
	BackgroundAudio        QuestionType = "background-audio"
	BackgroundGeopoint     QuestionType = "background-geopoint"
	XMLExternal            QuestionType = "xml-external"
	CSVExternal            QuestionType = "csv-external"
	selectFromRepeatPrefix              = "${" // "select_one ${repeat_question}": choices are earlier answers
)

// typeAliases maps every spelling pyxform accepts for a type without a list
// (its question type dictionary and aliases, lower-cased: pyxform matches
// case-sensitively, we forgive "DateTime" and "Integer") to the type.
var typeAliases = func() map[string]QuestionType {
	m := map[string]QuestionType{}
	add := func(t QuestionType, names ...string) {
		m[strings.ToLower(string(t))] = t
		for _, n := range names {
			m[n] = t
		}
	}
	add(Integer, "int", "q int", "add integer prompt", "percentage", "number of days in last month",
		"number of days in last six months", "number of days in last year")
	add(Decimal, "q decimal", "add decimal prompt")
	add(Range)
	add(Text, "string", "q string", "add text prompt", "phone number")
	add(Note, "q note", "add note prompt")
	add(Calculate, "q calculate", "add calculate prompt")
	add(Hidden)
	add(Acknowledge, "q acknowledge", "add acknowledge prompt")
	add(Trigger)
	add(Date, "q date", "add date prompt")
	add(Time)
	add(DateTime, "datetime", "date time", "q date time", "q datetime", "add date time prompt", "add datetime prompt")
	add(Geopoint, "gps", "location", "q location", "q geopoint", "add location prompt")
	add(Geotrace, "q geotrace")
	add(Geoshape, "q geoshape")
	add(Image, "photo", "q picture", "q image", "add image prompt", "add photo prompt")
	add(Audio, "q audio", "add audio prompt")
	add(Video, "q video", "add video prompt")
	add(File, "add file prompt")
	add(Barcode, "q barcode", "add barcode prompt")
	add(OSM)
	add(Start, "start time", "get start time")
	add(End, "end time", "get end time")
	add(Today, "get today")
	add(DeviceID, "imei", "device id", "get device id", "uri:deviceid")
	add(SubscriberID, "subscriber id", "get subscriber id", "uri:subscriberid")
	add(SimSerial, "sim id", "get sim id", "uri:simserial")
	add(PhoneNumber, "get phone number", "uri:phonenumber")
	add(Username, "uri:username")
	add(Email, "uri:email")
	add(Audit)
	add(StartGeopoint)
	add(BackgroundAudio)
	add(BackgroundGeopoint)
	add(XMLExternal)
	add(CSVExternal)
	return m
}()

// selectAliases are the spellings of the types followed by a choice list
// (or a file, or a ${question}), longest first so that "select one from
// file" wins over "select one".
var selectAliases = []struct {
	words string
	typ   QuestionType
}{
	{"add select multiple prompt using", SelectMultiple},
	{"add select one prompt using", SelectOne},
	{"select all that apply from", SelectMultiple},
	{"select multiple from file", SelectMultipleFromFile},
	{"select_multiple_from_file", SelectMultipleFromFile},
	{"select one from file", SelectOneFromFile},
	{"select_one_from_file", SelectOneFromFile},
	{"select all that apply", SelectMultiple},
	{"select multiple using", SelectMultiple},
	{"select multiple from", SelectMultiple},
	{"select one external", SelectOneExternal},
	{"select_one_external", SelectOneExternal},
	{"select one using", SelectOne},
	{"select one from", SelectOne},
	{"select_multiple", SelectMultiple},
	{"select one", SelectOne},
	{"select_one", SelectOne},
	{"q select1", SelectOne},
	{"q select", SelectMultiple},
	{"select1", SelectOne},
	{"rank", Rank},
	{"osm", OSM},
}

// hasList reports whether the type takes its choices from a list, a file or
// earlier answers.
func (t QuestionType) hasList() bool {
	switch t {
	case SelectOne, SelectMultiple, SelectOneFromFile, SelectMultipleFromFile, SelectOneExternal, Rank, OSM:
		return true
	}
	return false
}

// multiple reports whether the answer is a space-separated list of choices.
func (t QuestionType) multiple() bool {
	return t == SelectMultiple || t == SelectMultipleFromFile || t == Rank
}

// Media reports whether the answer is the name of an attached file (the
// file itself stays with the collection server).
func (t QuestionType) Media() bool {
	switch t {
	case Image, Audio, Video, File, Audit, BackgroundAudio, OSM:
		return true
	}
	return false
}

// Geo reports whether the answer is a location: where a respondent lives
// is personal data, so these answers are stored but never exported.
func (t QuestionType) Geo() bool {
	switch t {
	case Geopoint, Geotrace, Geoshape, StartGeopoint, BackgroundGeopoint:
		return true
	}
	return false
}

// Metadata reports whether the collection app fills the answer itself
// (times, device), not the respondent.
func (t QuestionType) Metadata() bool {
	switch t {
	case Start, End, Today, DeviceID, SubscriberID, SimSerial, PhoneNumber, Username, Email, Audit,
		StartGeopoint, BackgroundAudio, BackgroundGeopoint:
		return true
	}
	return false
}

// personalMetadata are the metadata that identify the person holding the
// device: their answers are dropped on import, as responses hold no names,
// phones or e-mail addresses (issue 5).
func (t QuestionType) personalMetadata() bool {
	switch t {
	case SubscriberID, SimSerial, PhoneNumber, Username, Email:
		return true
	}
	return false
}

// holdsData reports whether the question has a value of its own in a
// submission. Notes and the declarations of external data files do not.
func (t QuestionType) holdsData() bool {
	switch t {
	case Note, XMLExternal, CSVExternal:
		return false
	}
	return true
}

// parseType reads the type cell in the spellings pyxform accepts:
// "begin group" or "begin_group" (also repeat, and "begin repeat over
// LIST"), a type with a list ("select_one LIST", "select one LIST or_other",
// "select_one_from_file villages.csv", "rank LIST", "select_one ${q}"), or
// a plain type. kind is "begin_group", "end_group", "begin_repeat",
// "end_repeat" or the question type.
func parseType(cell string) (kind string, typ QuestionType, list string, orOther bool, ok bool) {
	f := strings.Fields(cell)
	if len(f) == 0 {
		return "", "", "", false, false
	}
	words := strings.Fields(strings.ToLower(strings.Join(f, " ")))
	if c, ok := parseControl(words); ok {
		return c, "", "", false, c != ""
	}
	if t, found := typeAliases[strings.Join(words, " ")]; found {
		return string(t), t, "", false, true
	}
	for _, a := range selectAliases {
		n := len(strings.Fields(a.words))
		if len(words) < n+1 || strings.Join(words[:n], " ") != a.words {
			continue
		}
		list = f[n]
		switch tail := strings.Join(words[n+1:], " "); tail {
		case "":
		case "or_other", "or other", "or specify other":
			if a.typ != SelectOne && a.typ != SelectMultiple {
				return "", "", "", false, false
			}
			orOther = true
		default:
			return "", "", "", false, false
		}
		return string(a.typ), a.typ, list, orOther, true
	}
	return "", "", "", false, false
}

// parseControl reads "begin group", "begin_repeat", "end repeat", "begin
// repeat over LIST" (a loop, kept as a repeat) and pyxform's older words for
// a repeat (lgroup, loop, looped group). found is false when the words are
// not a begin or end at all; kind is "" when they are one, misspelt.
func parseControl(words []string) (kind string, found bool) {
	if len(words) == 1 {
		if b, c, ok := strings.Cut(words[0], "_"); ok && (b == "begin" || b == "end") {
			words = append([]string{b}, strings.Split(c, "_")...)
		}
	}
	if len(words) < 2 || words[0] != "begin" && words[0] != "end" {
		return "", false
	}
	control, rest := "", words[2:]
	switch words[1] {
	case "group":
		control = "group"
	case "repeat", "lgroup", "loop":
		control = "repeat"
	case "looped":
		if len(rest) > 0 && rest[0] == "group" {
			control, rest = "repeat", rest[1:]
		}
	}
	if control == "" {
		return "", false
	}
	switch {
	case words[0] == "end" && len(rest) > 0:
		return "", true
	case len(rest) > 0 && rest[0] == "over":
		rest = rest[1:]
		if len(rest) != 1 {
			return "", true
		}
	case len(rest) > 1:
		return "", true
	}
	return words[0] + "_" + control, true
}
