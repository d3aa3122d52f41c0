package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"papihub/internal/platform/db"
	"papihub/internal/platform/tabular"
)

// registerImport holds the arguments the register imports (legal,
// inspection, reception) share: FILE --unit CODE [--skip-invalid]
// [--format csv|xlsx].
type registerImport struct {
	data     *dataFlags
	file     string
	unitCode string
	format   string // csv or xlsx; from the file name when not given
	skip     bool
}

// parseRegisterImport reads "papihub NAME import" arguments; unitHelp and
// skipHelp say what the unit and --skip-invalid mean for this register.
func parseRegisterImport(e *env, name, unitHelp, skipHelp string, args []string) (registerImport, error) {
	fs := e.flagSet(name + " import")
	in := registerImport{data: e.addDataFlags(fs)}
	unitCode := fs.String("unit", "", unitHelp)
	skip := fs.Bool("skip-invalid", false, skipHelp)
	format := fs.String("format", "", "csv or xlsx (default: from the file name)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return in, usagef("%v", err)
	}
	if len(files) != 1 || *unitCode == "" {
		return in, usagef("%s import: need FILE and --unit CODE", name)
	}
	in.file, in.unitCode, in.format, in.skip = files[0], *unitCode, *format, *skip
	if in.format == "" {
		if in.format, err = tabular.FormatOf(in.file); err != nil {
			return in, usagef("%v", err)
		}
	}
	return in, nil
}

// openDecoder opens the file and reads its header with the register's
// decoder; done closes both.
func openDecoder[D io.Closer](in registerImport, newDecoder func(io.Reader, string) (D, error)) (dec D, done func(), err error) {
	f, err := os.Open(in.file)
	if err != nil {
		return dec, nil, fmt.Errorf("mở tệp: %w", err)
	}
	dec, err = newDecoder(f, in.format)
	if err != nil {
		f.Close()
		return dec, nil, fmt.Errorf("%s: %w", in.file, err)
	}
	return dec, func() { dec.Close(); f.Close() }, nil
}

// printRowErrors prints a line per bad row; a file with bad rows ends in
// errRejected (exit status 1) so that scripts notice, and when nothing was
// applied the person is told how to go on.
func printRowErrors(e *env, errs []tabular.RowError, rejected int, applied bool) error {
	for _, re := range errs {
		fmt.Fprintf(e.stdout, "  dòng %d\t%s\t%s\n", re.Line, re.Column, re.Reason)
	}
	if rejected == 0 {
		return nil
	}
	if !applied {
		fmt.Fprintln(e.stderr, "Tệp bị từ chối toàn bộ, không có gì thay đổi; sửa các dòng trên hoặc dùng --skip-invalid.")
	}
	return errRejected
}

// openForUnit opens the database, makes a register's store on it and finds
// the unit by its electronic code; done closes the database, which is also
// closed at once when anything fails.
func openForUnit[S, U any](ctx context.Context, data *dataFlags, code string, newStore func(*db.DB) (S, error),
	byCode func(S, context.Context, string) (U, error)) (s S, u U, done func(), err error) {
	conn, err := data.open(ctx)
	if err != nil {
		return s, u, nil, err
	}
	if s, err = newStore(conn); err != nil {
		conn.Close()
		return s, u, nil, err
	}
	if u, err = byCode(s, ctx, code); err != nil {
		conn.Close()
		return s, u, nil, fmt.Errorf("đơn vị %q: %w", code, err)
	}
	return s, u, func() { conn.Close() }, nil
}
