package survey

import (
	"bytes"
	"testing"
)

// FuzzReadResponsesCSV feeds arbitrary bytes to the CSV importer: it must
// never panic, and what it accepts must keep the promises of a Batch (ids
// present and unique, answers only to the form's questions and valid for
// them, no phone or ID number in free text).
func FuzzReadResponsesCSV(f *testing.F) {
	form := communeForm(f)
	f.Add([]byte("_uuid;respondent/sex;services/used/health;services/comment\nu1;m;1;ok\nu1;f;0;\n"))
	f.Add([]byte("\xef\xbb\xbfmeta/instanceID,hh_pop_repeat[2]/member_age,Xã,Ông/bà đã dùng dịch vụ nào?/Y tế\nuuid:a,3,X,1\n"))
	f.Add([]byte("KEY,services-comment,PARENT_KEY\nk,\"0912 345 678\",\n"))
	f.Add([]byte("_uuid\tage\tservices/used\n1\t2\thealth gym\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadResponses(form, []NamedReader{{Name: "fuzz.csv", R: bytes.NewReader(data)}}, ImportOptions{})
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, r := range b.Responses {
			if r.InstanceID == "" || ids[r.InstanceID] {
				t.Fatalf("instance id %q empty or repeated", r.InstanceID)
			}
			ids[r.InstanceID] = true
			for name, v := range r.Answers {
				q, ok := form.Question(name)
				if !ok {
					t.Fatalf("answer to unknown question %q", name)
				}
				if _, bad := form.checkValue(q, v); bad {
					t.Fatalf("invalid answer %q to %s accepted", v, name)
				}
				if q.Type == Text {
					if cleaned, n := redactIdentifiers(v); n > 0 {
						t.Fatalf("text answer %q still holds an identifier (%q)", v, cleaned)
					}
				}
			}
		}
	})
}
