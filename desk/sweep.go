package desk

import (
	"os"
	"path/filepath"
	"strings"
)

// sweepPartial removes the partial files that a desk killed while writing
// an original leaves in files/: an original is written to a temporary file
// beside it (.NAME.tmp-…, see render.WriteFileAtomic) and only renamed into
// place whole, so such a file is never an original, and no version names
// it. Run calls it before serving, when no write can be under way.
func sweepPartial(dir string) error {
	shards, err := os.ReadDir(filepath.Join(dir, filesName))
	if err != nil {
		return storeErr(dir, err)
	}
	for _, sh := range shards {
		if !sh.IsDir() {
			continue
		}
		shard := filepath.Join(dir, filesName, sh.Name())
		es, err := os.ReadDir(shard)
		if err != nil {
			return storeErr(dir, err)
		}
		for _, e := range es {
			if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-") {
				if err := os.Remove(filepath.Join(shard, n)); err != nil {
					return storeErr(dir, err)
				}
			}
		}
	}
	return nil
}
