import Synchronization

/// A value built the first time it is asked for, once, whichever thread asks first.
///
/// The catalogue's per-language indexes are built this way: a run over Python files alone never
/// pays for the Swift index (about a tenth of a one-file check's instructions), and the other way
/// round.
final class BuiltOnFirstUse<Value: Sendable>: Sendable {
    private let build: @Sendable () -> Value
    private let built = Mutex<Value?>(nil)

    init(_ build: @escaping @Sendable () -> Value) { self.build = build }

    var value: Value {
        built.withLock { built in
            if let value = built { return value }
            let value = build()
            built = value
            return value
        }
    }
}
