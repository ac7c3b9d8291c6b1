package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// stemsOnDisk lists the *.yaml files of this directory, without the extension.
func stemsOnDisk(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var stems []string
	for _, n := range names {
		stems = append(stems, strings.TrimSuffix(n, ".yaml"))
	}
	sort.Strings(stems)
	return stems
}

func TestAllMatchesDirectory(t *testing.T) {
	all := All()
	disk := stemsOnDisk(t)
	if len(all) != len(disk) {
		t.Fatalf("All() returned %d scenarios, the directory has %d *.yaml files", len(all), len(disk))
	}
	var got []string
	for _, b := range all {
		got = append(got, b.Stem)
	}
	sort.Strings(got)
	for i := range disk {
		if got[i] != disk[i] {
			t.Fatalf("All() stems %v, directory %v", got, disk)
		}
	}
}

func TestAllFilesNonEmptyAndEqualToDisk(t *testing.T) {
	for _, b := range All() {
		if len(bytes.TrimSpace(b.Data)) == 0 {
			t.Errorf("%s is empty", b.File)
		}
		if b.File != b.Stem+".yaml" {
			t.Errorf("File %q does not match Stem %q", b.File, b.Stem)
		}
		disk, err := os.ReadFile(b.File)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(disk, b.Data) {
			t.Errorf("%s: embedded data differs from the file on disk", b.File)
		}
	}
}

func TestAllOrder(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no built-in scenarios")
	}
	if all[0].Stem != "briefing" {
		t.Fatalf("first scenario is %q, want briefing", all[0].Stem)
	}
	for i := 2; i < len(all); i++ {
		if all[i-1].Stem >= all[i].Stem {
			t.Errorf("not sorted by stem after briefing: %q before %q", all[i-1].Stem, all[i].Stem)
		}
	}
}

func TestAllReturnsCopies(t *testing.T) {
	a := All()
	a[0].Data[0] ^= 0xff
	b := All()
	if a[0].Data[0] == b[0].Data[0] {
		t.Fatal("modifying the data returned by All changed a later call's data")
	}
}

func TestExpectedScenariosPresent(t *testing.T) {
	for _, stem := range []string{
		"briefing", "compute", "microsoft-cap", "microsoft-cap-high",
		"microsoft-cap-low", "microsoft-no-cap", "valuation", "valuation-multiple",
	} {
		if _, ok := ByStem(stem); !ok {
			t.Errorf("built-in scenario %q is missing", stem)
		}
	}
}

func TestByStem(t *testing.T) {
	for _, want := range All() {
		got, ok := ByStem(want.Stem)
		if !ok {
			t.Errorf("ByStem(%q) not found", want.Stem)
			continue
		}
		if got.Stem != want.Stem || got.File != want.File || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("ByStem(%q) = %q/%q, differs from All()", want.Stem, got.Stem, got.File)
		}
	}
	for _, stem := range []string{"", "unknown", "briefing.yaml", "../scenarios/briefing", "./briefing", "/briefing", "Briefing", "embed", "embed.go"} {
		if b, ok := ByStem(stem); ok {
			t.Errorf("ByStem(%q) = %q, true; want false", stem, b.File)
		}
	}
}
