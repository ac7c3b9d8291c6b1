//go:build libreoffice

package report

// Run by `make test` (go test -tags libreoffice -run TestCSVInLibreOffice
// ./backend/report/): it needs LibreOffice (Debian: libreoffice-calc-nogui).

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCSVInLibreOffice opens every CSV the exports write of hostile scenarios in
// LibreOffice Calc, with ',', ';' and TAB as the separator, and finds no formula
// cell; a control file with a live formula shows that the check sees them.
func TestCSVInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice not found: install LibreOffice (apt-get install libreoffice-calc-nogui) to run this check")
	}
	dir := t.TempDir()
	var inputs []string
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name+".csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	for name, data := range csvOutputs(t, separatorHostile) {
		write("sep-"+name, data)
	}
	for name, data := range csvOutputs(t, hostile) {
		write("lead-"+name, data)
	}
	write("control", []byte("id,value\nx,=1+1\ny;=2+2\tz\t=3+3\n"))
	for _, sep := range []int{',', ';', '\t'} {
		out := filepath.Join(dir, "out-"+strconv.Itoa(sep))
		args := []string{"--headless", "--norestore", "--nolockcheck",
			"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
			"--infilter=CSV:" + strconv.Itoa(sep) + ",34,76,1", "--convert-to", "ods", "--outdir", out}
		cmd := exec.Command(soffice, append(args, inputs...)...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice with separator %q: %v\n%s", rune(sep), err, b)
		}
		for _, in := range inputs {
			name := strings.TrimSuffix(filepath.Base(in), ".csv")
			content := odsContent(t, filepath.Join(out, name+".ods"))
			formulas := strings.Count(content, "table:formula=")
			if name == "control" {
				if formulas == 0 {
					t.Errorf("separator %q: the control file shows no formula: the check cannot see them", rune(sep))
				}
				continue
			}
			if formulas > 0 {
				i := strings.Index(content, "table:formula=")
				t.Errorf("separator %q: %s opens with %d formula cells, such as %.120s", rune(sep), name, formulas, content[i:])
			}
		}
	}
}

func odsContent(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "content.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no content.xml", path)
	return ""
}
