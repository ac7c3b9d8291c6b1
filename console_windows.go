//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// x/sys/windows has no wrapper for AttachConsole: call kernel32 directly (loaded
// from the system folder only).
var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole makes the command line's output reach the console it was started
// from. The app is a GUI-subsystem program (so that a double-click opens no
// console window), and Windows gives such a program no console of its own: its
// standard streams are unset unless the caller redirected them. Streams that were
// redirected (dealmodel run briefing > out.txt, or a pipe) are kept; the others
// are opened on the parent's console. Started from Explorer there is no parent
// console, and nothing changes.
func attachConsole() {
	out, errOut, in := usable(windows.STD_OUTPUT_HANDLE), usable(windows.STD_ERROR_HANDLE), usable(windows.STD_INPUT_HANDLE)
	if out && errOut && in {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	if !out {
		if f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0); err == nil {
			os.Stdout = f
		}
	}
	if !errOut {
		if f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0); err == nil {
			os.Stderr = f
		}
	}
	if !in {
		if f, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
			os.Stdin = f
		}
	}
}

// usable tells whether a standard stream is set to something that can be used: a
// file, a pipe or a console.
func usable(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}
