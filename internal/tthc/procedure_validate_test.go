package tthc

import (
	"strings"
	"testing"
)

func TestAProcedureWithAMegabyteOfTextIsRefusedOnThatField(t *testing.T) {
	ok := Procedure{Code: "1.004227", Name: "Cấp giấy phép xây dựng"}
	if f, k := ok.Validate(); f != "" {
		t.Fatalf("a plain procedure: %s %s", f, k)
	}
	long := strings.Repeat("ô", 1001) // 1,001 characters, 2,002 bytes
	for field, set := range map[string]func(*Procedure){
		"name":           func(p *Procedure) { p.Name = long },
		"issuing_body":   func(p *Procedure) { p.IssuingBody = long },
		"competent_unit": func(p *Procedure) { p.CompetentUnit = long },
		"field":          func(p *Procedure) { p.Field = strings.Repeat("x", 1<<20) },
	} {
		p := ok
		set(&p)
		if f, k := p.Validate(); f != field || k != "form.too_long.line" {
			t.Errorf("%s too long: Validate = %s %s", field, f, k)
		}
	}
	p := ok
	p.Name = strings.Repeat("ô", 1000)
	if f, k := p.Validate(); f != "" {
		t.Errorf("a name of exactly 1,000 characters: %s %s", f, k)
	}
}
