import Testing
import LightSyntax
import AsyncLint
@testable import Analysis

/// The Swift checker through the real parser: messages, ranges and the choices the fixtures
/// cannot show (they compare codes and lines only).
@Suite struct SwiftCheckerTests {
    private func findings(_ source: String) -> [Finding] {
        let tree = FrontEnds.parse(Array(source.utf8), language: .swift)
        return FileChecker.check(tree, path: "t.swift", catalogue: .embedded)
    }

    @Test func findingCoversTheCallAndNamesTheAlternative() throws {
        let found = findings("func f() async {\n    let x = 1; Thread.sleep(forTimeInterval: 1)\n}\n")
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.code == "AL101" && finding.language == .swift)
        #expect(finding.range.start == SourceLocation(line: 2, column: 16))
        #expect(finding.range.end == SourceLocation(line: 2, column: 48))
        #expect(finding.message == "`Thread.sleep(forTimeInterval:)` parks a cooperative pool thread for the whole sleep")
        #expect(finding.help == "Use `try await Task.sleep(for:)`.")
        #expect(finding.severity == .error && finding.name == "blocking-sleep")
    }

    /// Each kind of wait gets the advice that fits it (a future is awaited with `get()`, not
    /// replaced by a `Mutex`), and file I/O advice fits app code as well as a server.
    @Test func waitsGetTheirOwnAdvice() {
        let found = findings("""
        func f(future: EventLoopFuture<Int>, group: MultiThreadedEventLoopGroup, client: HTTPClient) async throws {
            _ = try future.wait()
            try group.syncShutdownGracefully()
            try client.syncShutdown()
            let dg = DispatchGroup()
            dg.wait()
            _ = FileManager.default.fileExists(atPath: "/")
        }
        """)
        #expect(found.map(\.help) == [
            "Use `try await future.get()`.",
            "Use `try await group.shutdownGracefully()`.",
            "Use `try await client.shutdown()`.",
            "Use a task group (`withTaskGroup`) in place of the dispatch group, or `group.notify(queue:)` resuming a `withCheckedContinuation`.",
            "Use an async file API (`url.resourceBytes`, `url.lines`; on a server NIOFileSystem's `FileSystem.shared`), or the call on a thread of its own (a `DispatchQueue`, bridged with `withCheckedContinuation`): `Task.detached` still runs on the pool.",
        ])
        #expect(found.first?.message == "`EventLoopFuture.wait()` blocks a cooperative pool thread until the future completes, and deadlocks the pool when completing it needs a pool thread")
    }

    @Test func messagesNameTheActualLabelsAndTheCataloguedType() {
        let found = findings("""
        func f(url: URL) async throws {
            let m = FileManager.default
            _ = try Data(contentsOf: url, options: .mappedIfSafe)
            _ = m.contents(atPath: "/")
        }
        """)
        #expect(found.map(\.message).map { String($0.prefix(while: { $0 != " " })) }
            == ["`Data(contentsOf:options:)`", "`FileManager.contents(atPath:)`"])
    }

    @Test func remoteURLSwitchesToNetworkMessage() throws {
        let found = findings("""
        func f() async throws {
            let u = URL(string: "https://example.com")!
            _ = try Data(contentsOf: u)
        }
        """)
        let finding = try #require(found.first)
        #expect(finding.code == "AL103" && finding.help.contains("URLSession"))
    }

    @Test func bothTaskRulesOnOneTaskAndTheNestedMessage() {
        let found = findings("""
        func f() async {
            Task { try await g() }
        }
        func h() {
            Task {
                Task { await g2() }
            }
        }
        """)
        #expect(found.map(\.code) == ["AL201", "AL204", "AL201"])
        #expect(found.map(\.range.start.line) == [2, 2, 6])
        #expect(found[0].message.contains("started in an async context"))
        #expect(found[1].message.contains("error vanishes"))
        #expect(found[2].message.contains("nested in a `Task { … }`"))
    }

    @Test func aTaskInATaskGroupIsNestedInATaskOnlyInsideOne() {
        let found = findings("""
        func f() async {
            await withTaskGroup(of: Void.self) { group in
                Task { await g() }
                group.addTask { Task { await g() } }
            }
        }
        func h() {
            Task {
                await withTaskGroup(of: Void.self) { group in
                    Task { await g() }
                    group.addTask { Task { await g() } }
                }
            }
        }
        """)
        #expect(found.map(\.code) == ["AL201", "AL201", "AL201", "AL201"])
        #expect(found.map(\.range.start.line) == [3, 4, 10, 11])
        #expect(found[0].message.contains("started in an async context"))
        #expect(found[1].message.contains("started in an async context"))
        #expect(found[2].message.contains("nested in a `Task { … }`"))
        #expect(found[3].message.contains("nested in a `Task { … }`"))
    }

    /// A lock waits for its holder and a synchronous dispatch for the queue, not for a signal.
    @Test func locksAndSynchronousDispatchExplainTheirOwnWait() {
        let found = findings("""
        func f(queue: DispatchQueue, lock: NSLock, semaphore: DispatchSemaphore) async {
            lock.lock()
            queue.sync {}
            semaphore.wait()
        }
        """)
        #expect(found.map(\.code) == ["AL105", "AL105", "AL105"])
        #expect(found.map(\.message) == [
            "`NSLock.lock()` parks a cooperative pool thread until the lock is free, and deadlocks the pool when the holder is a task that needs a pool thread to release it",
            "`DispatchQueue.sync()` blocks a cooperative pool thread until the queue has run the closure, after everything queued before it, and deadlocks when called on that queue",
            "`DispatchSemaphore.wait()` blocks a cooperative pool thread until another thread or task signals it, and can deadlock the pool",
        ])
        #expect(found[1].help.contains("withCheckedContinuation"))
    }

    @Test func aBlockingLocalFunctionShowsItsChain() throws {
        let found = findings("func f() async {\n    func nested(_ n: Int) { usleep(1) }\n    nested(1)\n}\n")
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.code == "AL110")
        // The message names the chain once; the help gives the advice instead of repeating it.
        #expect(finding.message == "`nested(_:)` blocks: nested → usleep(_:)")
        #expect(finding.help.hasPrefix("Make `nested` async and await it") && !finding.help.contains("→"))
        #expect(finding.chain.map(\.name) == ["nested", "usleep(_:)"])
        #expect(finding.chain.map(\.line) == [2, 2] && finding.chain.map(\.column) == [5, 29])
    }

    @Test func asyncLetMessagesNameTheBinding() {
        let found = findings("func f() async {\n    async let avatar = load()\n    async let _ = load()\n}\n")
        #expect(found.map(\.code) == ["AL203", "AL203"])
        #expect(found[0].message.hasPrefix("`async let avatar` is never read"))
        // `_` cannot be awaited: the advice is to name it (or to use a task group).
        #expect(found[1].message.hasPrefix("`async let _` cannot be read"))
        #expect(!found[1].message.contains("await the value") && found[1].help.hasPrefix("Bind it to a name and await it"))
        #expect(found[0].help == "Read the value with `await`, or start the work in a task group.")
    }

    @Test func asyncLetTupleMessagesNameThePattern() {
        let found = findings("func f() async {\n    async let (p, q) = load()\n    async let (r, _) = load()\n    _ = 1\n}\n")
        #expect(found.map(\.code) == ["AL203", "AL203"])
        #expect(found.first?.message.hasPrefix("`async let (p, q)` is never read") == true)
        #expect(found.last?.message.hasPrefix("`async let (r, _)` is never read") == true)
    }

    @Test func standardInputIsInputNotFileIO() {
        let found = findings("""
        func f() async {
            _ = FileHandle.standardInput.availableData
            _ = FileHandle.standardInput.readDataToEndOfFile()
            let h = FileHandle(forReadingAtPath: "/x")!
            _ = h.availableData
        }
        """)
        #expect(found.map(\.code) == ["AL106", "AL106", "AL102", "AL102"])
    }

    @Test func fileWithoutAsyncCodeIsSkippedButTasksAreNot() {
        let sync = FrontEnds.parse(Array("func f() { sleep(1) }\n".utf8), language: .swift)
        #expect(!SwiftChecker.mayContainAsyncCode(sync, catalogue: RuleCatalogue.embedded.swift))
        let task = FrontEnds.parse(Array("func f() { Task { try g() } }\n".utf8), language: .swift)
        #expect(SwiftChecker.mayContainAsyncCode(task, catalogue: RuleCatalogue.embedded.swift))
        #expect(FileChecker.check(task, path: "t.swift", catalogue: .embedded).map(\.code) == ["AL204"])
    }

    /// A user's config can add a blocking API; it is matched like the built-in ones.
    @Test func userCatalogueEntriesApply() {
        var catalogue = RuleCatalogue.embedded
        catalogue.swift = catalogue.swift.merged(with: SwiftCatalogue(blocking: [
            SwiftBlockingGroup(code: "AL105", message: "waits", alternative: "an actor",
                               apis: [SwiftBlockingAPI(instance: "Turnstile.pass()")]),
        ]))
        let tree = FrontEnds.parse(Array("func f() async {\n    let t = Turnstile()\n    t.pass()\n}\n".utf8), language: .swift)
        let found = FileChecker.check(tree, path: "t.swift", catalogue: catalogue)
        #expect(found.map(\.code) == ["AL105"] && found.first?.message == "`Turnstile.pass()` waits")
    }

    /// A deep method chain must not exhaust the stack (the walk is iterative).
    @Test func deepChainsAreWalked() {
        let chain = String(repeating: ".map { $0 }", count: 3000)
        let source = "func f(xs: [Int]) async {\n    _ = xs\(chain).count\n    sleep(1)\n}\n"
        #expect(findings(source).map(\.code) == ["AL101"])
        // A long chain of property reads before a blocking member: inference gives up, silently.
        let members = String(repeating: ".next", count: 5000)
        #expect(findings("func f(a: Node) async {\n    a\(members).wait()\n}\n").isEmpty)
    }
}
