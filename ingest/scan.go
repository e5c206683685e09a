package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Folder is what a scan finds under a folder.
type Folder struct {
	// Files are the files to read or to list as not read, as slash paths
	// relative to the folder, sorted: spreadsheets, the files inside zip
	// archives (archive!inner), every other file (a document, a picture, a
	// .rar), and folders that could not be listed (ending in a slash).
	Files []string
	// Skipped is the number of files and folders passed over: Office lock
	// files (~$…), hidden files and folders (.git counts once), and files
	// the system keeps (Thumbs.db, desktop.ini), in archives too.
	Skipped int
}

// Scan lists the files under root, recursively, as ScanFolder does.
func Scan(root string) ([]string, error) {
	f, err := ScanFolder(root)
	return f.Files, err
}

// ScanFolder lists every file under root, recursively: each is to be read
// or listed with why it was not (see Folder). A zip archive is opened and
// the files inside it listed in its place, one level deep; an archive that
// cannot be opened, or holds nothing, is listed itself. A root that is a
// symbolic link is followed; a link inside it is listed by its own name,
// and reading it reads what it leads to if that is a regular file (links
// to folders are not walked into). A folder named like a spreadsheet is
// listed too, so that reading it says it is not one (its files are still
// listed). A folder inside root that cannot be listed does not stop the
// scan: it is listed as its path with a slash at the end, and ReadFile
// reports it.
func ScanFolder(root string) (Folder, error) {
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	f, err := scanFS(os.DirFS(root))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = filepath.Join(root, filepath.FromSlash(pe.Path))
	}
	return f, err
}

// scanFS is ScanFolder over the folder fsys.
func scanFS(fsys fs.FS) (Folder, error) {
	var out Folder
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			// A folder that cannot be listed (no permission, as with
			// System Volume Information on a Windows drive) is listed
			// itself, so that its reading says so; the rest goes on.
			out.Files = append(out.Files, p+"/")
			return nil
		}
		name := d.Name()
		if p == "." {
			return nil
		}
		if skipped(name) {
			out.Skipped++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir() && kindOf(name) != kindSheet:
		case kindOf(name) == kindZip:
			names, skip := scanZip(fsys, p)
			out.Files = append(out.Files, names...)
			out.Skipped += skip
		default:
			out.Files = append(out.Files, p)
		}
		return nil
	})
	sort.Strings(out.Files)
	return out, err
}

// Locate is the path on disk of a name Scan listed under root.
func Locate(root, name string) string { return filepath.Join(root, filepath.FromSlash(name)) }

// ReadFiles reads the named files concurrently; locate maps a name to its
// path on disk. Results are in the order of names.
func (r *Reader) ReadFiles(names []string, locate func(string) string, workers int) []*Submission {
	subs := make([]*Submission, len(names))
	r.ReadEach(names, locate, workers, func(i int, s *Submission) { subs[i] = s })
	return subs
}

// ReadEach reads the named files with a bounded pool of workers (0 means
// one per CPU) and calls yield with each submission and its index in names
// as soon as it is read, from the calling goroutine, so that calls never
// overlap. The order of the calls depends on how long each file takes: a
// caller that needs the order of names places each result by its index
// (Records.Set does). A file that is slow to read holds up only the worker
// reading it, and while yield runs at most 2×workers+1 files are taken, so
// a run holds only what yield keeps.
func (r *Reader) ReadEach(names []string, locate func(string) string, workers int, yield func(i int, s *Submission)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		i int
		s *Submission
	}
	jobs, results := make(chan int), make(chan result, workers)
	budget := newMemoryBudget(r.memory())
	go func() {
		for i := range names {
			jobs <- i
		}
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- result{i, r.readBounded(locate(names[i]), names[i], budget)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	done := 0
	for res := range results {
		done++
		if r.Progress != nil {
			r.Progress(done, len(names))
		}
		yield(res.i, res.s)
	}
}

// readBounded reads one file within the shared memory budget, and gives up
// after Limits.Time: a file that makes a reader loop is reported as
// READ_TIMEOUT and the run goes on. The abandoned read is told to stop, and
// keeps its share of the budget until it has.
func (r *Reader) readBounded(path, name string, budget *memoryBudget) *Submission {
	read := r.readFileUntil
	if r.readFile != nil {
		read = r.readFile
	}
	share := budget.take(r.expectedMemory(path))
	if r.Limits.Time <= 0 {
		defer budget.give(share)
		return read(path, name, nil)
	}
	done, stop := make(chan *Submission, 1), make(chan struct{})
	go func() {
		defer budget.give(share)
		done <- read(path, name, stop)
	}()
	timer := time.NewTimer(r.Limits.Time)
	defer timer.Stop()
	select {
	case s := <-done:
		return s
	case <-timer.C:
		close(stop)
		return r.unreadable(name, fmt.Errorf("%w（超过%s）", ErrTimeout, seconds(r.Limits.Time)))
	}
}
