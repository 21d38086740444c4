import Analysis
import Foundation
import LightSyntax
@testable import Reporting
import Testing

/// The CI formats against outputs checked by hand (GitHub's workflow-command escaping, JUnit's
/// XML), and the SARIF properties code scanning relies on.
@Suite struct WorkflowFormatTests {
    static let odd = ReportFixtures.finding("src/a,b:c%.py", 7, 3, to: 9, code: "AL201",
                                            message: "50% of\nthe loop", help: "keep the handle")
    static let report = ReportFixtures.report(
        [ReportFixtures.sleepFinding, odd],
        lines: [("app/main.py", 3, "    time.sleep(1)"), ("src/a,b:c%.py", 7, "  asyncio.create_task(x)")],
        errors: [FileError(path: "gone.py", message: "No such file or directory")], files: 2)

    @Test func githubAnnotationsEscapeDataAndProperties() {
        let output = GitHubReporter().render(Self.report).standardOutput
        #expect(output == """
            ::error file=app/main.py,line=3,col=5,endLine=3,endColumn=18,title=AL101 blocking-sleep::`time.sleep()` blocks the event loop%0Ause `await asyncio.sleep(...)`
            ::warning file=src/a%2Cb%3Ac%25.py,line=7,col=3,endLine=7,endColumn=9,title=AL201 orphaned-task::50%25 of%0Athe loop%0Akeep the handle
            ::error file=gone.py,title=asynclint::No such file or directory

            """)
        #expect(GitHubReporter.escapeData("a\r\nb%:,") == "a%0D%0Ab%25:,")
        #expect(GitHubReporter.escapeProperty("a\r\nb%:,") == "a%0D%0Ab%25%3A%2C")
    }

    @Test func junitReportGroupsFindingsByFile() {
        let output = JUnitReporter().render(Self.report).standardOutput
        #expect(output == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="asynclint" tests="3" failures="2" errors="1">
              <testsuite name="app/main.py" tests="1" failures="1" errors="0">
                <testcase name="AL101 blocking-sleep at 3:5" classname="app/main.py" file="app/main.py" line="3">
                  <failure type="AL101" message="`time.sleep()` blocks the event loop">app/main.py:3:5: AL101 `time.sleep()` blocks the event loop
            help: use `await asyncio.sleep(...)`</failure>
                </testcase>
              </testsuite>
              <testsuite name="src/a,b:c%.py" tests="1" failures="1" errors="0">
                <testcase name="AL201 orphaned-task at 7:3" classname="src/a,b:c%.py" file="src/a,b:c%.py" line="7">
                  <failure type="AL201" message="50% of&#10;the loop">src/a,b:c%.py:7:3: AL201 50% of
            the loop
            help: keep the handle</failure>
                </testcase>
              </testsuite>
              <testsuite name="asynclint" tests="1" failures="0" errors="1">
                <testcase name="gone.py" classname="asynclint" file="gone.py">
                  <error message="No such file or directory">gone.py: No such file or directory</error>
                </testcase>
              </testsuite>
            </testsuites>

            """)
        #expect(JUnitReporter.escape("<a & \"b\" 'c'>\u{1}") == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;\u{FFFD}")
        let clean = JUnitReporter().render(ReportFixtures.report([], files: 4)).standardOutput
        #expect(clean.contains("<testcase name=\"no findings in 4 files\" classname=\"asynclint\"/>"))
        #expect(clean.contains("<testsuites name=\"asynclint\" tests=\"1\" failures=\"0\" errors=\"0\">"))
    }

    @Test func sarifResultsCarryWhatCodeScanningUses() throws {
        let chain = [ChainHop(name: "load_settings", path: "app/settings.py", line: 4, column: 1),
                     ChainHop(name: "read_file", path: "app/my io.py", line: 2, column: 1)]
        let helper = ReportFixtures.finding("app/main.py", 9, 5, to: 20, code: "AL110", chain: chain)
        let report = ReportFixtures.report([ReportFixtures.sleepFinding, helper],
                                           lines: [("app/main.py", 3, "    time.sleep(1)"), ("app/main.py", 9, "    load_settings()")])
        let text = SarifReporter(rootURI: "file:///repo/").render(report).standardOutput
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["version"] as? String == "2.1.0")
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: Any]])
        #expect(bases["SRCROOT"]?["uri"] as? String == "file:///repo/")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == RuleCatalogue.embedded.rules.count)
        for rule in rules {
            for key in ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"] {
                #expect(rule[key] != nil, "rule \(rule["id"] ?? "?") lacks \(key)")
            }
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false && help["markdown"]?.isEmpty == false)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["AL101", "AL110"])
        // The help follows the message as a sentence of its own.
        #expect((results[0]["message"] as? [String: Any])?["text"] as? String
            == "`time.sleep()` blocks the event loop. use `await asyncio.sleep(...)`")
        let related = try #require(results[1]["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 2)
        let uri = ((related[1]["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"]
        #expect(uri as? String == "app/my%20io.py")
        #expect(SarifReporter.percentEncodedURI("dir/ä b#?.py") == "dir/%C3%A4%20b%23%3F.py")
    }

    /// An edit above a finding moves it down; its fingerprint must not change. Two findings on
    /// identical lines get different fingerprints (the occurrence index tells them apart).
    @Test func sarifFingerprintsIgnoreLineNumbersAndWhitespace() {
        let before = ReportFixtures.report(
            [ReportFixtures.finding("a.py", 3, 5, to: 18), ReportFixtures.finding("a.py", 5, 5, to: 18)],
            lines: [("a.py", 3, "    time.sleep(1)"), ("a.py", 5, "    time.sleep(1)")])
        let after = ReportFixtures.report(
            [ReportFixtures.finding("a.py", 13, 9, to: 22), ReportFixtures.finding("a.py", 15, 9, to: 22)],
            lines: [("a.py", 13, "        time.sleep(1)  "), ("a.py", 15, "        time.sleep(1)")])
        let first = SarifReporter.fingerprints(before)
        #expect(first == SarifReporter.fingerprints(after))
        #expect(first[0] != first[1])
        #expect(first[0].count == 32)
        let otherFile = ReportFixtures.report([ReportFixtures.finding("b.py", 3, 5, to: 18)], lines: [("b.py", 3, "    time.sleep(1)")])
        #expect(SarifReporter.fingerprints(otherFile)[0] != first[0])
    }

    /// A file named outside the working directory (`../../tmp/a.py`) is printed as the plain
    /// absolute path an editor or build log can open.
    @Test func diagnosticsPathsAreNormalizedAbsolutePaths() {
        let reporter = DiagnosticsReporter(workingDirectory: "/work/repo")
        #expect(reporter.absolute("../../tmp/a.py") == "/tmp/a.py")
        #expect(reporter.absolute("./src/../app/main.py") == "/work/repo/app/main.py")
        #expect(reporter.absolute("/already/absolute.py") == "/already/absolute.py")
        #expect(DiagnosticsReporter(workingDirectory: "/").absolute("a.py") == "/a.py")
        #expect(DiagnosticsReporter().absolute("a.py") == "a.py")
    }

    /// `--report-unused-suppressions`: formats a CI reads carry each unused comment at its line;
    /// the text formats leave them to the CLI's standard error.
    @Test func unusedSuppressionsAreAnnotatedWhereTheFormatCanHoldThem() throws {
        var report = ReportFixtures.report([ReportFixtures.sleepFinding], lines: [("app/main.py", 3, "    time.sleep(1)")])
        report.unusedSuppressions = [UnusedSuppressionNote(path: "app/a,b.py", line: 4, column: 12, text: "# noqa: AL101")]
        report.listsUnusedSuppressions = true
        let github = GitHubReporter().render(report).standardOutput
        #expect(github.hasSuffix("::warning file=app/a%2Cb.py,line=4,col=12,title=asynclint unused suppression::"
            + "unused suppression `# noqa: AL101`: it silenced nothing\n"))
        let diagnostics = DiagnosticsReporter(workingDirectory: "/repo").render(report).standardOutput
        #expect(diagnostics.hasSuffix("/repo/app/a,b.py:4:12: warning: unused suppression `# noqa: AL101`: it silenced nothing\n"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).standardOutput.utf8)) as? [String: Any])
        let listed = try #require(json["unusedSuppressions"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["path"] as? String == "app/a,b.py" && listed.first?["line"] as? Int == 4
                && listed.first?["column"] as? Int == 12)
        #expect(listed.first?["text"] as? String == "# noqa: AL101")
        report.listsUnusedSuppressions = false
        report.unusedSuppressions = []
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).standardOutput.utf8)) as? [String: Any])
        #expect(plain["unusedSuppressions"] == nil)

        report.unusedSuppressions = [UnusedSuppressionNote(path: "app/b.py", line: 9, text: "# noqa")]
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SarifReporter().render(report).standardOutput.utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "warning")
        let location = try #require((notification["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 9)
        #expect((run["results"] as? [Any])?.count == 1)

        #expect(!TextReporter().rendersUnusedSuppressions && !JUnitReporter().rendersUnusedSuppressions)
        #expect(!TextReporter().render(report).standardOutput.contains("unused"))
    }
}
