import Foundation
import Testing
import LightSyntax
@testable import Analysis
import AsyncLint

/// Focused checks of the Python rules: ranges, messages, metadata, resolution corner cases.
/// The broad behaviour lives in Fixtures/python (FixtureTests).
@Suite struct PythonCheckerTests {
    private func check(_ source: String, catalogue: RuleCatalogue = .embedded) -> [Finding] {
        FixtureHarness.findings(in: source, language: .python, path: "t.py", catalogue: catalogue)
    }

    private func lineCodes(_ source: String) -> [String] {
        check(source).map { "\($0.range.start.line):\($0.code)" }
    }

    @Test func findingSpansTheCallWithRuleMetadata() throws {
        let findings = check("import time as t\nasync def f():\n    await t.sleep(\n        1)\n")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.range.start == SourceLocation(line: 3, column: 11))
        #expect(finding.range.end == SourceLocation(line: 4, column: 11))
        #expect(finding.code == "AL101" && finding.name == "blocking-sleep" && finding.category == "sleep")
        #expect(finding.severity == .error && finding.language == .python && finding.path == "t.py")
        #expect(finding.message.contains("`t.sleep(...)` is `time.sleep`") && finding.message.contains("`async def f`"))
        #expect(finding.help.contains("await asyncio.sleep(...)"))
        #expect(finding.chain.isEmpty)
    }

    /// A trio or anyio file is advised with its own library's APIs; a file that imports asyncio
    /// keeps asyncio's.
    @Test func theAdviceNamesTheFilesAsyncLibrary() throws {
        let body = "async def f(p, q):\n    time.sleep(1)\n    open(p)\n    subprocess.run(p)\n    q.join()\n    g()\n\nasync def g():\n    pass\n"
        let imports = "import queue\nimport subprocess\nimport time\n"
        func helps(_ header: String) -> [String] {
            check(header + imports + body.replacingOccurrences(of: "(p, q)", with: "(p, q: queue.Queue)")).map(\.help)
        }
        let trio = helps("import trio\n")
        #expect(trio.count == 5)
        #expect(trio[0].contains("await trio.sleep(...)"))
        #expect(trio[1].contains("await trio.open_file(...), or await trio.to_thread.run_sync(...)"))
        #expect(trio[2].contains("await trio.run_process(...)"))
        #expect(trio[3].contains("trio.open_memory_channel"))
        #expect(trio[4].contains("nursery.start_soon(function, *args)"))
        #expect(!trio.joined().contains("asyncio"))
        let anyio = helps("from anyio import to_thread\n")
        #expect(anyio[0].contains("await anyio.sleep(...)") && anyio[4].contains("task_group.start_soon"))
        #expect(!anyio.joined().contains("asyncio"))
        let both = helps("import asyncio\nimport trio\n")
        #expect(both[0].contains("await asyncio.sleep(...)") && both[4].contains("asyncio.create_task"))
    }

    /// A call inside the quoted callee keeps a sign of its arguments: `Path().read_text` would
    /// be advice to read `Path(".")`.
    @Test func quotedCallsInsideACalleeShowTheyHadArguments() throws {
        let findings = check("from pathlib import Path\nasync def f(rows):\n    Path('data.txt').read_text()\n    Path.cwd().exists()\n")
        #expect(findings.map(\.message.first) == ["`", "`"])
        #expect(findings[0].message.hasPrefix("`Path(...).read_text(...)` blocks"))
        #expect(findings[0].help.contains("asyncio.to_thread(Path(...).read_text, ...)"))
        #expect(findings[1].message.hasPrefix("`Path.cwd().exists(...)` blocks"))
    }

    @Test func typedValueMessagesNameTheMethodAndTheValue() throws {
        let findings = check("async def f(p):\n    with open(p) as fh:\n        fh.read()\n")
        #expect(findings.map(\.range.start.line) == [2, 3])
        let read = try #require(findings.last)
        #expect(read.message.contains("`fh.read(...)`") && read.message.contains("`read` on a file object"))
        #expect(read.help.contains("asyncio.to_thread(fh.read"))
    }

    /// A receiver the normal form cannot spell is quoted as `(…)`, not as a bare `?`.
    @Test func anUnspelledReceiverIsQuotedAsAnEllipsis() throws {
        let findings = check("from pathlib import Path\nasync def f(base: Path):\n    (base / \"x\").read_text()\n")
        let read = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(read.message.hasPrefix("`(…).read_text(...)` blocks the event loop"))
        #expect(read.help.contains("asyncio.to_thread((…).read_text, ...)"))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let findings = check("import time\nasync def f():\n    s = \"é😀\"; time.sleep(1)\n")
        let finding = try #require(findings.first)
        #expect(finding.range.start == SourceLocation(line: 3, column: 15))
    }

    @Test func blockingCallsNeedAnAsyncContextButMissingAwaitsDoNot() {
        let source = """
        import asyncio, time
        def f():
            time.sleep(1)
            asyncio.sleep(1)
        """
        #expect(lineCodes(source) == ["4:AL202"])
        // Outside an `async def`, `await` is no fix: the advice is to run the coroutine.
        let advice = check(source).map(\.help)
        #expect(advice == ["Run the coroutine: `asyncio.run(asyncio.sleep(...))` where the program starts; in code the "
                           + "running loop calls (a callback, a protocol method), `asyncio.create_task(asyncio.sleep(...))`, "
                           + "keeping a reference to the task; or make this function `async def` and `await asyncio.sleep(...)`."])
        #expect(check("import asyncio\nasync def g():\n    asyncio.sleep(1)\n").first?.help.hasPrefix("Add `await`") == true)
    }

    @Test func importFormsResolve() {
        let source = """
        import os.path as osp
        import os.path
        import subprocess as sp
        from os import path as p
        from shutil import *
        async def f(x):
            osp.exists(x)
            os.path.isdir(x)
            sp.check_output(x)
            p.getmtime(x)
            p.join(x, x)
            osp.basename(x)
        """
        #expect(lineCodes(source) == ["7:AL102", "8:AL102", "9:AL104", "10:AL102"])
    }

    @Test func conditionalImportsThatDisagreeAreNotGuessed() {
        let source = """
        try:
            import time as clock
        except ImportError:
            import mytime as clock
        try:
            from time import sleep
        except ImportError:
            from time import sleep
        async def f():
            clock.sleep(1)
            sleep(1)
        """
        #expect(lineCodes(source) == ["11:AL101"])
    }

    @Test func nonlocalAndGlobalRebindingsAreFollowed() {
        let source = """
        import time
        import requests
        session = None
        def setup():
            global session
            session = requests.Session()
        def outer():
            clock = time
            async def inner():
                nonlocal clock
                clock.sleep(1)
            return inner
        async def use():
            session.get("u")
        """
        #expect(lineCodes(source) == ["11:AL101", "14:AL103"])
    }

    @Test func optionalImportsWithANonePlaceholderResolve() {
        let source = """
        try:
            import requests
        except ImportError:
            requests = None
        async def f(url: "requests.Session"):
            requests.get(url)
            url.get("x")
        """
        #expect(lineCodes(source) == ["6:AL103", "7:AL103"])
    }

    @Test func bindingsInBranchesMustAgree() {
        let source = """
        import httpx
        async def choose(use_async, url, p):
            if use_async:
                client = httpx.AsyncClient()
            else:
                client = httpx.Client()
            await client.get(url)
            if use_async:
                other = httpx.Client()
                other.get(url)
            try:
                f = open(p)
            except OSError:
                return
            f.read()
        """
        #expect(lineCodes(source) == ["10:AL103", "12:AL102", "15:AL102"])
    }

    @Test func relativeAndUnknownImportsAreNotMatched() {
        let source = """
        from . import time
        from .helpers import open
        async def f():
            time.sleep(1)
            open("x")
        """
        #expect(lineCodes(source).isEmpty)
    }

    @Test func walrusAndAnnotatedAssignmentsCarryTypes() {
        let source = """
        import sqlite3
        from pathlib import Path
        async def f(db, name):
            if (conn := sqlite3.connect(db)):
                conn.commit()
            p: Path = Path(name)
            p.read_text()
        """
        #expect(lineCodes(source) == ["4:AL107", "5:AL107", "7:AL102"])
    }

    @Test func userCatalogueEntriesAreMatched() throws {
        let json = """
        {"calls": [{"rule": "AL101", "use": "await mylib.asleep(...)", "names": ["mylib.nap"]}],
         "types": [{"name": "gadget", "description": "a gadget", "constructors": ["mylib.Gadget"],
                    "methods": [{"rule": "AL105", "use": "await g.ajoin()", "names": ["join"]}]}]}
        """
        let extra = try JSONDecoder().decode(PythonCatalogue.self, from: Data(json.utf8))
        var catalogue = RuleCatalogue.embedded
        catalogue.python = extra
        let source = "import mylib\nasync def f():\n    mylib.nap()\n    g = mylib.Gadget()\n    g.join()\n    time.sleep(1)\n"
        let findings = check(source, catalogue: catalogue)
        #expect(findings.map { "\($0.range.start.line):\($0.code)" } == ["3:AL101", "5:AL105"])
        #expect(findings.first?.help == "Use await mylib.asleep(...) instead.")
    }

    @Test func aCatalogueWithoutARuleReportsNothingForIt() {
        var catalogue = RuleCatalogue.embedded
        catalogue.rules.removeAll { $0.code == "AL101" }
        #expect(check("import time\nasync def f():\n    time.sleep(1)\n", catalogue: catalogue).isEmpty)
    }

    @Test func findingsAreSortedAndDeterministic() {
        let source = "import time, asyncio\nasync def f():\n    asyncio.sleep(1); time.sleep(1)\n    time.sleep(2)\n"
        let first = check(source)
        #expect(first.map { "\($0.range.start.line):\($0.range.start.column):\($0.code)" }
            == ["3:5:AL202", "3:23:AL101", "4:5:AL101"])
        #expect(check(source) == first)
    }

    /// A name rebound many times in a loop must not make resolution explode.
    @Test func rebindingChainsResolveQuickly() {
        var source = "import pathlib\nnode = pathlib.Path('.')\nasync def walk():\n    for _ in range(9):\n"
        for _ in 0..<200 { source += "        node = node.parent\n        node = node if node else node.parent\n" }
        source += "        node.exists()\n"
        let start = ContinuousClock.now
        _ = check(source)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// Big generated files stay fast: linear in the number of calls.
    @Test func largeFileIsCheckedQuickly() {
        var source = "import time, os\nfrom pathlib import Path\n"
        for i in 0..<2_000 {
            source += "async def f\(i)(p):\n    x = Path(p)\n    x.exists()\n    time.sleep(\(i))\n    os.path.join(p, 'a')\n"
        }
        let start = ContinuousClock.now
        let findings = check(source)
        #expect(findings.count == 4_000)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}

/// Pathological nesting must not overflow the stack of the checker's walks.
@Suite struct PythonDeepNestingTests {
    @Test func longOperatorChainsAndDeepCalls() {
        var source = "import time\nasync def f():\n    x = 1"
        source += String(repeating: " + 1", count: 100_000)
        source += "\n    y = " + String(repeating: "g(", count: 3_000) + "time.sleep(1)" + String(repeating: ")", count: 3_000) + "\n"
        source += "    z = " + String(repeating: "a.", count: 20_000) + "b\n"
        source += "    time.sleep(2)\n"
        let findings = FixtureHarness.findings(in: source, language: .python, path: "t.py", catalogue: .embedded)
        #expect(findings.contains { $0.range.start.line == 6 && $0.code == "AL101" })
    }
}
