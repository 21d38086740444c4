import Foundation
import Testing
import LightSyntax
@testable import Analysis
import AsyncLint

/// The multi-file fixture projects under Fixtures/projects/: analysed as whole projects (passes
/// 1–3), their findings equal their `expect:` markers exactly, negative cases included.
@Suite struct ProjectFixtureTests {
    @Test func bothLanguagesHaveAFixtureProject() {
        let names = FixtureHarness.fixtureProjects().map(\.lastPathComponent)
        #expect(names.contains("python_app") && names.contains("swift_package"), "\(names)")
    }

    @Test(arguments: FixtureHarness.fixtureProjects().map(\.lastPathComponent))
    func projectProducesExactlyItsExpectedFindings(_ name: String) throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent(name)
        let problems = try FixtureHarness.projectMismatches(project, catalogue: .embedded)
        #expect(problems.isEmpty, "\(name): findings differ from the expect: markers:\n\(problems.joined(separator: "\n"))")
    }

    /// The driver parses only the files it must (see `SourceScan`, `ProjectIndex.filesToLoad`) and
    /// finds what passes 1–3 over every file find.
    @Test(arguments: FixtureHarness.fixtureProjects().map(\.lastPathComponent))
    func theDriverFindsWhatTheWholeProjectIndexFinds(_ name: String) throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent(name)
        let whole = try FixtureHarness.projectFindings(project, catalogue: .embedded).findings
        let report = try Linter().run(LintOptions(paths: ["Fixtures/projects/" + name], jobs: 2,
                                                  workingDirectory: FixtureHarness.repositoryRoot().path))
        let describe = { (f: Finding) in "\(f.path):\(f.range.start.line):\(f.range.start.column): \(f.code) \(f.message)" }
        #expect(report.findings.map(describe).sorted() == whole.map(describe).sorted())
        #expect(!report.findings.filter { $0.code == "AL110" }.isEmpty)
    }

    /// A file named alone (a pre-commit hook names the files a commit touches) is checked within
    /// its project, found by its `pyproject.toml` / `Package.swift`: it gets exactly the
    /// findings the run over the whole project makes in it, AL110 chains through the files not
    /// named included, and nothing of the other files is reported.
    @Test(arguments: FixtureHarness.fixtureProjects().map(\.lastPathComponent))
    func aFileNamedAloneGetsTheWholeProjectsFindingsInIt(_ name: String) throws {
        let root = FixtureHarness.repositoryRoot().path
        let describe = { (f: Finding) in
            "\(f.path):\(f.range.start.line):\(f.range.start.column): \(f.code) \(f.message) \(f.chain.map { "\($0.path):\($0.line)" })"
        }
        let whole = try Linter().run(LintOptions(paths: ["Fixtures/projects/" + name], jobs: 2, workingDirectory: root))
        let files = FileDiscovery(workingDirectory: root, excludeGlobs: []).discover(["Fixtures/projects/" + name]).files
        #expect(files.count > 3)
        for file in files.map(\.displayPath) {
            let alone = try Linter().run(LintOptions(paths: [file], jobs: 2, workingDirectory: root))
            #expect(alone.findings.map(describe) == whole.findings.filter { $0.path == file }.map(describe), "\(file)")
            #expect(alone.filesChecked == 1 && alone.errors.isEmpty && alone.notes.isEmpty)
        }
        #expect(whole.findings.contains { finding in finding.code == "AL110" && finding.chain.contains { $0.path != finding.path } })
        // Without the index's rules, nothing but the file named is read.
        let first = try #require(whole.findings.first { $0.code == "AL110" })
        let perFile = try Linter().run(LintOptions(paths: [first.path], ignore: ["AL110", "AL202"], jobs: 2, workingDirectory: root))
        #expect(perFile.filesParsed <= 1)
    }

    @Test func chainsNameEveryHopDownToTheBlockingAPI() throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent("python_app")
        let findings = try FixtureHarness.projectFindings(project, catalogue: .embedded).findings
        let config = try #require(findings.first { $0.code == "AL110" && $0.message.hasPrefix("`load_config()`") })
        #expect(config.message.hasSuffix("load_config → read_file → open()"), "\(config.message)")
        #expect(config.help == "Make `load_config` async and await it, or offload the call: `await asyncio.to_thread(load_config, ...)`.",
                "\(config.help)")
        #expect(config.chain.map(\.name) == ["load_config", "read_file", "open()"])
        #expect(config.chain.first?.path == "Fixtures/projects/python_app/app/storage.py")
        #expect(config.chain.first?.line == 11)
        #expect(config.chain.last?.line == 7)
        // Called as the argument of an offload API: the advice is to pass the function.
        let handed = try #require(findings.first { $0.code == "AL110" && $0.message.hasSuffix("not in the thread it is handed to") })
        #expect(handed.message.hasPrefix("`load_config()` blocks in `async def handle`"))
        #expect(handed.help == "Pass the function and its arguments instead of calling it: `asyncio.to_thread(load_config, ...)`.")
    }

    @Test func theSwiftChainCrossesTargets() throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent("swift_package")
        let findings = try FixtureHarness.projectFindings(project, catalogue: .embedded).findings
        let load = try #require(findings.first { $0.code == "AL110" && $0.message.hasPrefix("`cache.load()`") })
        #expect(load.chain.map(\.name) == ["Cache.load", "readBlob", "FileManager.default.contents(atPath:)"]
                || load.chain.count == 3, "\(load.chain)")
        #expect(load.chain.first?.path.hasSuffix("Sources/Storage/Disk.swift") == true)
    }

    /// A call that the module's own `usleep` shadows is no hop: the chain names the next blocking
    /// call, Foundation's. A computed property's getter is a hop named after the property.
    @Test func theSwiftChainSkipsShadowedCallsAndNamesGetters() throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent("swift_package")
        let findings = try FixtureHarness.projectFindings(project, catalogue: .embedded).findings
        let nap = try #require(findings.first { $0.code == "AL110" && $0.message.hasPrefix("`napThenRead()`") })
        #expect(nap.chain.map(\.name) == ["napThenRead", "FileManager.contents(atPath:)"], "\(nap.chain)")
        let config = try #require(findings.first { $0.code == "AL110" && $0.message.hasPrefix("`settings.config`") })
        #expect(config.chain.map(\.name) == ["Settings.config", "FileManager.contents(atPath:)"], "\(config.chain)")
        #expect(config.chain.first?.path.hasSuffix("Sources/Storage/Settings.swift") == true && config.chain.first?.line == 8)
        let subscriptRead = try #require(findings.first { $0.code == "AL110" && $0.message.hasPrefix("`settings[_:]`") })
        #expect(subscriptRead.chain.first?.name == "Settings.subscript")
    }

    /// Configuration `safe-functions` cuts propagation; `blocking-functions` marks a function
    /// the index cannot see into.
    @Test func userMarkedSafeAndBlockingFunctions() throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent("python_app")
        let baseline = try FixtureHarness.projectFindings(project, catalogue: .embedded).findings.filter { $0.code == "AL110" }
        let safe = try FixtureHarness.projectFindings(project, catalogue: .embedded,
                                                       safeFunctions: ["app.storage.read_file"]).findings
            .filter { $0.code == "AL110" }
        // read_file, app.read_file and load_config (twice, through read_file) in `handle`, the
        // two load_config callbacks in protocols.py, and load_config re-exported as
        // app.load_settings (called directly and through a helper): eight fewer.
        #expect(safe.count == baseline.count - 8, "\(safe.map(\.message))")
        let marked = try FixtureHarness.projectFindings(project, catalogue: .embedded,
                                                         blockingFunctions: ["app.storage.ping"]).findings
            .filter { $0.code == "AL110" }
        #expect(marked.contains { $0.message.hasPrefix("`ping()`") && $0.chain.map(\.name) == ["app.storage.ping (marked blocking)"] },
                "\(marked.map(\.chain))")
    }

    /// A Swift function marked blocking is one hop, named once.
    @Test func swiftFunctionMarkedBlockingIsNamedOnce() throws {
        let project = FixtureHarness.projectsRoot().appendingPathComponent("swift_package")
        let marked = try FixtureHarness.projectFindings(project, catalogue: .embedded, blockingFunctions: ["Cache.count"])
            .findings.filter { $0.code == "AL110" && $0.message.hasPrefix("`cache.count()`") }
        #expect(marked.count == 1)
        #expect(marked.first?.chain.map(\.name) == ["Cache.count (marked blocking)"], "\(marked.map(\.chain))")
    }

    @Test func modulePathsFollowThePackageLayout() {
        let files: Set<String> = ["/r/app/__init__.py", "/r/app/services/__init__.py", "/r/Package.swift"]
        let exists: (String) -> Bool = { files.contains($0) }
        #expect(ProjectLayout.pythonModule(forFile: "/r/app/services/jobs.py", fileExists: exists) == "app.services.jobs")
        #expect(ProjectLayout.pythonModule(forFile: "/r/app/__init__.py", fileExists: exists) == "app")
        #expect(ProjectLayout.pythonModule(forFile: "/r/script.py", fileExists: exists) == "script")
        // A stub beside its source names no importable module; a stub alone is the module.
        let withStub: (String) -> Bool = { exists($0) || $0 == "/r/app/native.py" }
        #expect(ProjectLayout.pythonModule(forFile: "/r/app/native.pyi", fileExists: withStub) == "<stub>app.native")
        #expect(ProjectLayout.pythonModule(forFile: "/r/app/native.pyi", fileExists: exists) == "app.native")
        // A directory's package, built on its parent's, is what its `__init__.py`'s module is.
        var known: [Substring: String] = [:]
        for directory in ["/r/app/services", "/r/app", "/r", "/r/app/services/deeper", "/", ""] {
            #expect(ProjectLayout.pythonPackage(ofDirectory: directory[...], known: &known, fileExists: exists)
                        == ProjectLayout.pythonModule(forFile: directory + "/__init__.py", fileExists: exists), "\(directory)")
        }
        #expect(known["/r/app/services"] == "app.services" && known["/r/app"] == "app" && known["/r"] == "")

        let nested: Set<String> = ["/r/a/__init__.py", "/r/a/b/__init__.py", "/r/a/b/c/__init__.py", "/r/x/b/__init__.py"]
        var nestedKnown: [Substring: String] = [:]
        for directory in ["/r/a/b/c", "/r/x/b", "/r/x/b/c"] {
            #expect(ProjectLayout.pythonPackage(ofDirectory: directory[...], known: &nestedKnown, fileExists: { nested.contains($0) })
                        == ProjectLayout.pythonModule(forFile: directory + "/__init__.py", fileExists: { nested.contains($0) }), "\(directory)")
        }
        #expect(nestedKnown["/r/a/b/c"] == "a.b.c" && nestedKnown["/r/x/b"] == "b" && nestedKnown["/r/x/b/c"] == "")
        #expect(ProjectLayout.swiftModule(forFile: "/r/Sources/Core/A/B.swift", fileExists: exists) == "Core")
        #expect(ProjectLayout.swiftModule(forFile: "/x/y/B.swift", fileExists: exists) == "/x/y")
        #expect(ProjectLayout.absoluteModule("..helpers", from: "app.services.jobs", isPackage: false) == "app.helpers")
        #expect(ProjectLayout.absoluteModule(".storage", from: "app", isPackage: true) == "app.storage")
        #expect(ProjectLayout.absoluteModule("...x", from: "app.a", isPackage: false) == nil)
        #expect(ProjectLayout.absoluteModule("..", from: "app.a.b", isPackage: false) == "app")
        #expect(ProjectLayout.absoluteModule(".", from: "app", isPackage: true) == "app")
        #expect(ProjectLayout.absoluteModule(".x", from: "script", isPackage: false) == "x")
        #expect(ProjectLayout.absoluteModule("...x", from: "app", isPackage: true) == nil)
        #expect(ProjectLayout.absoluteModule("os.path", from: "app.a", isPackage: false) == "os.path")
    }

    /// Namespace packages (PEP 420): the directories above a module's top package, while they
    /// are identifiers, two at most; and the names the module has through them.
    @Test func namespacePackagesAboveTheTopPackage() {
        #expect(ProjectLayout.namespacePrefix(ofDirectory: "/home/u/proj/app", package: "") == "proj.app")
        #expect(ProjectLayout.namespacePrefix(ofDirectory: "/home/u/my-proj/app", package: "") == "app")
        #expect(ProjectLayout.namespacePrefix(ofDirectory: "/r/src/app/services", package: "app.services") == "r.src")
        #expect(ProjectLayout.namespacePrefix(ofDirectory: "/r/x-1.0/pkg", package: "pkg") == "")
        #expect(ProjectLayout.namespacePrefix(ofDirectory: "/2fa/app", package: "") == "app")
        #expect(ProjectLayout.namespaceAliases(of: "db", namespacePrefix: "proj.app") == ["app.db", "proj.app.db"])
        #expect(ProjectLayout.namespaceAliases(of: "db", namespacePrefix: "") == [])
        #expect(ProjectLayout.relativePackage(dots: 2, of: "handlers", namespacePrefix: "app.api", isPackage: false) == "app")
        #expect(ProjectLayout.relativePackage(dots: 1, of: "app.io", namespacePrefix: "src", isPackage: false) == "app")
        #expect(ProjectLayout.relativePackage(dots: 3, of: "handlers", namespacePrefix: "api", isPackage: false) == nil)
        var universe = ProjectUniverse()
        universe.pythonModules = ["db": [0], "app.db": [1], "util": [2, 3]]
        universe.addNamespaceAliases(of: "db", namespacePrefix: "app")   // `app.db` is a module's own name
        universe.addNamespaceAliases(of: "util", namespacePrefix: "lib")
        universe.finish()
        #expect(universe.pythonModuleAliases == ["lib.util": "util"])
        // `x/y/a.py` (module `a`) and `x/y/a.py` of package `y` elsewhere (module `y.a`): both
        // would be `x.y.a`, which is then no alias at all; `y.a` is a module's own name.
        var ambiguous = ProjectUniverse()
        ambiguous.pythonModules = ["a": [0], "y.a": [1]]
        ambiguous.addNamespaceAliases(of: "a", namespacePrefix: "x.y")
        ambiguous.addNamespaceAliases(of: "y.a", namespacePrefix: "x")
        ambiguous.finish()
        #expect(ambiguous.pythonModuleAliases.isEmpty)
    }

    /// A qualified name joined from interned parts is the same string, with the same hash, as
    /// the concatenation interned whole: the index looks names up by that hash.
    @Test func joinedNamesInternLikeTheirText() {
        var summary = FileSummary(path: "m.py", language: .python, module: "pkg.mod")
        let outer = summary.intern("pkg.mod.Store"), name = summary.intern("load")
        let joined = summary.intern(joining: outer, ".", name)
        #expect(summary.string(joined) == "pkg.mod.Store.load")
        #expect(summary.hash(joined) == WordHash.of("pkg.mod.Store.load"))
        #expect(summary.intern("pkg.mod.Store.load") == joined)
        #expect(summary.intern(joining: outer, ".", name) == joined)
        let local = summary.intern(joining: joined, ".<locals>.", name)
        #expect(summary.string(local) == "pkg.mod.Store.load.<locals>.load")
        #expect(summary.hash(local) == WordHash.of("pkg.mod.Store.load.<locals>.load"))
        // Non-ASCII names are joined by their UTF-8 bytes.
        let café = summary.intern("café")
        let method = summary.intern(joining: outer, ".", café)
        #expect(summary.string(method) == "pkg.mod.Store.café")
        #expect(summary.intern("pkg.mod.Store.café") == method)
    }

    @Test func swiftLabelMatching() {
        #expect(ProjectIndex.accepts(["at"], labels: ["at"], trailingClosures: 0))
        #expect(!ProjectIndex.accepts(["at", "cached"], labels: ["at"], trailingClosures: 0))
        #expect(ProjectIndex.accepts(["at", "cached="], labels: ["at"], trailingClosures: 0))
        #expect(ProjectIndex.accepts(["_", "body"], labels: ["_"], trailingClosures: 1))
        #expect(!ProjectIndex.accepts([String](), labels: ["_"], trailingClosures: 0))
    }
}
