package desk

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/crypto/bcrypt"

	"jianbao/problem"
	"jianbao/templates"
)

// LoginMark is in the desk's login page: a program that finds it at an
// address knows a desk serves there.
const LoginMark = "<title>登录 - 报表收集台</title>"

// DefaultAddr serves this machine only; an office opens the desk to its
// LAN by giving an address such as 0.0.0.0:8080.
const DefaultAddr = "127.0.0.1:8080"

// Options say how to run the desk.
type Options struct {
	Data   string            // the data folder
	Config *templates.Config // units, metrics and checks, as for the command line
	Addr   string            // where to listen; DefaultAddr when empty
	// CertFile and KeyFile, when both are set, serve HTTPS with the
	// office's certificate.
	CertFile, KeyFile string
	// Ready, when set, is called with the address served once the desk
	// listens.
	Ready func(url string)
	// Narrative is the briefing's text template (templates.Briefing); the
	// program's own when empty. Version is the program's version. The
	// desk's briefings are made with them, as the command line's are.
	Narrative, Version string
	// Now is the desk's clock; time.Now when nil.
	Now func() time.Time
	// Open, when set, is called once the desk listens with the address at
	// which this machine's browser reaches it, to open it there. The
	// package itself never starts a process.
	Open func(url string)
}

// Init creates the data folder dir for the units of cfg and returns the
// first password of each account: one per unit, and one for the office.
func Init(dir string, cfg *templates.Config) ([]FirstPassword, error) {
	return createStore(dir, unitNames(cfg), bcrypt.DefaultCost, time.Now())
}

func unitNames(cfg *templates.Config) []string {
	var out []string
	for _, u := range cfg.Units {
		out = append(out, u.Name)
	}
	return out
}

// Run serves the desk until ctx ends.
func Run(ctx context.Context, o Options) error {
	if (o.CertFile == "") != (o.KeyFile == "") {
		return ErrTLS
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	// The folder is this desk's alone before anything in it is tidied.
	lock, err := lockDesk(o.Data)
	if err != nil {
		return err
	}
	defer lock.Close()
	st, err := openStore(o.Data, now)
	if err != nil {
		return err
	}
	defer st.close()
	if err := st.checkUnits(o.Config); err != nil {
		return err
	}
	if err := sweepPartial(o.Data); err != nil {
		return err
	}
	addr := o.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &problem.Error{Value: addr, Err: problem.Wrap(ErrListen, err)}
	}
	srv := httpServer(o.server(st).handler())
	scheme := "http"
	if o.CertFile != "" {
		scheme = "https"
	}
	if o.Ready != nil {
		o.Ready(scheme + "://" + ln.Addr().String() + "/")
	}
	done := make(chan error, 1)
	go func() {
		if o.CertFile != "" {
			done <- srv.ServeTLS(ln, o.CertFile, o.KeyFile)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	if o.Open != nil {
		o.Open(localURL(scheme, ln.Addr()))
	}
	select {
	case err = <-done:
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = srv.Shutdown(shut)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return &problem.Error{Value: addr, Err: problem.Wrap(ErrListen, err)}
	}
	return nil
}

// httpServer serves handler h with limits on how long a request and its
// answer may take and how large a request's headers may be. An answer
// has ten minutes, from the end of its request's headers: enough for an
// upload and its checks, or the largest download (a year's sheets, a
// month's originals) over an office's LAN, and no connection is held
// for ever by a reader that stops reading. No browser sends 64 KB of
// headers.
func httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// server is the desk's server of st with the options' briefing text and
// version.
func (o Options) server(st *store) *server {
	s := newServer(st, o.Config)
	if o.Narrative != "" {
		s.narrative = o.Narrative
	}
	s.version = o.Version
	return s
}

// localURL is the address at which this machine reaches a desk listening
// on addr: a desk open to the whole LAN (0.0.0.0, or :: as Go reports it,
// listening on both kinds of address) is reached on loopback.
func localURL(scheme string, addr net.Addr) string {
	host := addr.String()
	if ta, ok := addr.(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(ta.Port))
	}
	return scheme + "://" + host + "/"
}
