import Foundation
import Testing
import LightSyntax
@testable import Analysis
import AsyncLint
import Reporting

/// The driver runs passes 1–3 over a directory: AL110 across files, the configuration's
/// `safe-functions` / `blocking-functions`, and the switch that turns the index off.
@Suite struct ProjectDriverTests {
    static func project(config: String?) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("asynclint-project-\(UUID().uuidString)")
        let package = root.appendingPathComponent("pkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try "".write(to: package.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
        try "def read_file(p):\n    with open(p) as f:\n        return f.read()\n\ndef native_call():\n    return 1\n"
            .write(to: package.appendingPathComponent("io.py"), atomically: true, encoding: .utf8)
        try "from .io import read_file, native_call\n\nasync def handle(p):\n    read_file(p)\n    native_call()\n    read_file(p)  # noqa: AL110\n"
            .write(to: package.appendingPathComponent("handlers.py"), atomically: true, encoding: .utf8)
        if let config {
            try config.write(to: root.appendingPathComponent(".asynclint.toml"), atomically: true, encoding: .utf8)
        }
        return root.path
    }

    func lint(_ root: String, linter: Linter = Linter(), ignoring ignored: [String] = [],
              reportingUnused: Bool = false) throws -> LintReport {
        var options = LintOptions(paths: ["."], ignore: ignored, jobs: 2, workingDirectory: root)
        options.reportUnusedSuppressions = reportingUnused
        return try linter.run(options)
    }

