package cli

import (
	"encoding/json"
	"flag"
	"fmt"

	"dealmodel/internal/version"
)

func init() {
	register(command{
		name: "version", order: 95, run: versionCmd,
		args: "[--format text|json]",
		help: "print the version, the commit and date it was built from, and the Go version (also --version)",
	})
}

func versionCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	format := fs.String("format", "text", "text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return invalidf("version takes no arguments (found %q)", pos[0])
	}
	if err := oneOf("format", *format, "text", "json"); err != nil {
		return err
	}
	info := version.Get()
	if *format == "json" {
		b, err := json.MarshalIndent(info, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	_, err = fmt.Fprint(e.stdout, info.String())
	return err
}
