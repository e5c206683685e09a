package desk

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// maxUploadsAtOnce is the most uploads read and checked at once, and
// uploadBytesAtOnce the most bytes of their requests together: an upload
// being checked holds a few times its bytes in memory, so the uploads
// beyond these wait their turn rather than exhaust the machine's memory,
// and a burst of them is still all taken, a few at a time.
const (
	maxUploadsAtOnce  = 4
	uploadBytesAtOnce = 128 << 20
)

// uploadFraming is the room an upload's request is given beyond its files:
// the form's other fields and the multipart framing.
const uploadFraming = 64 << 10

// uploadGate lets a bounded number of uploads, of a bounded size together,
// in at once, and one of each unit's at a time: a unit that sends slowly
// holds one place at the most, never all of them.
type uploadGate struct {
	mu     sync.Mutex
	units  map[string]chan struct{} // each unit's one place
	places chan struct{}
	bytes  *semaphore.Weighted
	budget int64
	// waiting and entered, when set, are called as an upload begins to
	// wait for its turn and as it is let in; for the tests.
	waiting, entered func()
}

func newUploadGate(n int, budget int64) *uploadGate {
	return &uploadGate{units: map[string]chan struct{}{}, places: make(chan struct{}, n),
		bytes: semaphore.NewWeighted(budget), budget: budget}
}

// unit is the place of unit's uploads.
func (g *uploadGate) unit(name string) chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.units[name]
	if c == nil {
		c = make(chan struct{}, 1)
		g.units[name] = c
	}
	return c
}

// enterAs waits for unit's turn, then as enter; leaveAs gives both back.
func (g *uploadGate) enterAs(ctx context.Context, unit string, size int64) bool {
	own := g.unit(unit)
	select {
	case own <- struct{}{}:
	default:
		g.wait()
		select {
		case own <- struct{}{}:
		case <-ctx.Done():
			return false
		}
	}
	if !g.enter(ctx, size) {
		<-own
		return false
	}
	return true
}

func (g *uploadGate) leaveAs(unit string, size int64) {
	g.leave(size)
	<-g.unit(unit)
}

// weight is what an upload of size bytes takes of the gate's budget: a
// request larger than the budget takes all of it, and goes in alone.
func (g *uploadGate) weight(size int64) int64 {
	return max(1, min(size, g.budget))
}

// enter waits for a place and for size bytes of the budget, and says
// whether it got them before ctx ended; leave(size) gives them back.
func (g *uploadGate) enter(ctx context.Context, size int64) bool {
	select {
	case g.places <- struct{}{}:
		if !g.bytes.TryAcquire(g.weight(size)) {
			g.wait()
			if g.bytes.Acquire(ctx, g.weight(size)) != nil {
				<-g.places
				return false
			}
		}
	default:
		g.wait()
		select {
		case g.places <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		if g.bytes.Acquire(ctx, g.weight(size)) != nil {
			<-g.places
			return false
		}
	}
	if g.entered != nil {
		g.entered()
	}
	return true
}

func (g *uploadGate) wait() {
	if g.waiting != nil {
		g.waiting()
	}
}

// leave gives back the place and the bytes an upload of size took.
func (g *uploadGate) leave(size int64) {
	g.bytes.Release(g.weight(size))
	<-g.places
}
