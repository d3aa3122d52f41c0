// Command papihub is the whole PAPI Hub system in one binary: the web UI, the
// JSON API, the public portal, background jobs and the command-line tools.
// Run `papihub help` for the list of commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, osEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}

// runMain runs one command line and returns the process exit code:
// 0 success, 1 failure, 2 wrong usage.
func runMain(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		printHelp(e)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			c, ok := commands[args[1]]
			if !ok {
				// A typo must not look like help that answered.
				fmt.Fprintf(e.stderr, "papihub help: unknown command %q; run 'papihub help' for the list\n", args[1])
				return 2
			}
			fmt.Fprintln(e.stdout, c.usage)
			return 0
		}
		printHelp(e)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "papihub: unknown command %q; run 'papihub help'\n", name)
		return 2
	}
	if err := c.run(ctx, e, args[1:]); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "papihub %s: %s\nrun 'papihub help %s'\n", name, ue.msg, name)
			return 2
		}
		fmt.Fprintf(e.stderr, "papihub %s: %v\n", name, err)
		return 1
	}
	return 0
}

func printHelp(e *env) {
	fmt.Fprintln(e.stdout, "papihub: plan, measure and report governance improvement (PAPI).")
	fmt.Fprintln(e.stdout, "\nUsage: papihub COMMAND [flags]\n\nCommands:")
	for _, n := range commandNames() {
		fmt.Fprintf(e.stdout, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(e.stdout, helpConfiguration)
}
