// Package etcdtest runs real etcd clusters for tests: members of Debian's
// etcd-server (3.4, the oldest server the etcd store supports) in child
// processes on 127.0.0.1, with their data in a directory the test owns,
// so that a test can kill one (SIGKILL) and start it again.
//
// Without the etcd binary, tests skip, unless REFUNDBOT_ETCD_TESTS=1 (CI
// sets it and installs etcd-server), when they fail. REFUNDBOT_ETCD names
// another binary.
package etcdtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// member is one etcd child process.
type Member struct {
	Name, URL, peer, dir string
	cmd                  *exec.Cmd
	cluster              string
}

// cluster is a running etcd cluster of the tests.
type Cluster struct {
	Members []*Member
}

// freePort asks the kernel for an unused port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// etcdBinary finds etcd, or says why not.
func Binary() (string, error) {
	if p := os.Getenv("REFUNDBOT_ETCD"); p != "" {
		return p, nil
	}
	return exec.LookPath("etcd")
}

// startCluster starts n members under dir and waits until the cluster
// answers.
func Start(dir string, n int) (*Cluster, error) {
	bin, err := Binary()
	if err != nil {
		return nil, fmt.Errorf("no etcd binary (apt-get install etcd-server): %w", err)
	}
	c := &Cluster{}
	var initial []string
	for i := range n {
		cp, err := freePort()
		if err != nil {
			return nil, err
		}
		pp, err := freePort()
		if err != nil {
			return nil, err
		}
		m := &Member{Name: fmt.Sprintf("m%d", i), URL: fmt.Sprintf("http://127.0.0.1:%d", cp),
			peer: fmt.Sprintf("http://127.0.0.1:%d", pp), dir: filepath.Join(dir, fmt.Sprintf("m%d", i))}
		c.Members = append(c.Members, m)
		initial = append(initial, m.Name+"="+m.peer)
	}
	for _, m := range c.Members {
		m.cluster = strings.Join(initial, ",")
		if err := m.Start(bin, "new"); err != nil {
			c.Stop()
			return nil, err
		}
	}
	cli, err := c.Client()
	if err != nil {
		c.Stop()
		return nil, err
	}
	defer cli.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := cli.Put(ctx, "ready", "1")
		cancel()
		if err == nil {
			return c, nil
		}
		if time.Now().After(deadline) {
			c.Stop()
			return nil, fmt.Errorf("etcd cluster not ready: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (m *Member) Start(bin, state string) error {
	m.cmd = exec.Command(bin,
		"--name", m.Name, "--data-dir", m.dir,
		"--listen-client-urls", m.URL, "--advertise-client-urls", m.URL,
		"--listen-peer-urls", m.peer, "--initial-advertise-peer-urls", m.peer,
		"--initial-cluster", m.cluster, "--initial-cluster-state", state,
		"--initial-cluster-token", "refundbot-test",
		"--heartbeat-interval", "50", "--election-timeout", "500",
		"--log-level", "error", "--logger", "zap")
	m.cmd.Stdout, m.cmd.Stderr = nil, nil
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := m.cmd.Start(); err != nil {
		return fmt.Errorf("start etcd %s: %w", m.Name, err)
	}
	return nil
}

// kill stops a member at once (SIGKILL) and waits for it.
func (m *Member) Kill() {
	if m.cmd != nil && m.cmd.Process != nil {
		_ = m.cmd.Process.Kill()
		_ = m.cmd.Wait()
	}
}

func (c *Cluster) Stop() {
	for _, m := range c.Members {
		m.Kill()
	}
}

func (c *Cluster) Endpoints() []string {
	var eps []string
	for _, m := range c.Members {
		eps = append(eps, m.URL)
	}
	return eps
}

func (c *Cluster) Client() (*clientv3.Client, error) { return Client(c.Endpoints()...) }

func Client(endpoints ...string) (*clientv3.Client, error) {
	return clientv3.New(clientv3.Config{Endpoints: endpoints, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
}

// Need skips tb, or fails it with REFUNDBOT_ETCD_TESTS=1, when err (the
// reason there is no cluster) is not nil.
func Need(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if os.Getenv("REFUNDBOT_ETCD_TESTS") == "1" {
		tb.Fatalf("etcd cluster: %v", err)
	}
	tb.Skipf("etcd cluster: %v", err)
}
