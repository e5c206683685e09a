package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Extensions are the file kinds a folder scan picks up. Other files (notes,
// PDFs, pictures) are not submissions and are passed over.
var Extensions = []string{".xlsx", ".xlsm", ".xls", ".csv", ".tsv"}

// Scan lists the submission files under root, recursively, as slash paths
// relative to root, sorted. Office lock files (~$…) and hidden files and
// folders are skipped. A root that is a symbolic link is followed; a link
// inside it is listed by its own name, and reading it reads what it leads
// to if that is a regular file (links to folders are not walked into). A
// folder named like a spreadsheet is listed too, so that reading it says
// it is not one (its files are still listed). A folder inside root that
// cannot be listed does not stop the scan: it is listed as its path with a
// slash at the end, and ReadFile reports it.
func Scan(root string) ([]string, error) {
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	files, err := scanFS(os.DirFS(root))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = filepath.Join(root, filepath.FromSlash(pe.Path))
	}
	return files, err
}

// scanFS is Scan over the folder fsys.
func scanFS(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			// A folder that cannot be listed (no permission, as with
			// System Volume Information on a Windows drive) is listed
			// itself, so that its reading says so; the rest goes on.
			files = append(files, p+"/")
			return nil
		}
		name := d.Name()
		if p == "." {
			return nil
		}
		if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if isSubmission(name) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func isSubmission(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
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
		return r.unreadable(name, fmt.Errorf("%w（超过%v）", ErrTimeout, r.Limits.Time))
	}
}
