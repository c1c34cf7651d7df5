package app

import (
	"context"
	"fmt"
	"os"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/rockerstop/refundbot/bot"
	"github.com/rockerstop/refundbot/conversations"
	"github.com/rockerstop/refundbot/storage"
	"github.com/rockerstop/refundbot/storage/etcdstore"
)

// AppStore is what the application uses of its store: every consumer
// interface, plus verify, backup and close. *storage.DB (storage.backend:
// bbolt) and *etcdApp (etcd) are one.
type AppStore interface {
	conversations.EngineStore
	conversations.DeskStore
	conversations.StepStore
	conversations.JobStore
	conversations.RowStore
	conversations.ProviderStore
	conversations.WalletStore
	conversations.CaseStore
	conversations.SessionStore
	conversations.OutboxStore
	conversations.InboxStore
	conversations.EvidenceIndex
	conversations.EvidenceQuota
	conversations.AppealStore
	bot.SlotStore
	Verify(ctx context.Context) ([]string, error)
	Backup(ctx context.Context, path string) error
	Close() error
}

var (
	_ AppStore = (*storage.DB)(nil)
	_ AppStore = (*etcdApp)(nil)
)

// etcdApp is the etcd store with the client the application opened for
// it, and its verify (storage's checks on its records).
type etcdApp struct {
	*etcdstore.Store
	cli  *clientv3.Client
	etcd EtcdConfig
}

func (e *etcdApp) Verify(ctx context.Context) ([]string, error) { return VerifyEtcd(ctx, e.Store) }

func (e *etcdApp) Close() error { return e.cli.Close() }

// openBackend opens the store that storage.backend names.
func openBackend(ctx context.Context, cfg Config, d Deps) (AppStore, error) {
	if cfg.Storage.backend() != backendEtcd {
		db, err := openStore(cfg, d)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	st, cli, err := OpenEtcd(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &etcdApp{Store: st, cli: cli, etcd: cfg.Storage.Etcd}, nil
}

// leadership is how this replica takes part in electing the one that runs
// the singleton loops: on etcd an election with a lease of
// storage.etcd.lease_seconds (campaign runs it until ctx ends); on bbolt
// the lone process always leads (campaign is nil).
func (a *App) leadership() (lead bot.Leadership, campaign func(context.Context) error) {
	e, ok := a.Store.(*etcdApp)
	if !ok {
		return bot.Solo{}, nil
	}
	host, _ := os.Hostname()
	el := etcdstore.NewElector(e.cli, e.etcd.Prefix, fmt.Sprintf("%s/%d", host, os.Getpid()), e.etcd.LeaseSeconds, a.Log)
	return el, el.Run
}

// singletonPause is how long a singleton loop that failed while leading
// waits before it starts again.
const singletonPause = time.Second