    /// `path:line: code` for each finding.
    static func lines(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.path):\($0.range.start.line): \($0.code)" }
    }

    func findings(_ root: String, linter: Linter = Linter()) throws -> [String] {
        Self.lines(try lint(root, linter: linter))
    }

    @Test func helpersInAnotherFileAreFollowedAndSuppressionsApply() throws {
        let root = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try findings(root) == ["pkg/handlers.py:4: AL110"])
        var off = Linter()
        off.usesProjectIndex = false
        #expect(try findings(root, linter: off).isEmpty)
    }

    @Test func configurationMarksSafeAndBlockingFunctions() throws {
        let root = try Self.project(config: "safe-functions = [\"pkg.io.read_file\"]\nblocking-functions = [\"pkg.io.native_call\"]\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try findings(root) == ["pkg/handlers.py:5: AL110"])
    }

    @Test func theParametersWorkWithoutAConfigurationFile() throws {
        let root = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var linter = Linter()
        linter.safeFunctions = ["pkg.io.read_file"]
        linter.blockingFunctions = ["pkg.io.native_call"]
        #expect(try findings(root, linter: linter) == ["pkg/handlers.py:5: AL110"])
    }

    // MARK: Files the driver does not parse unless the index asks for them

    static func write(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("asynclint-demand-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root.path
    }

    /// The driver parses only what it must; the findings are those of passes 1–3 over every file.
    func expectSameAsWholeProject(_ root: String, _ expected: [String]) throws {
        let driver = try findings(root)
        #expect(driver == expected)
        let whole = try FixtureHarness.projectFindings(URL(fileURLWithPath: root), catalogue: .embedded).findings
        let wholeLines = whole.map { finding -> String in
            let path = finding.path.hasPrefix(root + "/") ? String(finding.path.dropFirst(root.count + 1)) : finding.path
            return "\(path):\(finding.range.start.line): \(finding.code)"
        }
        #expect(driver.sorted() == wholeLines.sorted())
    }

    /// Writes the files, expects the findings of passes 1–3 over every file from the driver,
    /// and returns the driver's report.
    @discardableResult func lintProject(_ files: [String: String], expecting expected: [String]) throws -> LintReport {
        let root = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try expectSameAsWholeProject(root, expected)
        return try lint(root)
    }

    /// A client made at module level in another file is typed there: its blocking method in async
    /// code is AL110 through that value, with the value's assignment as the chain's hop. A
    /// module that assigns the name is parsed for it; one that does not is not.
    @Test func aModuleLevelClientOfAnotherFileIsTypedThere() throws {
        let report = try lintProject([
            "app/__init__.py": "",
            "app/deps.py": "import requests\n\nhttp = requests.Session()\n",
            "app/other.py": "def helper():\n    return 1\n",
            "app/main.py": "from . import deps, other\nfrom .deps import http\n\nasync def endpoint(url):\n    http.get(url)\n    deps.http.post(url)\n    other.value.get(url)\n",
        ], expecting: ["app/main.py:5: AL110", "app/main.py:6: AL110"])
        let first = try #require(report.findings.first)
        #expect(first.message == "`http.get()` blocks in `async def endpoint`: app.deps.http (a requests.Session) → get()")
        #expect(first.chain.map { "\($0.path):\($0.line)" }.first?.hasSuffix("app/deps.py:3") == true)
        #expect(first.help.contains("httpx.AsyncClient"))
        #expect(report.filesParsed == 2)
    }

    /// The index's findings in a trio file name trio's APIs, as the per-file rules' do.
    @Test func theIndexAdviceFollowsTheFilesLibrary() throws {
        let report = try lintProject([
            "app/__init__.py": "",
            "app/io.py": "def read(p):\n    with open(p) as f:\n        return f.read()\n\nasync def fetch():\n    return 1\n",
            "app/handlers.py": "import trio\nfrom .io import read, fetch\n\nasync def handle():\n    read('x')\n    fetch()\n",
        ], expecting: ["app/handlers.py:5: AL110", "app/handlers.py:6: AL202"])
        let helper = try #require(report.findings.first)
        #expect(helper.help.contains("await trio.to_thread.run_sync(read, ...)") && !helper.help.contains("asyncio"))
        #expect(report.findings[1].help.contains("nursery.start_soon(function, *args)"))
    }

    @Test func aChainThroughFilesWithoutAsyncCodeIsFollowed() throws {
        let report = try lintProject([
            "app/__init__.py": "",
            "app/handlers.py": "from .config import load\n\nasync def handle():\n    return load()\n",
            "app/config.py": "from .io import read\n\ndef load():\n    return read('cfg')\n",
            "app/io.py": "def read(p):\n    with open(p) as f:\n        return f.read()\n\ndef unused():\n    return 1\n",
            "app/other.py": "import time\n\ndef nap():\n    time.sleep(1)\n",
        ], expecting: ["app/handlers.py:4: AL110"])
        #expect(report.filesChecked == 5)
        #expect(report.findings.first?.chain.map(\.name) == ["load", "read", "open()"])
    }

    @Test func aCoroutineCalledAsAStatementInAFileWithoutAsyncCode() throws {
        try lintProject([
            "pkg/__init__.py": "from .client import fetch\n",
            "pkg/client.py": "async def fetch():\n    return 1\n",
            "pkg/sync_user.py": "from pkg import fetch\nimport pkg\n\ndef go():\n    fetch()\n    pkg.fetch()\n    value = fetch()\n",
            "pkg/unrelated.py": "from pkg import client\n\ndef go():\n    print(client)\n",
        ], expecting: ["pkg/sync_user.py:5: AL202", "pkg/sync_user.py:6: AL202"])
    }

    /// Swift: a bare call in a type means that type's method first, else a free function; a file
    /// whose only function of that name is another type's method is not parsed.
    @Test func aSwiftBareCallLoadsTheFreeFunctionsAndTheEnclosingTypesFilesOnly() throws {
        let report = try lintProject([
            "Sources/App/Handler.swift": "struct Handler {\n    func handle() async {\n        load()\n        refresh()\n    }\n}\n",
            "Sources/App/Free.swift": "import Foundation\n\nfunc load() {\n    sleep(1)\n}\n",
            "Sources/App/HandlerExtras.swift": "import Foundation\n\nextension Handler {\n    func refresh() {\n        usleep(10)\n    }\n}\n",
            "Sources/App/Other.swift": "import Foundation\n\nstruct Other {\n    func load() { sleep(2) }\n    func refresh() { sleep(3) }\n}\n",
        ], expecting: ["Sources/App/Handler.swift:3: AL110", "Sources/App/Handler.swift:4: AL110"])
        #expect(report.filesParsed == 3)   // Other.swift is not
    }

    /// Swift: a member call, or a bare call in a type, can only mean a method declared in that
    /// type's body: a file that extends the type but declares the name in another type is not
    /// parsed.
    @Test func aSwiftMethodIsLookedForInItsOwnTypesBodyOnly() throws {
        let report = try lintProject([
            "Sources/App/Handler.swift": "struct Handler {\n    func handle(buffer: Buffer) async {\n        buffer.flush()\n        refresh()\n    }\n}\n",
            "Sources/App/Buffer.swift": "import Foundation\n\nstruct Buffer {\n    func flush() {\n        sleep(1)\n    }\n}\n",
            "Sources/App/Refresh.swift": "import Foundation\n\nextension Handler {\n    func refresh() {\n        usleep(10)\n    }\n}\n",
            "Sources/App/Others.swift": "import Foundation\n\nextension Buffer {\n    var size: Int { 0 }\n}\n\nextension Handler {\n    var id: Int { 1 }\n}\n\nstruct Writer {\n    func flush() { sleep(2) }\n    func refresh() { sleep(3) }\n}\n",
        ], expecting: ["Sources/App/Handler.swift:3: AL110", "Sources/App/Handler.swift:4: AL110"])
        #expect(report.filesParsed == 3)   // Others.swift is not
    }

    /// Swift: a read runs only a getter and a call only a function, so a read asks only for the
    /// files that may declare a getter of that name in the receiver's type (not one whose
    /// `config` is a method), and a call only for functions (not a file whose `reload` is a
    /// computed property); a blocking call a declaration of the module could make the project's
    /// own (`String(contentsOfFile:)`) asks only for files that declare that type, not for those
    /// that extend it.
    @Test func swiftReadsAskForGettersCallsForFunctionsAndShadowingForDeclarations() throws {
        let report = try lintProject([
            "Sources/App/Handler.swift": "import Foundation\n\nstruct Handler {\n    func handle(store: Store) async {\n"
                + "        _ = store.settings\n        _ = store.config\n        store.reload()\n        read()\n    }\n}\n\n"
                + "func read() {\n    _ = try? String(contentsOfFile: \"/tmp/x\")\n}\n",
            "Sources/App/Settings.swift": "import Foundation\n\nextension Store {\n    var settings: Int {\n        sleep(1)\n        return 1\n    }\n}\n",
            "Sources/App/Config.swift": "import Foundation\n\nextension Store {\n    func config() { sleep(2) }\n    var reload: Int { 0 }\n}\n",
            "Sources/App/Text.swift": "extension String {\n    func shout() -> String { self }\n}\n",
        ], expecting: ["Sources/App/Handler.swift:5: AL110", "Sources/App/Handler.swift:8: AL110"])
        #expect(report.filesParsed == 2)   // Handler.swift and Settings.swift
    }

    /// Swift: a file whose only functions of the called name take other labels is not parsed
    /// (`flush(from:)` cannot be the callee of `flush(to:)`); one with an overload that fits is.
    @Test func aSwiftFileWhoseOverloadsTakeOtherLabelsIsNotParsed() throws {
        let report = try lintProject([
            "Sources/App/Handler.swift": "struct Handler {\n    func handle(buffer: Buffer) async {\n        buffer.flush(to: 1)\n        reload(force: true)\n    }\n}\n",
            "Sources/App/Buffer.swift": "import Foundation\n\nstruct Buffer {\n    func flush(to target: Int, now: Bool = true) {\n        sleep(1)\n    }\n}\n",
            "Sources/App/BufferMore.swift": "import Foundation\n\nextension Buffer {\n    func flush(from source: Int) {\n        sleep(2)\n    }\n}\n",
            "Sources/App/Reload.swift": "import Foundation\n\nstruct Settings {}\n\nfunc reload(all: Bool) {\n    sleep(3)\n}\n",
        ], expecting: ["Sources/App/Handler.swift:3: AL110"])
        #expect(report.filesParsed == 2)   // Handler.swift and Buffer.swift
    }

    /// Swift: where the declaration walk cannot tell a file's methods' types (`extension A .Buffer`
    /// is read as `A`), any function of the name there may be the member, whatever the labels of
    /// the one it did put under the type: the file is parsed.
    @Test func aSwiftFileWhoseMethodsTypesAreUnknownIsParsedForAnyOverload() throws {
        try lintProject([
            "Sources/App/Handler.swift": "struct Handler {\n    func handle(buffer: Buffer) async {\n        buffer.flush(to: 1)\n    }\n}\n",
            "Sources/App/Buffer.swift": "import Foundation\n\nstruct Buffer {}\n\nextension A .Buffer {\n    func flush(to target: Int) {\n        sleep(1)\n    }\n}\n\nextension Buffer {\n    func flush(from source: Int) {\n        sleep(2)\n    }\n}\n",
        ], expecting: ["Sources/App/Handler.swift:3: AL110"])
    }

    /// A file without async code is scanned before its suppressions are read; one marked
    /// `asynclint: skip-file` must still stay out of the index (its helper is no chain's hop).
    @Test func aSkippedFileWithoutAsyncCodeStaysOutOfTheIndex() throws {
        let root = try Self.write([
            "app/__init__.py": "",
            "app/handlers.py": "from .io import read\nfrom .kept import nap\n\nasync def handle():\n    read()\n    nap()\n",
            "app/io.py": "# asynclint: SKIP-FILE -- vendored\ndef read():\n    with open('x') as f:\n        return f.read()\n",
            "app/kept.py": "import time\n\ndef nap():\n    time.sleep(1)  # noqa: E501\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try findings(root) == ["app/handlers.py:6: AL110"])
    }

    @Test func anInheritedCoroutineMethodCalledAsAStatement() throws {
        try lintProject([
            "base.py": "class Base:\n    async def close(self):\n        pass\n",
            "middle.py": "from base import Base as B\n\nclass Middle(B):\n    pass\n",
            "child.py": "from middle import Middle\n\nclass Child(Middle):\n    def stop(self):\n        self.close()\n",
        ], expecting: ["child.py:5: AL202"])
    }

    /// For cross-file AL202 through an inherited coroutine method, the unparsed files' classes
    /// are told apart by qualified name (their bases through the file's imports), so a sync twin
    /// of the same name (`lib.sync.Lock` beside `lib.aio.Lock`) pulls no file in, and a
    /// re-export under another name (`from .aio import Lock as AsyncLock`) is followed.
    @Test func inheritedCoroutineMethodsFollowQualifiedClassNamesAndRenamedReExports() throws {
        let report = try lintProject([
            "lib/__init__.py": "from .aio import Lock as AsyncLock\n",
            "lib/aio.py": "class Lock:\n    async def release(self):\n        pass\n",
            "lib/sync.py": "class Lock:\n    def release(self):\n        pass\n",
            "user_sync.py": "from lib.sync import Lock\n\nclass MyLock(Lock):\n    def done(self):\n        self.release()\n",
            "user_async.py": "from lib import AsyncLock\n\nclass MyLock(AsyncLock):\n    def done(self):\n        self.release()\n",
        ], expecting: ["user_async.py:5: AL202"])
        // lib/aio.py (async code), user_async.py (may call it), lib/__init__.py (the re-export
        // its base runs through); not user_sync.py, whose Lock is the sync one.
        #expect(report.filesParsed == 3)
    }

    /// A class constructed through a package's re-export runs its `__init__`, which opens a file:
    /// the module defining it is parsed for that. A called function's longest module decides, as
    /// in an index of every file: `pkg.tools.helper` is looked for in `pkg/tools.py` only (which
    /// has none), not through a class `pkg` re-exports as `tools`.
    @Test func aConstructedClassRunsItsInitAndTheLongestModuleDecides() throws {
        let report = try lintProject([
            "pkg/__init__.py": "from .models import Model\nfrom .other import helpers as tools\n",
            "pkg/models.py": "class Model:\n    def __init__(self):\n        self.x = open('m')\n",
            "pkg/other.py": "import time\n\nclass helpers:\n    @staticmethod\n    def helper():\n        time.sleep(1)\n",
            "pkg/tools.py": "def other():\n    return 1\n",
            "pkg/io.py": "def read(p):\n    with open(p) as f:\n        return f.read()\n",
            "app.py": "import pkg\nimport pkg.tools\nfrom pkg import io\n\nasync def run():\n    pkg.Model()\n    pkg.tools.helper()\n    io.read('x')\n",
        ], expecting: ["app.py:6: AL110", "app.py:8: AL110"])
        #expect(report.findings.first?.chain.map(\.name) == ["Model.__init__", "open()"])
        // app.py, then what its calls run through: pkg/__init__.py (Model), pkg/models.py
        // (its `__init__`) and pkg/io.py.
        #expect(report.filesChecked == 6)
        #expect(report.filesParsed == 4)
    }

    /// A helper that blocks by itself, or that the user marked, is settled whatever it calls: the
    /// files its other calls lead to are not parsed for it (`read` opens a file, so what `log`
    /// does cannot matter; `ping` is marked safe, so neither can what `probe` does).
    @Test func aHelperThatBlocksByItselfLoadsNothingItCalls() throws {
        let root = try Self.write([
            "app/__init__.py": "",
            "app/handlers.py": "from .io import read, ping\n\nasync def handle():\n    read('x')\n    ping()\n",
            "app/io.py": "from .log import log\nfrom .net import probe\n\ndef read(p):\n    log(p)\n    with open(p) as f:\n        return f.read()\n\ndef ping():\n    probe()\n",
            "app/log.py": "import time\n\ndef log(p):\n    time.sleep(1)\n",
            "app/net.py": "import time\n\ndef probe():\n    time.sleep(1)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try expectSameAsWholeProject(root, ["app/handlers.py:4: AL110", "app/handlers.py:5: AL110"])
        #expect(try lint(root).findings.first?.chain.map(\.name) == ["read", "open()"])
        // handlers.py, then io.py; log.py and net.py only for the unsettled `ping`.
        #expect(try lint(root).filesParsed == 3)
        var marked = Linter()
        marked.safeFunctions = ["app.io.ping"]
        let report = try lint(root, linter: marked)
        #expect(report.findings.map { "\($0.path):\($0.range.start.line)" } == ["app/handlers.py:4"])
        #expect(report.filesParsed == 2)
    }

    // MARK: Rules left out

    /// An AL110 chain through two files without async code, and a cross-file AL202 in a file
    /// without async code (found only through `CoroutineCallers`).
    static let bothIndexRules = [
        "app/__init__.py": "",
        "app/handlers.py": "from .config import load\n\nasync def handle():\n    return load()\n",
        "app/config.py": "from .io import read\n\ndef load():\n    return read('cfg')\n",
        "app/io.py": "def read(p):\n    with open(p) as f:\n        return f.read()\n",
        "app/client.py": "async def fetch():\n    return 1\n",
        "app/sync_user.py": "from .client import fetch\n\ndef go():\n    fetch()\n",
    ]

    func selection(_ root: String, ignoring ignored: [String]) throws -> (findings: [String], filesParsed: Int) {
        let report = try lint(root, ignoring: ignored)
        return (Self.lines(report), report.filesParsed)
    }

    /// A rule no configuration selects asks the index for no file: without AL202 the
    /// coroutine's caller is not parsed, without AL110 the helpers are not, and without either
    /// only the files with async code are.
    @Test func theIndexParsesOnlyForTheRulesSelected() throws {
        let root = try Self.write(Self.bothIndexRules)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let helper = "app/handlers.py:4: AL110", missingAwait = "app/sync_user.py:4: AL202"
        // handlers.py and client.py (async code); config.py and io.py for AL110, sync_user.py for AL202.
        #expect(try selection(root, ignoring: []) == ([helper, missingAwait], 5))
        #expect(try selection(root, ignoring: ["AL202"]) == ([helper], 4))
        #expect(try selection(root, ignoring: ["AL110"]) == ([missingAwait], 3))
        #expect(try selection(root, ignoring: ["AL110", "AL202"]) == ([], 2))
        #expect(try selection(root, ignoring: ["blocking-via-helper", "missing-await"]) == ([], 2))
    }

    @Test func aSwiftRunWithoutAL110ParsesOnlyTheFilesWithAsyncCode() throws {
        let root = try Self.write([
            "Sources/App/Handler.swift": "struct Handler {\n    func handle() async {\n        load()\n    }\n}\n",
            "Sources/App/Free.swift": "import Foundation\n\nfunc load() {\n    sleep(1)\n}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try selection(root, ignoring: []) == (["Sources/App/Handler.swift:3: AL110"], 2))
        #expect(try selection(root, ignoring: ["AL110"]) == ([], 1))
    }

    /// The index is built when any configuration selects its rules, not only the one of the
    /// working directory.
    @Test func aConfigurationBelowTheRootStillGetsTheIndex() throws {
        var files = Self.bothIndexRules
        files[".asynclint.toml"] = "ignore = [\"AL110\", \"AL202\"]\n"
        files["app/.asynclint.toml"] = "ignore = [\"AL202\"]\n"
        files["top.py"] = "from app.io import read\n\nasync def run():\n    read('x')\n"
        let root = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // top.py's AL110 is not reported (the root configuration ignores it); the AL202 in app
        // is not wanted by app's configuration, so sync_user.py is not parsed.
        #expect(try selection(root, ignoring: []) == (["app/handlers.py:4: AL110"], 5))
    }

    /// The demand walk resolves a name once a round and walks its callees once: a call that is
    /// only an AL202 candidate (`warm`'s, its value thrown away, `load` being also a coroutine's
    /// name) may resolve the name first, and the call in async code must still walk it.
    @Test func aNameResolvedFirstForAL202IsStillWalkedForAL110() throws {
        let report = try lintProject([
            "pkg/__init__.py": "",
            "pkg/io.py": "from .disk import read\n\ndef load():\n    return read()\n\nasync def other():\n    pass\n",
            "pkg/disk.py": "def read():\n    with open('x') as f:\n        return f.read()\n",
            "pkg/models.py": "class Model:\n    async def load(self):\n        pass\n",
            "pkg/app.py": "from .io import load\n\nasync def handle():\n    return load()\n\ndef warm():\n    load()\n",
        ], expecting: ["pkg/app.py:4: AL110"])
        #expect(report.findings.first?.chain.map(\.name) == ["load", "read", "open()"])
    }

    // MARK: Suppressions of the index's findings

    func unusedSuppressions(_ root: String, ignoring ignored: [String] = []) throws -> (findings: [String], unused: [String]) {
        let report = try lint(root, ignoring: ignored, reportingUnused: true)
        return (Self.lines(report), report.unusedSuppressions.map { "\($0.path):\($0.message)" })
    }

    /// A comment that silences an AL110 finding is in use, although pass 1, which lists the
    /// unused ones, has no such finding; with AL110 left out, whether it would silence one is
    /// not known, and it is not called unused either.
    @Test func aCommentSilencingAnIndexFindingIsInUse() throws {
        let root = try Self.write([
            "app/__init__.py": "",
            "app/io.py": "def read(p):\n    with open(p) as f:\n        return f.read()\n",
            "app/h.py": "from .io import read\n\nasync def handle():\n    read('x')  # noqa: AL110\n    read('y')  # noqa: AL101\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let unusedAL101 = "app/h.py:5: unused suppression `# noqa: AL101`: it silenced nothing"
        #expect(try unusedSuppressions(root) == (["app/h.py:5: AL110"], [unusedAL101]))
        #expect(try unusedSuppressions(root, ignoring: ["AL110"]) == ([], [unusedAL101]))
    }

    /// The index's findings are silenced as pass 1's are: a region opened by a rule's name is
    /// closed by its code.
    @Test func aSwiftRegionOpenedByNameIsClosedByCodeForIndexFindings() throws {
        let root = try Self.write([
            "Sources/App/Free.swift": "import Foundation\n\nfunc load() {\n    sleep(1)\n}\n",
            "Sources/App/Handler.swift": "struct Handler {\n    // asynclint:disable blocking-via-helper\n    func a() async {\n        load()\n    }\n    // asynclint:enable AL110\n    func b() async {\n        load()\n    }\n}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try unusedSuppressions(root) == (["Sources/App/Handler.swift:8: AL110"], []))
    }

    /// A byte ≥ 0x80 where the scan's readers skip (a comment inside a parenthesized import
    /// list, a number) still makes the file checked for invalid UTF-8, parsed or not.
    @Test func invalidUTF8InPlacesTheScanSkipsIsNoted() throws {
        let root = try Self.write(["ok.py": "x = 1\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("from x import (a,  # \u{1}\n b)\n\nasync def f():\n    pass\n".utf8.map { $0 == 1 ? 0xFF : $0 })
            .write(to: URL(fileURLWithPath: root + "/parsed.py"))
        try Data("y = 1\u{1}\n".utf8.map { $0 == 1 ? 0xFF : $0 }).write(to: URL(fileURLWithPath: root + "/number.py"))
        let report = try lint(root)
        #expect(report.notes.map(\.path) == ["number.py", "parsed.py"])
        #expect(report.notes.allSatisfy { $0.message.contains("invalid UTF-8") })
    }

    @Test func filesWithoutAsyncCodeAreNotParsedButBadUTF8IsStillNoted() throws {
        let root = try Self.write(["broken.py": "def f(:\n    x = '''never closed\n", "ok.py": "x = 1\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data([0x78, 0x20, 0x3D, 0x20, 0x27, 0xE9, 0x27, 0x0A]).write(to: URL(fileURLWithPath: root + "/latin1.py"))
        let report = try lint(root)
        #expect(report.filesChecked == 3 && report.findings.isEmpty)
        #expect(report.notes.map(\.path) == ["latin1.py"])
        #expect(report.notes.first?.message.hasPrefix("1:6: invalid UTF-8") == true)
    }
}
