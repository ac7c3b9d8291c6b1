// Package files writes the files users ask for (exports, scenario files) so that a
// reader, or a crash, never sees one half-written, and so that nothing but a
// regular file is ever replaced.
package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dealmodel/backend/fault"
)

// Refused is a path WriteAtomic will not write to: empty, a folder, or something
// other than a regular file (a device, a pipe, a socket). Nothing was written.
type Refused struct {
	Path   string
	Reason string
}

// Fault implements fault.Kinder: the user asked for a path that cannot be written.
func (e *Refused) Fault() fault.Kind { return fault.Invalid }

func (e *Refused) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + " " + e.Reason
}

// WriteAtomic writes data to a temporary file beside path, syncs it, and renames it
// over path, then syncs the folder so the rename itself is durable. Replacing a file
// keeps its permissions; a new file gets 0644. On any error the temporary file is
// removed and path is untouched.
//
// Only regular files are replaced. A symbolic link is written through: its target
// is replaced and the link stays. A folder, a device (/dev/null, /dev/full), a
// pipe, a socket, or a link to one of those, is refused with *Refused; so is a
// link whose target does not exist. Terminals and pipes such as /dev/stdout are
// refused too: the command line writes to stdout for "-".
func WriteAtomic(path string, data []byte) (err error) {
	if path == "" {
		return &Refused{Reason: "no file name given: give the file to write (or - for stdout where a command offers it)"}
	}
	target := path
	if li, lerr := os.Lstat(path); lerr == nil {
		st := li
		if li.Mode()&fs.ModeSymlink != 0 {
			if st, err = os.Stat(path); err != nil {
				return &Refused{Path: path, Reason: "is a symbolic link whose target cannot be reached: give the target's own path or another name"}
			}
			if !st.Mode().IsRegular() {
				return notRegular(path, st.Mode())
			}
			if target, err = filepath.EvalSymlinks(path); err != nil {
				return &Refused{Path: path, Reason: "is a symbolic link whose target cannot be reached: give the target's own path or another name"}
			}
		} else if !li.Mode().IsRegular() {
			return notRegular(path, li.Mode())
		}
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return &Refused{Path: path, Reason: "names a folder: give a file name"}
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		// The temporary file's name would only confuse: say where and why.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: cannot create a file in %s: %w", path, dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			var pe *fs.PathError
			var le *os.LinkError
			switch {
			case errors.As(err, &pe):
				err = fmt.Errorf("cannot write %s: %w", path, pe.Err)
			case errors.As(err, &le):
				err = fmt.Errorf("cannot write %s: %w", path, le.Err)
			}
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // best effort: some file systems cannot sync a folder
		d.Close()
	}
	return nil
}

func notRegular(path string, m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m.IsDir():
		return &Refused{Path: path, Reason: "is a folder: give a file name"}
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeNamedPipe != 0:
		what = "a pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return &Refused{Path: path, Reason: fmt.Sprintf("is %s, not a regular file: nothing was written (only regular files are replaced; for stdout use - where a command offers it)", what)}
}
