//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the file tmp the owner and group of old, where the
// process may (root may; anyone may pick among their own groups). Failing
// that, the new file belongs to whoever wrote it, as any rewrite would.
func keepOwner(tmp string, old fs.FileInfo) {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	st, err := os.Stat(tmp)
	if err != nil {
		return
	}
	if got, ok := st.Sys().(*syscall.Stat_t); ok && (got.Uid != want.Uid || got.Gid != want.Gid) {
		os.Chown(tmp, int(want.Uid), int(want.Gid))
	}
}
