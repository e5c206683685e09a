package desk

import (
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"jianbao/templates"
)

// BenchmarkUploadsAtOnce is every unit uploading five files of 8 MB at
// the same moment, over loopback, with the desk's bound on the uploads
// read and checked at once and without it. It reports the largest heap
// seen during a burst (peak-heap-MB). Without the bound it takes some
// 2.6 GB, so that case runs only with JIANBAO_BENCH_UNBOUNDED=1.
func BenchmarkUploadsAtOnce(b *testing.B) {
	const fileBytes = 8 << 20
	for _, bb := range []struct {
		name   string
		places int
		bytes  int64
	}{{"bounded", maxUploadsAtOnce, uploadBytesAtOnce}, {"unbounded", 1 << 10, 1 << 40}} {
		b.Run(bb.name, func(b *testing.B) {
			if bb.name == "unbounded" && os.Getenv("JIANBAO_BENCH_UNBOUNDED") == "" {
				b.Skip("takes some 2.6 GB of memory; set JIANBAO_BENCH_UNBOUNDED=1 to run it")
			}
			cfg := templates.Default()
			cfg.Checks.MaxFileBytes = fileBytes
			d := newTestDesk(b, cfg)
			d.srv.uploads = newUploadGate(bb.places, bb.bytes)
			units := unitNames(cfg)
			clients := map[string]*http.Client{}
			for _, u := range units {
				clients[u] = d.login(u)
			}
			var peak uint64
			b.ReportAllocs()
			for b.Loop() {
				stop := watchHeap(&peak)
				var wg sync.WaitGroup
				for _, u := range units {
					wg.Go(func() {
						if code := sendLarge(d, clients[u], u, fileBytes); code != http.StatusOK {
							b.Errorf("%s: status %d", u, code)
						}
					})
				}
				wg.Wait()
				stop()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// sendLarge uploads five sheets of unit u padded to n bytes each, the
// form written as it is sent, and returns the status.
func sendLarge(d *testDesk, c *http.Client, u string, n int) int {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("month", "2018-10")
		pad := strings.Repeat(" ", 64<<10)
		for i := range 5 {
			fw, _ := mw.CreateFormFile("file", u+string(rune('a'+i))+".csv")
			text := strings.Replace(goodSheet, "青秀区", u, 1)
			_, _ = io.WriteString(fw, text)
			for k := len(text); k+len(pad) <= n; k += len(pad) {
				_, _ = io.WriteString(fw, pad)
			}
		}
		_ = mw.Close()
		_ = pw.Close()
	}()
	req, _ := http.NewRequest("POST", d.ts.URL+"/unit/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}

// watchHeap keeps in *peak the largest heap seen until stop is called.
func watchHeap(peak *uint64) (stop func()) {
	done, over := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(over)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-over }
}
