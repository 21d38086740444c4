import Testing
import LightSyntax
@testable import Analysis

/// Builds Swift-shaped trees by hand, exactly as Sources/LightSyntax/README.md documents them, so
/// that the checker is tested against the contract independently of the parser.
struct SwiftTreeSketch {
    var tree: SyntaxTree

    init() {
        tree = SyntaxTree(language: .swift, lineMap: LineMap(source: Array("x\n".utf8)))
        tree.makeNode(.module, start: 0, end: 1)
    }

    mutating func node(_ kind: NodeKind, _ name: String? = nil, detail: String? = nil, flags: NodeFlags = [],
                       _ children: [NodeID] = []) -> NodeID {
        let nameSymbol = name.map { tree.symbols.intern($0) } ?? .none
        let detailSymbol = detail.map { tree.symbols.intern($0) } ?? .none
        let id = tree.makeNode(kind, flags: flags, name: nameSymbol, detail: detailSymbol, start: 0, end: 1)
        for child in children { tree.appendChild(child, to: id) }
        return id
    }

    /// A node without a name.
    mutating func node(_ kind: NodeKind, detail: String? = nil, flags: NodeFlags = [], _ children: [NodeID]) -> NodeID {
        node(kind, nil, detail: detail, flags: flags, children)
    }

    mutating func name(_ text: String) -> NodeID { node(.name, text) }

    /// `base.member` (or a plain name when `base` is nil).
    mutating func member(_ base: NodeID, _ member: String) -> NodeID { node(.member, member, [base]) }

    mutating func call(_ callee: NodeID, _ arguments: [(String?, NodeID)] = [], trailing: NodeID? = nil) -> NodeID {
        var children = [callee]
        for (label, value) in arguments { children.append(node(.argument, label, [value])) }
        if let trailing { children.append(node(.argument, flags: .trailingClosure, [trailing])) }
        return node(.call, children)
    }

    mutating func statement(_ expression: NodeID) -> NodeID { node(.expressionStatement, [expression]) }

    mutating func block(_ statements: [NodeID]) -> NodeID { node(.block, statements) }

    mutating func closure(async: Bool = false, _ statements: [NodeID]) -> NodeID {
        node(.closure, flags: async ? .isAsync : [], [block(statements)])
    }

    mutating func function(_ name: String, async: Bool = false, parameters: [NodeID] = [], _ statements: [NodeID]) -> NodeID {
        node(.function, name, detail: "func", flags: async ? .isAsync : [], parameters + [block(statements)])
    }

    mutating func literal() -> NodeID { node(.literal, []) }

    mutating func finish(_ topLevel: [NodeID]) -> SyntaxTree {
        for statement in topLevel { tree.appendChild(statement, to: tree.root) }
        return tree
    }

    static func codes(_ tree: SyntaxTree) -> [String] {
        FileChecker.check(tree, path: "sketch.swift", catalogue: .embedded).map(\.code).sorted()
    }
}

@Suite struct SwiftCheckerTreeTests {
    /// `Thread.sleep(forTimeInterval: 1)` in a function, async or not.
    private func threadSleep(inAsyncFunction isAsync: Bool) -> [String] {
        var s = SwiftTreeSketch()
        let sleep = s.call(s.member(s.name("Thread"), "sleep"), [("forTimeInterval", s.literal())])
        let f = s.function("f", async: isAsync, [s.statement(sleep)])
        return SwiftTreeSketch.codes(s.finish([f]))
    }

    @Test func asyncFunctionsAreAsyncContexts() {
        #expect(threadSleep(inAsyncFunction: true) == ["AL101"])
        #expect(threadSleep(inAsyncFunction: false) == [])
    }

    @Test func labelsMustMatch() {
        var s = SwiftTreeSketch()
        let other = s.call(s.member(s.name("Thread"), "sleep"), [("for", s.literal())])
        let free = s.call(s.name("usleep"), [(nil, s.literal())])
        let labelledFree = s.call(s.name("sleep"), [("for", s.literal())])
        let f = s.function("f", async: true, [s.statement(other), s.statement(free), s.statement(labelledFree)])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL101"])
    }

    @Test func localInitializerGivesTheReceiverType() {
        var s = SwiftTreeSketch()
        let semaphore = s.call(s.name("DispatchSemaphore"), [("value", s.literal())])
        let binding = s.node(.binding, "s", detail: "let", [semaphore])
        let wait = s.statement(s.call(s.member(s.name("s"), "wait")))
        let unknownWait = s.statement(s.call(s.member(s.name("t"), "wait")))
        let f = s.function("f", async: true, [binding, wait, unknownWait])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL105"])
    }

