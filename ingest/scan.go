package ingest

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// Extensions are the file kinds a folder scan picks up. Other files (notes,
// PDFs, pictures) are not submissions and are passed over.
var Extensions = []string{".xlsx", ".xlsm", ".xls", ".csv", ".tsv"}

// Scan lists the submission files under root, recursively, as slash paths
// relative to root, sorted. Office lock files (~$…) and hidden files are
// skipped. A root that is a symbolic link is followed; links inside it are
// not.
func Scan(root string) ([]string, error) {
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") || !isSubmission(name) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
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

// ReadDir reads every submission under root with a bounded pool of workers
// and reconciles them. The result is in Scan order whatever the number of
// workers (0 means one per CPU).
func (r *Reader) ReadDir(root string, workers int) ([]*Submission, error) {
	files, err := Scan(root)
	if err != nil {
		return nil, err
	}
	subs := r.ReadFiles(files, func(name string) string { return Locate(root, name) }, workers)
	r.Reconcile(subs)
	return subs, nil
}

// ReadBudget is the heap a run may use while it reads n files into a
// Records table and adds them up: a fixed 64 MiB for the files being read,
// the header memo and the report, plus 512 bytes per file, about twice
// what each file's record keeps. A caller that gives the collector this
// budget (debug.SetMemoryLimit, with the proportional collector off) holds
// memory flat however many files there are.
func ReadBudget(n int) int64 { return 64<<20 + int64(n)*512 }

// Locate is the path on disk of a name Scan listed under root.
func Locate(root, name string) string { return filepath.Join(root, filepath.FromSlash(name)) }

// ReadFiles reads the named files concurrently; locate maps a name to its
// path on disk. Results are in the order of names.
func (r *Reader) ReadFiles(names []string, locate func(string) string, workers int) []*Submission {
	subs := make([]*Submission, 0, len(names))
	r.ReadEach(names, locate, workers, func(s *Submission) { subs = append(subs, s) })
	return subs
}

// ReadEach reads the named files with a bounded pool of workers (0 means
// one per CPU) and calls yield with each submission in the order of names,
// whatever the number of workers, from the calling goroutine. At most a few
// files per worker are read ahead of the one yield waits for, so a run holds
// only what yield keeps.
func (r *Reader) ReadEach(names []string, locate func(string) string, workers int, yield func(*Submission)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := 4 * workers
	// Index i is handed out only once index i-window has been yielded, so
	// slot i%window is free when i's result arrives.
	slots := make([]chan *Submission, window)
	for k := range slots {
		slots[k] = make(chan *Submission, 1)
	}
	jobs, tokens := make(chan int), make(chan struct{}, window)
	go func() {
		for i := range names {
			tokens <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				slots[i%window] <- r.readBounded(locate(names[i]), names[i])
			}
		}()
	}
	for i := range names {
		s := <-slots[i%window]
		<-tokens
		if r.Progress != nil {
			r.Progress(i+1, len(names))
		}
		yield(s)
	}
}

// readBounded reads one file but gives up after Limits.Time: a file that
// makes a reader loop is reported as READ_TIMEOUT and the run goes on. The
// abandoned read finishes (or not) in the background.
func (r *Reader) readBounded(path, name string) *Submission {
	if r.Limits.Time <= 0 {
		return r.ReadFile(path, name)
	}
	done := make(chan *Submission, 1)
	go func() { done <- r.ReadFile(path, name) }()
	timer := time.NewTimer(r.Limits.Time)
	defer timer.Stop()
	select {
	case s := <-done:
		return s
	case <-timer.C:
		s := &Submission{File: name}
		s.fail(&CellError{File: name, Err: fmt.Errorf("%w（超过%v）", ErrTimeout, r.Limits.Time)})
		return s
	}
}
