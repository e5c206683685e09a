package render

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes one file whole or not at all: write renders into a
// temporary file beside path, which is renamed over path only on success.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("创建输出目录：%w", err)
	}
	tmp, err := renderFileTemp(dir, filepath.Base(path), write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("写入 %s：%w", path, err)
	}
	return nil
}

// renderFileTemp writes into a new temporary file in dir and returns its
// path; on error the temporary file is removed.
func renderFileTemp(dir, name string, write func(io.Writer) error) (path string, err error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("%s：%w", name, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return "", fmt.Errorf("生成 %s：%w", name, err)
	}
	if err = f.Chmod(outputMode); err != nil {
		return "", fmt.Errorf("%s：%w", name, err)
	}
	if err = f.Sync(); err != nil {
		return "", fmt.Errorf("%s：%w", name, err)
	}
	if err = f.Close(); err != nil {
		return "", fmt.Errorf("%s：%w", name, err)
	}
	return f.Name(), nil
}
