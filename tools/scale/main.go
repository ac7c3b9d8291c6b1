// Command scale measures how each cost of Dealmodel grows with the size of a
// scenario: generated scenarios (backend/gen) of 1, 10, 100 and 1000 contracts over
// 40 years, each cost timed in this process several times. It prints a Markdown
// table of medians: wall time, and CPU time (user + system of the whole process,
// every core), which is steadier than wall time on a shared machine.
//
//	go run ./tools/scale [-sizes 1,10,100,1000] [-years 40] [-n 5]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"dealmodel/app"
	"dealmodel/app/cli"
	"dealmodel/backend/engine"
	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

type cost struct {
	name string
	// prepare runs once per size, untimed; it returns the timed step.
	prepare func(dir, file string, data []byte) (func() error, error)
}

func main() {
	sizesFlag := flag.String("sizes", "1,10,100,1000", "numbers of contracts, comma-separated")
	years := flag.Int("years", 40, "the horizon in years")
	n := flag.Int("n", 5, "timed repetitions of each cost (the median is printed)")
	only := flag.String("only", "", "measure only the costs whose names contain this")
	flag.Parse()
	var sizes []int
	for _, f := range strings.Split(*sizesFlag, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 0 {
			fmt.Fprintf(os.Stderr, "scale: %q is not a number of contracts\n", f)
			os.Exit(2)
		}
		sizes = append(sizes, v)
	}
	dir, err := os.MkdirTemp("", "dealmodel-scale-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)

	costs := []cost{
		{"parse", func(_, _ string, data []byte) (func() error, error) {
			return func() error { _, err := scenario.Parse("g.yaml", data); return err }, nil
		}},
		{"engine run", func(_, _ string, data []byte) (func() error, error) {
			s, err := scenario.Parse("g.yaml", data)
			return func() error { _, err := engine.Run(s); return err }, err
		}},
		{"`dealmodel run FILE` (parse, run, table)", func(_, file string, _ []byte) (func() error, error) {
			return command("run", file), nil
		}},
		{"`dealmodel scenarios import FILE`", func(dir, file string, _ []byte) (func() error, error) {
			k := 0
			return func() error {
				k++
				return command("scenarios", "import", file, "--db", filepath.Join(dir, fmt.Sprintf("import%d.db", k)))()
			}, nil
		}},
		{"simulate, 10,000 runs", func(_, _ string, data []byte) (func() error, error) {
			s, err := scenario.Parse("g.yaml", data)
			if err != nil {
				return nil, err
			}
			m, err := sim.Compile(s)
			return func() error { _, err := m.Simulate(context.Background(), sim.Options{Runs: 10_000}); return err }, err
		}},
		{"tornado", func(_, _ string, data []byte) (func() error, error) {
			s, err := scenario.Parse("g.yaml", data)
			if err != nil {
				return nil, err
			}
			m, err := sim.Compile(s)
			return func() error { _, err := m.Tornado(context.Background(), ""); return err }, err
		}},
		{"`dealmodel export FILE --pdf` (with 10,000 runs)", func(dir, file string, _ []byte) (func() error, error) {
			return command("export", file, "--pdf", filepath.Join(dir, "out.pdf")), nil
		}},
		{"one edit in the service (Apply)", func(_, _ string, data []byte) (func() error, error) {
			svc := app.NewService(nil)
			s, err := scenario.Parse("g.yaml", data)
			if err != nil {
				return nil, err
			}
			doc := string(scenario.Marshal(s))
			// The first contract's rate when it has one (a revenue share), else the
			// discount rate.
			path := "discount_rate"
			if len(s.Contracts) > 0 {
				for _, f := range s.Fields() {
					if f.Path == "contracts."+s.Contracts[0].ID+".rate" {
						path = f.Path
					}
				}
			}
			k := 0
			return func() error {
				k++
				_, err := svc.Apply(doc, []app.Edit{{Op: app.OpSet, Path: path, Value: fmt.Sprintf("%d%%", 1+k%30)}}, "quarter")
				return err
			}, nil
		}},
	}

	fmt.Printf("Medians of %d runs each; scenarios of N contracts over %d years (go run ./tools/scale). Wall time / CPU time (all cores); ✗ = failed.\n\n", *n, *years)
	head := "| cost |"
	rule := "|---|"
	for _, sz := range sizes {
		head += fmt.Sprintf(" %d |", sz)
		rule += "---|"
	}
	fmt.Println(head)
	fmt.Println(rule)
	for _, c := range costs {
		if *only != "" && !strings.Contains(c.name, *only) {
			continue
		}
		row := "| " + c.name + " |"
		for _, sz := range sizes {
			data := gen.YAML(gen.Size{Contracts: sz, Years: *years})
			file := filepath.Join(dir, fmt.Sprintf("g%d.yaml", sz))
			if err := os.WriteFile(file, data, 0o644); err != nil {
				fail(err)
			}
			step, err := c.prepare(dir, file, data)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s at %d: %v\n", c.name, sz, err)
				row += " ✗ |"
				continue
			}
			var walls, cpus []time.Duration
			failed := false
			for range *n {
				runtime.GC()
				w0, c0 := time.Now(), cpuTime()
				if err := step(); err != nil {
					fmt.Fprintf(os.Stderr, "%s at %d: %v\n", c.name, sz, err)
					failed = true
					break
				}
				walls = append(walls, time.Since(w0))
				cpus = append(cpus, cpuTime()-c0)
			}
			if failed {
				row += " ✗ |"
				continue
			}
			row += fmt.Sprintf(" %s / %s |", short(median(walls)), short(median(cpus)))
		}
		fmt.Println(row)
	}
}

// command runs the command line in this process, its output discarded.
func command(args ...string) func() error {
	return func() error {
		if code := cli.Main(args, io.Discard, io.Discard); code != 0 {
			return fmt.Errorf("dealmodel %s: exit %d", strings.Join(args, " "), code)
		}
		return nil
	}
}

func cpuTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func short(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	default:
		return fmt.Sprintf("%d µs", d.Microseconds())
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scale:", err)
	os.Exit(1)
}
