// Command checkwin checks the Windows build by its structure, since it cannot run
// here: the app is a 64-bit GUI-subsystem program carrying its icon, manifest and
// a version resource with the expected version, and the code that attaches the
// command line to the parent console (main.attachConsole, calling kernel32's
// AttachConsole and opening CONOUT$); the installer, as 7-Zip lists it,
// holds the app and the uninstaller, and its compiled script makes the Start-menu
// entry and registers the uninstaller.
//
//	go run ./tools/checkwin -version 0.1.0 APP.exe INSTALLER.exe
package main

import (
	"bytes"
	"compress/flate"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	version := flag.String("version", "", "the version the version resource must carry")
	flag.Parse()
	if flag.NArg() != 2 || *version == "" {
		fmt.Fprintln(os.Stderr, "usage: checkwin -version V APP.exe INSTALLER.exe")
		os.Exit(2)
	}
	app, installer := flag.Arg(0), flag.Arg(1)
	if err := checkApp(app, *version); err != nil {
		fmt.Fprintf(os.Stderr, "checkwin: %s: %v\n", app, err)
		os.Exit(1)
	}
	fmt.Printf("checkwin: %s: PE32+ x86-64, GUI subsystem, icon, manifest and version %s; attaches to the parent console\n", filepath.Base(app), *version)
	if err := checkInstaller(installer, *version); err != nil {
		fmt.Fprintf(os.Stderr, "checkwin: %s: %v\n", installer, err)
		os.Exit(1)
	}
	fmt.Printf("checkwin: %s: NSIS installer with the app, a Start-menu entry and an uninstaller\n", filepath.Base(installer))
}

func checkApp(path, version string) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return fmt.Errorf("machine %#x, want x86-64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return errors.New("not a PE32+ image")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("subsystem %d, want %d (GUI): a console window would open with the app", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return errors.New("no resources (.rsrc)")
	}
	data, err := rsrc.Data()
	if err != nil {
		return err
	}
	types, err := resourceTypes(data)
	if err != nil {
		return err
	}
	for _, t := range []struct {
		id   uint32
		name string
	}{{rtIcon, "icon"}, {rtGroupIcon, "icon group"}, {rtVersion, "version"}, {rtManifest, "manifest"}} {
		if !types[t.id] {
			return fmt.Errorf("no %s resource", t.name)
		}
	}
	for _, key := range []string{"ProductVersion", "ProductName", version, "Dealmodel"} {
		if !bytes.Contains(data, utf16le(key)) {
			return fmt.Errorf("the resources do not carry %q", key)
		}
	}
	return checkConsole(path)
}

// checkConsole finds, in the program, the function that attaches to the parent
// console (by its name, which Go keeps for tracebacks even in a stripped build),
// the kernel32 entry point it looks up, and the console device it opens: a GUI
// program without them would print nothing in a console.
func checkConsole(path string) error {
	image, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, s := range []string{"main.attachConsole", "AttachConsole", "CONOUT$", "kernel32.dll"} {
		if !bytes.Contains(image, []byte(s)) {
			return fmt.Errorf("no %q in the program: it would not attach to the console it is started from", s)
		}
	}
	return nil
}

// resourceTypes reads the root of a resource directory: the types it holds.
func resourceTypes(data []byte) (map[uint32]bool, error) {
	if len(data) < 16 {
		return nil, errors.New("resource directory too short")
	}
	named := int(binary.LittleEndian.Uint16(data[12:]))
	ids := int(binary.LittleEndian.Uint16(data[14:]))
	out := map[uint32]bool{}
	for i := 0; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(data) {
			return nil, errors.New("resource directory truncated")
		}
		name := binary.LittleEndian.Uint32(data[off:])
		if name&0x80000000 == 0 {
			out[name] = true
		}
	}
	return out, nil
}

func utf16le(s string) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.Bytes()
}

// checkInstaller lists the installer with 7-Zip, which reads NSIS installers,
// then reads the installer's own header (its script, compiled) for the Start-menu
// entry and the uninstaller's registration.
func checkInstaller(path, version string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	list, err := exec.Command("7z", "l", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("7z cannot list it: %v\n%s", err, list)
	}
	for _, want := range []string{"Type = Nsis", " Dealmodel.exe\n", " uninstall.exe\n", "MicrosoftEdgeWebview2Setup.exe"} {
		if !strings.Contains(string(list), want) {
			return fmt.Errorf("7z's listing lacks %q:\n%s", strings.TrimSpace(want), list)
		}
	}
	header, err := nsisHeader(raw)
	if err != nil {
		return err
	}
	// Strings of a Unicode installer are UTF-16; $SMPROGRAMS and $INSTDIR are
	// stored as codes, the rest as written in the script.
	for _, want := range []string{`Dealmodel.lnk`, `uninstall.exe`, `Software\Microsoft\Windows\CurrentVersion\Uninstall\Dealmodel`, `UninstallString`, `Dealmodel.exe`} {
		if !bytes.Contains(header, utf16le(want)) {
			return fmt.Errorf("the installer's script has no %q", want)
		}
	}
	dir, err := os.MkdirTemp("", "checkwin")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if out, err := exec.Command("7z", "x", "-o"+dir, path, "Dealmodel.exe").CombinedOutput(); err != nil {
		return fmt.Errorf("7z cannot extract the app: %v\n%s", err, out)
	}
	// The app inside is the app that was checked.
	if err := checkApp(filepath.Join(dir, "Dealmodel.exe"), version); err != nil {
		return fmt.Errorf("the app it installs: %w", err)
	}
	return nil
}

// nsisHeader returns the installer's header, decompressed: NSIS's first header
// (flags, 0xDEADBEEF, "NullsoftInst", the header's length, the data's length),
// then the header as a deflate stream after its 4-byte size.
func nsisHeader(raw []byte) ([]byte, error) {
	at := bytes.Index(raw, []byte("\xef\xbe\xad\xdeNullsoftInst"))
	if at < 4 {
		return nil, errors.New("not an NSIS installer (no NullsoftInst header)")
	}
	first := raw[at-4:]
	if len(first) < 28 {
		return nil, errors.New("NSIS header truncated")
	}
	size := binary.LittleEndian.Uint32(first[20:])
	comp := binary.LittleEndian.Uint32(first[28:])
	if comp&0x80000000 == 0 {
		end := 32 + int(comp)
		if end > len(first) {
			return nil, errors.New("NSIS header truncated")
		}
		return first[32:end], nil
	}
	zr := flate.NewReader(bytes.NewReader(first[32:]))
	defer zr.Close()
	h, err := io.ReadAll(io.LimitReader(zr, int64(size)))
	if err != nil && len(h) < int(size) {
		return nil, fmt.Errorf("the NSIS header does not decompress (only deflate is read here): %w", err)
	}
	return h, nil
}