    @Test func typedParameterGivesTheReceiverType() {
        var s = SwiftTreeSketch()
        let parameter = s.node(.parameter, "group", [s.node(.typeAnnotation, "DispatchGroup?")])
        let wait = s.statement(s.call(s.member(s.name("group"), "wait")))
        let f = s.function("f", async: true, parameters: [parameter], [wait])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL105"])
    }

    @Test func storedPropertyOfTheEnclosingType() {
        var s = SwiftTreeSketch()
        let property = s.node(.binding, "lock", detail: "let", [s.call(s.name("NSLock"))])
        let lock = s.statement(s.call(s.member(s.name("lock"), "lock")))
        let selfLock = s.statement(s.call(s.member(s.member(s.name("self"), "lock"), "lock")))
        let method = s.function("f", async: true, [lock, selfLock])
        let type = s.node(.typeDecl, "Counter", detail: "class", [s.block([method, property])])
        #expect(SwiftTreeSketch.codes(s.finish([type])) == ["AL105", "AL105"])
    }

    @Test func inlineClosuresInheritOffloadedAndStoredOnesDoNot() {
        var s = SwiftTreeSketch()
        var sleeps: [NodeID] = []
        for _ in 0..<4 { sleeps.append(s.statement(s.call(s.name("sleep"), [(nil, s.literal())]))) }
        let mapped = s.statement(s.call(s.member(s.name("items"), "map"), trailing: s.closure([sleeps[0]])))
        let global = s.call(s.member(s.name("DispatchQueue"), "global"))
        let offloaded = s.statement(s.call(s.member(global, "async"), trailing: s.closure([sleeps[1]])))
        let stored = s.node(.binding, "work", detail: "let", [s.closure([sleeps[2]])])
        let unknown = s.statement(s.call(s.name("register"), trailing: s.closure([sleeps[3]])))
        let f = s.function("f", async: true, [mapped, offloaded, stored, unknown])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL101"])
    }

    @Test func taskClosuresAreAsyncContexts() {
        var s = SwiftTreeSketch()
        let sleep = s.statement(s.call(s.name("sleep"), [(nil, s.literal())]))
        let task = s.statement(s.call(s.name("Task"), trailing: s.closure([sleep])))
        let f = s.function("f", [task])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL101"])
    }

    @Test func closureThatAwaitsIsAsync() {
        var s = SwiftTreeSketch()
        let sleep = s.statement(s.call(s.name("sleep"), [(nil, s.literal())]))
        let awaited = s.statement(s.node(.await, [s.call(s.name("g"))]))
        let registered = s.statement(s.call(s.name("register"), trailing: s.closure([awaited, sleep])))
        let f = s.function("f", [registered])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL101"])
    }

    /// `Task { try await g() }` as a statement: AL204 anywhere, AL201 too inside async code.
    private func throwingTask(inAsyncFunction isAsync: Bool, caught: Bool = false) -> [String] {
        var s = SwiftTreeSketch()
        let attempt = s.statement(s.node(.tryExpr, detail: "try", [s.node(.await, [s.call(s.name("g"))])]))
        let body: NodeID
        if caught {
            let clause = s.node(.opaque, detail: "catch", [s.block([])])
            body = s.node(.opaque, detail: "do", flags: .hasCatch, [s.block([attempt]), clause])
        } else {
            body = attempt
        }
        let task = s.statement(s.call(s.name("Task"), trailing: s.closure([body])))
        let f = s.function("f", async: isAsync, [task])
        return SwiftTreeSketch.codes(s.finish([f]))
    }

    @Test func discardedTasks() {
        #expect(throwingTask(inAsyncFunction: false) == ["AL204"])
        #expect(throwingTask(inAsyncFunction: true) == ["AL201", "AL204"])
        #expect(throwingTask(inAsyncFunction: false, caught: true) == [])
        #expect(throwingTask(inAsyncFunction: true, caught: true) == ["AL201"])
    }

    @Test func unreadAsyncLet() {
        var s = SwiftTreeSketch()
        let unread = s.node(.binding, "a", detail: "async let", flags: .asyncLet, [s.call(s.name("g"))])
        let read = s.node(.binding, "b", detail: "async let", flags: .asyncLet, [s.call(s.name("g"))])
        let wildcard = s.node(.binding, "_", detail: "async let", flags: .asyncLet, [s.call(s.name("g"))])
        let use = s.statement(s.node(.await, [s.name("b")]))
        let f = s.function("f", async: true, [unread, read, wildcard, use])
        #expect(SwiftTreeSketch.codes(s.finish([f])) == ["AL203", "AL203"])
    }

    @Test func filesWithoutAsyncMarksAreSkipped() {
        var s = SwiftTreeSketch()
        let sleep = s.statement(s.call(s.name("sleep"), [(nil, s.literal())]))
        let tree = s.finish([s.function("f", [sleep])])
        #expect(!SwiftChecker.mayContainAsyncCode(tree, catalogue: RuleCatalogue.embedded.swift))
    }
}
