package legaldoc

import (
	"bytes"
	_ "embed"
	"io"
)

//go:embed testdata/register_basic.csv
var demoRegister []byte

// DemoRegister is the register the demo department starts with: the
// basic test register (seven documents of 2020–2025 with an amendment, a
// replacement, a partial expiry, a detailing decision and a directive that
// ran out).
func DemoRegister() io.Reader { return bytes.NewReader(demoRegister) }
