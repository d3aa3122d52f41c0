package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// A command is one top-level subcommand of papihub. Capabilities add theirs in
// their own cmd_<capability>.go file with register(), so main.go never grows a
// switch that every feature has to edit.
type command struct {
	name    string
	summary string // one line for `papihub help`
	usage   string // the full help text, printed by `papihub help NAME`
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("papihub: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// env is what a command may touch: its streams and the process environment.
// Tests build one with buffers instead of the real streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

func osEnv() *env {
	return &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
}

// flagSet returns a FlagSet that reports errors instead of exiting, and writes
// its usage to the command's stderr.
func (e *env) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// usageError marks a mistake in how a command was called (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// openInput opens the named file, or standard input for "-". The caller
// closes what it gets.
func (e *env) openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(e.stdin), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("mở tệp: %w", err)
	}
	return f, nil
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// subcommand dispatches args[0] among named sub-actions, for commands such as
// `papihub user create` or `papihub tthc import dossiers`.
func subcommand(ctx context.Context, e *env, parent string, args []string, subs map[string]func(context.Context, *env, []string) error) error {
	if len(args) == 0 {
		return usagef("%s: missing subcommand (one of: %s)", parent, strings.Join(sortedKeys(subs), ", "))
	}
	fn, ok := subs[args[0]]
	if !ok {
		return usagef("%s: unknown subcommand %q (one of: %s)", parent, args[0], strings.Join(sortedKeys(subs), ", "))
	}
	return fn(ctx, e, args[1:])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
