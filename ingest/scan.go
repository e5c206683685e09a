package ingest

import (
	"fmt"
	"io/fs"
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
	subs := r.ReadFiles(files, func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }, workers)
	r.Reconcile(subs)
	return subs, nil
}

// ReadFiles reads the named files concurrently; locate maps a name to its
// path on disk. Results are in the order of names.
func (r *Reader) ReadFiles(names []string, locate func(string) string, workers int) []*Submission {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	subs := make([]*Submission, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				subs[i] = r.readBounded(locate(names[i]), names[i])
				if r.Progress != nil {
					mu.Lock()
					done++
					r.Progress(done, len(names))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return subs
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
