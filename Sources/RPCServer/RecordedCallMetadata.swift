public import Wire
import Synchronization

/// The response metadata a handler set on a context made for a test
/// (`ServerContext.init(method:principal:...)`).
public final class RecordedCallMetadata: Sendable {
    private let state = Mutex<(initial: Metadata, trailing: Metadata)>(([:], [:]))

    public init() {}

    public var initial: Metadata { state.withLock { $0.initial } }
    public var trailing: Metadata { state.withLock { $0.trailing } }

    func setInitial(_ metadata: Metadata) {
        state.withLock { $0.initial = metadata }
    }

    func addTrailing(_ metadata: Metadata) {
        state.withLock { state in
            for (key, value) in metadata { state.trailing.add(key, value) }
        }
    }
}
