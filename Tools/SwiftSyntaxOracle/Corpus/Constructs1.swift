// Constructs the real corpus rarely uses: each line is checked against swift-syntax.
import Foundation
@_exported import struct NIOCore.ByteBuffer

precedencegroup PowerPrecedence { higherThan: MultiplicationPrecedence associativity: right }
infix operator **: PowerPrecedence
prefix operator √
func ** (lhs: Double, rhs: Double) -> Double { pow(lhs, rhs) }
prefix func √ (x: Double) -> Double { sqrt(x) }
func ==<T: Equatable>(a: Box<T>, b: Box<T>) -> Bool { a.v == b.v }

@propertyWrapper struct Clamped<V: Comparable> {
    var wrappedValue: V { get { value } set { value = min(max(newValue, range.lowerBound), range.upperBound) } }
    private var value: V
    let range: ClosedRange<V>
    init(wrappedValue: V, _ range: ClosedRange<V>) { self.value = wrappedValue; self.range = range }
}

struct Settings {
    @Clamped(0...10) var level = 5
    @Clamped(wrappedValue: 1, make(0)...make(3)) var other: Int
    @available(macOS 13, *) @MainActor var ui: Int { 1 }
    lazy var cache: [String: Int] = { [:] }()
    var observed: Int = compute() {
        willSet(new) { log("will \(new)") }
        didSet { log("did \(oldValue) → \(observed)") }
    }
    static var shared: Settings { Settings(other: 2) }
    subscript<K: Hashable>(key key: K, default value: @autoclosure () -> Int) -> Int {
        get { value() }
        nonmutating set { store(newValue) }
    }
    subscript(i: Int) -> Int { i * 2 }
}

actor Counter {
    private(set) var count = 0
    nonisolated let id = UUID()
    func increment() async -> Int { count += 1; return count }
    nonisolated func describe() -> String { "\(id)" }
    var snapshot: Int { get async throws { try await Task.sleep(for: .seconds(1)); return count } }
    isolated deinit { cleanup() }
}

enum Shape: Sendable {
    case circle(radius: Double = defaultRadius()), square(Double)
    indirect case group([Shape], name: String = "g")
    case unit
    var area: Double {
        switch self {
        case .circle(let r): return .pi * r * r
        case let .square(s) where s > 0: return s * s
        case .square: return 0
        case .group(let shapes, _): return shapes.reduce(0) { $0 + $1.area }
        case .unit: fallthrough
        @unknown default: return 0
        }
    }
}

protocol Repository<Entity>: AnyObject where Entity: Identifiable {
    associatedtype Entity
    associatedtype ID = Entity.ID
    func find(_ id: ID) async throws(RepoError) -> Entity?
    var all: [Entity] { get async throws }
    init(connection: some Connection)
    static func make() -> Self
}

extension Repository where Self: Sendable, Entity.ID == Int {
    func first() async -> Entity? { try? await find(1) }
}

struct FileDescriptor: ~Copyable {
    let raw: Int32
    consuming func close() { _ = consume self }
    borrowing func read(into buffer: inout [UInt8]) throws -> Int { try sysRead(raw, &buffer) }
    deinit { sysClose(raw) }
}

func packs<each T: Sendable>(_ values: repeat each T) -> (repeat each T) {
    repeat print(each values)
    return (repeat each values)
}

func sendingValue(_ x: sending NonSendable) async -> sending NonSendable { await process(x) }
