import Foundation
import Testing
import LightSyntax
@testable import Analysis
import AsyncLint

/// The fixtures under Fixtures/ produce exactly the findings their `expect:` markers name.
@Suite struct FixtureTests {
    @Test func fixturesExist() {
        let files = FixtureHarness.fixtureFiles()
        #expect(files.contains { $0.path.hasSuffix(".py") }, "no Python fixtures found under Fixtures/")
    }

    @Test func everyFixtureProducesExactlyItsExpectedFindings() throws {
        let problems = try FixtureHarness.fixtureMismatches(catalogue: .embedded)
        #expect(problems.isEmpty, "fixture findings differ from the expect: markers:\n\(problems.joined(separator: "\n"))")
    }

    /// A fixture the front end cannot fully parse would test the parser's recovery, not the rules.
    @Test func fixturesParseWithoutProblems() throws {
        for url in FixtureHarness.fixtureFiles() {
            guard let language = FrontEnds.language(forPath: url.path) else { continue }
            let tree = FrontEnds.parse(Array(try Data(contentsOf: url)), language: language)
            let lines = tree.problems.map { "\(tree.lineMap.location(ofByte: Int($0.start)).line): \($0.message)" }
            #expect(lines.isEmpty, "\(url.lastPathComponent) has parse problems: \(lines)")
        }
    }

    @Test func everyPythonRuleHasAFixtureFinding() throws {
        var codes: Set<String> = []
        for url in FixtureHarness.fixtureFiles() where url.pathExtension == "py" {
            let source = try String(contentsOf: url, encoding: .utf8)
            for e in FixtureHarness.expectedFindings(in: source, language: .python) { codes.insert(e.code) }
        }
        for code in ["AL101", "AL102", "AL103", "AL104", "AL105", "AL106", "AL107", "AL201", "AL202"] {
            #expect(codes.contains(code), "no Python fixture expects \(code)")
        }
    }

    /// The comparison has teeth: a catalogue without `time.sleep` misses the AL101 findings,
    /// and the harness says so (and nothing else changes).
    @Test func removingACatalogueEntryFailsTheFixtures() throws {
        let baseline = Set(try FixtureHarness.fixtureMismatches(catalogue: .embedded))
        var weakened = RuleCatalogue.embedded
        weakened.python = weakened.python.removing(name: "time.sleep")
        let added = try FixtureHarness.fixtureMismatches(catalogue: weakened).filter { !baseline.contains($0) }
        #expect(added.contains { $0.hasPrefix("Fixtures/python/al101_sleep.py:") && $0.hasSuffix("missing AL101") })
        // AL110 follows the catalogue: a helper that sleeps no longer blocks either.
        #expect(added.allSatisfy { $0.hasSuffix("missing AL101") || $0.hasSuffix("missing AL110") }, "\(added)")
    }

    @Test func anUnmarkedFindingIsReported() {
        let source = "import time\nasync def f():\n    time.sleep(1)\n"
        let problems = FixtureHarness.mismatches(source: source, language: .python, path: "t.py", catalogue: .embedded)
        #expect(problems.count == 1 && problems[0].hasPrefix("t.py:3: unexpected AL101"))
    }

    @Test func markersAreParsedWithRepeatsAndBothCommentStyles() {
        let py = FixtureHarness.expectedFindings(in: "x\ny  # expect: AL102, AL102\n", language: .python)
        #expect(py.map(\.description) == ["2: AL102", "2: AL102"])
        let swift = FixtureHarness.expectedFindings(in: "a // expect: AL101,AL105\n", language: .swift)
        #expect(swift.map(\.description) == ["1: AL101", "1: AL105"])
    }
}
