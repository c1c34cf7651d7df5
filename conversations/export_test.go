package conversations

// NewMemStoreForTest gives the external tests (the store contract) the
// in-memory double the dialogue and desk tests use.
func NewMemStoreForTest() interface {
	EngineStore
	DeskStore
	StepStore
} {
	return newMemStore()
}
