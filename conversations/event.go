package conversations

import (
	"context"
	"log/slog"
	"time"
)

// EventKind is the kind of a provider's input, as a transport parsed it.
type EventKind string

const (
	EvCommand     EventKind = "command"     // /start, /refund... (Command, Args)
	EvText        EventKind = "text"        // free text (Text)
	EvCallback    EventKind = "callback"    // an inline button (Data, CallbackID, MessageID)
	EvContact     EventKind = "contact"     // a shared contact (Contact)
	EvFile        EventKind = "file"        // a photo or a document (File, or Fetch to download it)
	EvUnsupported EventKind = "unsupported" // voice, video, sticker, location... (Text names the kind)
)

// Event is one input of a provider to the dialogue. Transports build it;
// the dialogue never sees an SDK type.
type Event struct {
	Kind EventKind
	// Source and UpdateID name the saved inbound update this event came
	// from; the dialogue marks it handled in the same transaction as the
	// step, so a replay after a crash cannot apply a step twice.
	Source   Transport
	UpdateID int64
	ChatID   int64
	UserID   int64
	At       time.Time
	// LanguageCode is the Telegram client's language, a hint for new users.
	LanguageCode string

	Command string // without "/" and "@botname", lower-case
	Args    string
	Text    string

	Data       string // callback data
	CallbackID string
	MessageID  int // the message the button belongs to

	Contact *Contact
	File    *Evidence // Kind photo or document, SHA256 set, file saved
	// Fetch, when set on an EvFile without File, downloads the file into
	// the evidence directory. The dialogue calls it only when a case asks
	// for the file (a linked provider at a step that takes evidence), with
	// the bytes the provider may still store today; a transport never
	// downloads on its own.
	Fetch FileFetcher
	// FileError is set instead of File when the file could not be taken
	// (too big, wrong type); the dialogue explains.
	FileError FileError
}

// FileFetcher downloads an event's file, taking at most budget bytes. It
// returns the stored piece, or why not (FileTooBig, FileOverQuota when
// the file is bigger than budget, FileFailed).
type FileFetcher func(ctx context.Context, budget int64) (*Evidence, FileError)

// FileError says why a file was not taken.
type FileError string

const (
	FileOK        FileError = ""
	FileTooBig    FileError = "too_big"
	FileWrongType FileError = "wrong_type"
	FileFailed    FileError = "failed" // download failed; ask to send again
	// FileOverQuota: the provider's files today would pass
	// policy.evidence.max_mb_per_provider_per_day; nothing was downloaded.
	FileOverQuota FileError = "over_quota"
)

// Contact is a shared contact.
type Contact struct {
	Phone     string
	UserID    int64 // the contact's Telegram user, 0 if none
	Forwarded bool
}

// Result is what handling one event produced beyond the outbox records
// committed with it.
type Result struct {
	// CallbackText answers a callback query (at most 200 characters); a
	// callback is always answered, with "" when there is nothing to say.
	CallbackText  string
	CallbackAlert bool
}

// Dialogue handles provider events. Replies are committed to the outbox
// with the new session in one transaction before Handle returns, and an
// event that names its inbound update (Source, UpdateID) has that update
// marked handled in the same transaction: a nil error means it is marked.
type Dialogue interface {
	Handle(ctx context.Context, ev Event) (Result, error)
}

// Desk is what the agents' transport calls. Every method checks the
// policy (who may decide, thresholds) and commits through Store.Decide.
type Desk interface {
	// ApproveAll approves every lead of a case.
	ApproveAll(ctx context.Context, caseID, agent string, at time.Time) (Case, error)
	// ApproveSome approves the given leads and refuses the others.
	ApproveSome(ctx context.Context, caseID, agent string, leads []string, note string, at time.Time) (Case, error)
	// Reject refuses every lead with a catalogue reason and a note.
	Reject(ctx context.Context, caseID, agent, reason, note string, at time.Time) (Case, error)
	// Ask sends the provider a question and waits for the answer.
	Ask(ctx context.Context, caseID, agent, question string, at time.Time) (Case, error)
	// CanDecide reports whether agent is an approver.
	CanDecide(agent string) bool
}

// Clock gives the time; tests and stories inject a fake one.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// defaults fills the options every service shares: the system clock, UTC,
// a discarding logger; the logger gets the service's component.
func defaults(c Clock, loc *time.Location, log *slog.Logger, component string) (Clock, *time.Location, *slog.Logger) {
	if c == nil {
		c = SystemClock{}
	}
	if loc == nil {
		loc = time.UTC
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return c, loc, log.With("component", component)
}
