package etcdstore

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// The tests run a real etcd cluster: three members of Debian's etcd-server
// (3.4, the oldest server this package supports) in child processes on
// 127.0.0.1, data in a temporary directory, so that a test can kill one.
// Without the etcd binary the tests skip, unless REFUNDBOT_ETCD_TESTS=1
// (CI sets it and installs etcd-server), when they fail.

// member is one etcd child process.
type member struct {
	name, client, peer, dir string
	cmd                     *exec.Cmd
	cluster                 string
}

// cluster is a running etcd cluster of the tests.
type cluster struct {
	members []*member
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
func etcdBinary() (string, error) {
	if p := os.Getenv("REFUNDBOT_ETCD"); p != "" {
		return p, nil
	}
	return exec.LookPath("etcd")
}

// startCluster starts n members under dir and waits until the cluster
// answers.
func startCluster(dir string, n int) (*cluster, error) {
	bin, err := etcdBinary()
	if err != nil {
		return nil, fmt.Errorf("no etcd binary (apt-get install etcd-server): %w", err)
	}
	c := &cluster{}
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
		m := &member{name: fmt.Sprintf("m%d", i), client: fmt.Sprintf("http://127.0.0.1:%d", cp),
			peer: fmt.Sprintf("http://127.0.0.1:%d", pp), dir: filepath.Join(dir, fmt.Sprintf("m%d", i))}
		c.members = append(c.members, m)
		initial = append(initial, m.name+"="+m.peer)
	}
	for _, m := range c.members {
		m.cluster = strings.Join(initial, ",")
		if err := m.start(bin, "new"); err != nil {
			c.stop()
			return nil, err
		}
	}
	cli, err := c.client()
	if err != nil {
		c.stop()
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
			c.stop()
			return nil, fmt.Errorf("etcd cluster not ready: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (m *member) start(bin, state string) error {
	m.cmd = exec.Command(bin,
		"--name", m.name, "--data-dir", m.dir,
		"--listen-client-urls", m.client, "--advertise-client-urls", m.client,
		"--listen-peer-urls", m.peer, "--initial-advertise-peer-urls", m.peer,
		"--initial-cluster", m.cluster, "--initial-cluster-state", state,
		"--initial-cluster-token", "refundbot-test",
		"--heartbeat-interval", "50", "--election-timeout", "500",
		"--log-level", "error", "--logger", "zap")
	m.cmd.Stdout, m.cmd.Stderr = nil, nil
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := m.cmd.Start(); err != nil {
		return fmt.Errorf("start etcd %s: %w", m.name, err)
	}
	return nil
}

// kill stops a member at once (SIGKILL) and waits for it.
func (m *member) kill() {
	if m.cmd != nil && m.cmd.Process != nil {
		_ = m.cmd.Process.Kill()
		_ = m.cmd.Wait()
	}
}

func (c *cluster) stop() {
	for _, m := range c.members {
		m.kill()
	}
}

func (c *cluster) endpoints() []string {
	var eps []string
	for _, m := range c.members {
		eps = append(eps, m.client)
	}
	return eps
}

func (c *cluster) client() (*clientv3.Client, error) { return clientFor(c.endpoints()...) }

func clientFor(endpoints ...string) (*clientv3.Client, error) {
	return clientv3.New(clientv3.Config{Endpoints: endpoints, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
}
