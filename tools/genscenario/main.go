// Command genscenario writes a large generated scenario (backend/gen) for
// benchmarks and tests:
//
//	go run ./tools/genscenario -contracts 1000 -years 40 -o big.yaml
package main

import (
	"flag"
	"fmt"
	"os"

	"dealmodel/backend/gen"
)

func main() {
	var sz gen.Size
	flag.IntVar(&sz.Contracts, "contracts", 100, "how many contracts (they cycle through every type)")
	flag.IntVar(&sz.Years, "years", 40, "the horizon in years, from 2025 (1 to 40)")
	flag.IntVar(&sz.Uncertain, "uncertain", 0, "how many uncertain inputs (0: one per ten contracts)")
	out := flag.String("o", "-", "the file to write (- for standard output)")
	flag.Parse()
	if flag.NArg() > 0 || sz.Contracts < 0 || sz.Years < 1 || sz.Years > 40 {
		fmt.Fprintln(os.Stderr, "usage: genscenario [-contracts N] [-years 1..40] [-uncertain N] [-o file]")
		os.Exit(2)
	}
	data := gen.YAML(sz)
	if *out == "-" {
		_, err := os.Stdout.Write(data)
		if err != nil {
			os.Exit(1)
		}
		return
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
