// Command licences writes internal/version/licences.json: the licences of what the
// Go side of Dealmodel ships: the Go runtime and standard library, every module the
// desktop app links on Linux, Windows and macOS, and the fonts embedded in the PDF
// briefing. The texts come from the modules as the module cache holds them. The
// frontend's npm packages are listed by its build (frontend/dist/licences.json).
//
//	go run ./tools/licences          rewrite the file
//	go run ./tools/licences -check   fail if the file is not what it would write
//	go run ./tools/licences -copyright FRONTEND_LICENCES
//	                                 print a Debian copyright file naming both
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"dealmodel/internal/version"
)

const out = "internal/version/licences.json"

// platforms are those the desktop app is built for: their module sets differ.
var platforms = [][2]string{{"linux", "amd64"}, {"windows", "amd64"}, {"darwin", "arm64"}, {"darwin", "amd64"}}

var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents)([-._].*)?$`)

func main() {
	check := flag.Bool("check", false, "fail if "+out+" is stale")
	copyright := flag.String("copyright", "", "print a Debian copyright file, with the frontend's licences.json at this path")
	flag.Parse()
	if *copyright != "" {
		if err := writeCopyright(*copyright); err != nil {
			fail(err)
		}
		return
	}
	list, err := gather()
	if err != nil {
		fail(err)
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		fail(err)
	}
	b = append(b, '\n')
	if *check {
		old, _ := os.ReadFile(out)
		if !bytes.Equal(old, b) {
			fail(fmt.Errorf("%s does not match the modules the app links: run go run ./tools/licences and commit it", out))
		}
		return
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "licences:", err)
	os.Exit(1)
}

func gather() ([]version.Licence, error) {
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return nil, err
	}
	goText, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, err
	}
	list := []version.Licence{{Name: "Go (runtime and standard library)", License: "BSD-3-Clause", Text: string(goText)}}

	mods := map[string][2]string{} // path -> version, dir
	for _, p := range platforms {
		cmd := exec.Command("go", "list", "-deps", "-tags", "desktop,production,webkit2_41",
			"-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{end}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "GOOS="+p[0], "GOARCH="+p[1], "CGO_ENABLED=1")
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list for %s/%s: %w", p[0], p[1], err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			f := strings.Split(line, "\t")
			if len(f) == 3 {
				mods[f[0]] = [2]string{f[1], f[2]}
			}
		}
	}
	paths := make([]string, 0, len(mods))
	for p := range mods {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		text, err := licenceTexts(mods[p][1])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		list = append(list, version.Licence{Name: p, Version: mods[p][0], License: identify(text), Text: text})
	}
	fonts, err := os.ReadFile("backend/report/fonts/LICENSE")
	if err != nil {
		return nil, err
	}
	list = append(list, version.Licence{Name: "DejaVu Sans Condensed (fonts in the PDF briefing)", Version: "2.37", License: "Bitstream-Vera AND public domain", Text: string(fonts)})
	return list, nil
}

// licenceTexts joins a module's licence files (LICENSE, its third-party notices,
// PATENTS) in name order.
func licenceTexts(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, e := range entries {
		if e.IsDir() || !licenceFile.MatchString(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		parts = append(parts, "== "+e.Name()+" ==\n"+strings.TrimSpace(string(b))+"\n")
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("no licence file in %s", dir)
	}
	return strings.Join(parts, "\n"), nil
}

// identify names the licence of a text by its usual wording, for the list; the
// text itself is what counts.
func identify(text string) string {
	// The first file is the module's own licence; the others are notices.
	first, _, _ := strings.Cut(strings.TrimPrefix(text, "== "), "\n== ")
	first = strings.Join(strings.Fields(first), " ")
	switch {
	case strings.Contains(first, "Apache License") && strings.Contains(first, "Version 2.0"):
		return "Apache-2.0"
	case strings.Contains(first, "Mozilla Public License"):
		return "MPL-2.0"
	case strings.Contains(first, "Permission is hereby granted, free of charge"):
		return "MIT"
	case strings.Contains(first, "Permission to use, copy, modify, and/or distribute") || strings.Contains(first, "Permission to use, copy, modify, and distribute this software for any purpose"):
		return "ISC"
	case strings.Contains(first, "Redistribution and use in source and binary forms") && strings.Contains(first, "Neither the name"):
		return "BSD-3-Clause"
	case strings.Contains(first, "Redistribution and use in source and binary forms"):
		return "BSD-2-Clause"
	}
	return "see text"
}

func goEnv(key string) (string, error) {
	b, err := exec.Command("go", "env", key).Output()
	return strings.TrimSpace(string(b)), err
}

// writeCopyright prints /usr/share/doc/dealmodel/copyright in Debian's
// machine-readable format: Dealmodel itself, then every bundled component with
// its licence text.
func writeCopyright(frontendPath string) error {
	var goList, npmList []version.Licence
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &goList); err != nil {
		return err
	}
	b, err = os.ReadFile(frontendPath)
	if err != nil {
		return fmt.Errorf("%w (build the frontend first)", err)
	}
	if err := json.Unmarshal(b, &npmList); err != nil {
		return err
	}
	w := os.Stdout
	fmt.Fprint(w, "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: Dealmodel\n\n")
	fmt.Fprint(w, "Files: *\nCopyright: 2026 the Dealmodel authors\nLicense: Dealmodel\n")
	fmt.Fprint(w, " Dealmodel's own code has not been published under a licence yet; all\n rights are reserved by its authors. The programs bundle the components\n listed below, each under its own licence.\n")
	for _, group := range [][]version.Licence{goList, npmList} {
		for _, l := range group {
			fmt.Fprintf(w, "\nFiles: bundled/%s\nCopyright: see the licence text\nLicense: %s\n", strings.ReplaceAll(l.Name, " ", "_"), l.Label())
			fmt.Fprint(w, indent(commonLicences(l.Text)))
		}
	}
	return nil
}

// commonLicences replaces the full text of the Apache License 2.0 with a pointer
// to the copy every Debian system has (Debian policy 12.5), keeping the component's
// own notices around it.
func commonLicences(text string) string {
	const ref = "On Debian systems, the full text of the Apache License, Version 2.0 is in\n/usr/share/common-licenses/Apache-2.0.\n"
	for {
		start := strings.Index(text, "Apache License\n")
		if start < 0 {
			return text
		}
		end := strings.Index(text[start:], "END OF TERMS AND CONDITIONS")
		if end < 0 {
			return text
		}
		end += start + len("END OF TERMS AND CONDITIONS")
		// The appendix on how to apply the licence ends with its boilerplate.
		if a := strings.Index(text[end:], "APPENDIX: How to apply"); a >= 0 && a < 200 {
			if e := strings.Index(text[end:], "limitations under the License."); e >= 0 {
				end += e + len("limitations under the License.")
			}
		}
		// Back up to the start of the line that names the licence.
		start = strings.LastIndex(text[:start], "\n") + 1
		text = text[:start] + ref + text[end:]
	}
}

// indent formats a text as a copyright file's continuation lines.
func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			b.WriteString(" .\n")
		} else {
			b.WriteString(" " + line + "\n")
		}
	}
	return b.String()
}
