// Package atomicfile writes relgraph's output files and directories so that
// a reader, or a later run after a crash or kill, sees either the previous
// content or the new one, never half of it, and so that nothing relgraph did
// not write is replaced or deleted.
//
// # Files
//
// [WriteFile] writes a temporary file ".NAME.tmp-N" beside the target,
// syncs it and renames it over the target when complete. The target is the
// end of any chain of symbolic links, so a link stays a link and its target
// gets the new content. An existing file keeps its permission bits (and,
// where the process may set them, its owner and group); a new one is created
// with 0666 less the umask, as the shell's ">" would. Targets that are not
// regular files (/dev/null, a FIFO, a terminal) and the kernel's links to
// open files (/dev/stdout, /dev/fd/N) are written directly, never renamed
// onto: there is no previous content to keep.
//
// # Directories
//
// [WriteDir] writes a multi-file export. A directory that does not exist is
// written as a temporary sibling ".NAME.tmp-N" and renamed into place whole.
// Into a directory that exists, each file is written as a temporary file and
// all of them are renamed into place once every one is complete; files
// relgraph did not write are never touched. relgraph recognises a directory
// it wrote by its manifest, ".relgraph-manifest", which lists the files it
// wrote there: a file listed by the manifest that the new export no longer
// writes is removed, nothing else is. An existing directory that is neither
// empty nor has a manifest is refused ([ErrNotOwnDir]) unless
// [DirOptions].Force is set.
//
// # Signals
//
// Every temporary file and directory is recorded while it exists;
// [RemoveTemporaries] removes them all, for a signal handler to call before
// the process exits.
package atomicfile
