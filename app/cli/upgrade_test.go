package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every v1 file of testdata/v1 (the built-ins as they were in format v1) upgrades
// to v2 with only the version changed, and the upgraded file's run JSON has every
// figure of the original, with the same value.
func TestUpgradeKeepsResults(t *testing.T) {
	for _, stem := range v1Files(t) {
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "v1", stem+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			in := writeFile(t, stem+".yaml", string(data))
			out := filepath.Join(t.TempDir(), "up.yaml")
			code, stdout, errs := cli(t, "scenarios", "upgrade", in, out)
			if code != ExitOK || !strings.Contains(stdout, "upgraded to format version 2") {
				t.Fatalf("exit %d: %s%s", code, stdout, errs)
			}
			up, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Replace(string(data), "\nversion: 1\n", "\nversion: 2\n", 1); string(up) != want {
				t.Fatalf("the upgrade changed more than the version:\n%s", up)
			}
			for _, period := range []string{"quarter", "year"} {
				_, a, _ := cli(t, "run", in, "--format", "json", "--period", period)
				_, c, _ := cli(t, "run", out, "--format", "json", "--period", period)
				for _, line := range strings.Split(a, "\n") {
					if strings.HasPrefix(line, "    \"") && !strings.Contains(c, strings.TrimSuffix(line, ",")) {
						t.Errorf("%s: the upgraded file lacks %s", period, line)
					}
				}
			}
		})
	}
}

// JSON files are upgraded in place; a v2 file or an invalid one is refused with
// exit 2 and left as it was.
func TestUpgradeInPlaceAndRefusals(t *testing.T) {
	js := writeFile(t, "s.json", `{"version": 1, "name": "J", "start": "2025Q1", "end": "2025Q4",
 "streams": {"r": {"annual": {"2025": "4B"}}}}`)
	if code, _, errs := cli(t, "scenarios", "upgrade", js); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, _ := os.ReadFile(js)
	if !strings.HasPrefix(string(got), `{"version": 2, "name": "J"`) {
		t.Fatalf("upgraded JSON: %s", got)
	}
	code, _, errs := cli(t, "scenarios", "upgrade", js)
	if code != ExitInvalid || !strings.Contains(errs, "already format version 2") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	bad := "version: 1\nname: B\nstart: 2025Q1\nend: 2025Q4\nstreams:\n  r:\n    annual: {2025: -4B}\n"
	p := writeFile(t, "bad.yaml", bad)
	code, _, errs = cli(t, "scenarios", "upgrade", p)
	if code != ExitInvalid || !strings.Contains(errs, "bad.yaml:7:") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got, _ := os.ReadFile(p); string(got) != bad {
		t.Fatalf("a refused file was changed: %s", got)
	}
}
