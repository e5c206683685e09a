package desk

import "context"

// maxUploadsAtOnce is the most uploads read and checked at once. Each may
// hold up to five times the file limit in memory (maxUploadTotal), so the
// uploads beyond these wait their turn rather than exhaust the machine's
// memory; a burst of them is still all taken, a few at a time.
const maxUploadsAtOnce = 4

// uploadGate lets a bounded number of uploads in at once.
type uploadGate struct {
	places chan struct{}
	// waiting and entered, when set, are called as an upload begins to
	// wait for its turn and as it is let in; for the tests.
	waiting, entered func()
}

func newUploadGate(n int) *uploadGate {
	return &uploadGate{places: make(chan struct{}, n)}
}

// enter waits for a place, and says whether it got one before ctx ended.
func (g *uploadGate) enter(ctx context.Context) bool {
	select {
	case g.places <- struct{}{}:
	default:
		if g.waiting != nil {
			g.waiting()
		}
		select {
		case g.places <- struct{}{}:
		case <-ctx.Done():
			return false
		}
	}
	if g.entered != nil {
		g.entered()
	}
	return true
}

// leave gives the place back.
func (g *uploadGate) leave() { <-g.places }
