@testable import Analysis
import Foundation
@testable import Reporting
import Testing

private func parse(_ report: LintReport) throws -> [String: Any] {
    let text = JSONReporter().render(report).standardOutput
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
}

private func keysInOrder(_ json: String, depth: Int) -> [String] {
    // The keys at one indentation level, in the order printed (JSONSerialization loses order).
    let indent = String(repeating: " ", count: depth * 2)
    return json.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix(indent + "\""), !line.hasPrefix(indent + " ") else { return nil }
        let rest = line.dropFirst(indent.count + 1)
        guard let quote = rest.firstIndex(of: "\""), rest[quote...].hasPrefix("\": ") else { return nil }
        return String(rest[..<quote])
    }
}

@Test func jsonFollowsTheOutputContract() throws {
    let chain = [ChainHop(name: "read_file", path: "app/io.py", line: 10, column: 5)]
    let findings = [
        ReportFixtures.finding("app/main.py", 3, 5, to: 18),
        ReportFixtures.finding("app/main.py", 7, 5, to: 9, endLine: 8, code: "AL110", message: "read_file() blocks",
                               help: "make it async", chain: chain),
        ReportFixtures.finding("Sources/App.swift", 2, 9, to: 30, code: "AL201", message: "task dropped", help: "keep it",
                               language: .swift),
    ]
    let report = ReportFixtures.report(findings, errors: [FileError(path: "gone.py", message: "No such file or directory")],
                                       files: 4)
    let root = try parse(report)
    #expect(Set(root.keys) == ["version", "tool", "findings", "errors", "summary"])
    #expect(root["version"] as? Int == 1)

    let tool = try #require(root["tool"] as? [String: Any])
    #expect(Set(tool.keys) == ["name", "version", "informationUri"])
    #expect(tool["name"] as? String == "asynclint")
    #expect(tool["version"] as? String == ToolInfo.version)
    #expect((tool["informationUri"] as? String)?.hasPrefix("https://") == true)

    let items = try #require(root["findings"] as? [[String: Any]])
    #expect(items.count == 3)
    let expectedKeys: Set<String> = ["path", "line", "column", "endLine", "endColumn", "code", "name", "category",
                                     "severity", "language", "message", "help", "chain"]
    for item in items {
        #expect(Set(item.keys) == expectedKeys)
        for key in ["path", "code", "name", "category", "severity", "language", "message", "help"] {
            #expect(item[key] is String, "\(key) should be a string")
        }
        for key in ["line", "column", "endLine", "endColumn"] {
            #expect(item[key] is Int, "\(key) should be an integer")
        }
        #expect(item["chain"] is [Any])
    }
    // Report order: path bytewise (uppercase first), then line.
    #expect(items.map { $0["path"] as? String } == ["Sources/App.swift", "app/main.py", "app/main.py"])
    let swift = items[0]
    #expect(swift["language"] as? String == "swift")
    #expect(swift["severity"] as? String == "warning")
    #expect(swift["code"] as? String == "AL201")
    #expect(swift["name"] as? String == "orphaned-task")
    #expect(swift["category"] as? String == "orphaned-task")
    #expect((swift["chain"] as? [Any])?.isEmpty == true)
    let sleep = items[1]
    #expect(sleep["line"] as? Int == 3)
    #expect(sleep["column"] as? Int == 5)
    #expect(sleep["endLine"] as? Int == 3)
    #expect(sleep["endColumn"] as? Int == 18)
    #expect(sleep["message"] as? String == "`time.sleep()` blocks the event loop")
    #expect(sleep["help"] as? String == "use `await asyncio.sleep(...)`")
    #expect(sleep["severity"] as? String == "error")
    let helper = items[2]
    #expect(helper["endLine"] as? Int == 8)
    let hops = try #require(helper["chain"] as? [[String: Any]])
    #expect(hops.count == 1)
    #expect(hops[0]["name"] as? String == "read_file")
    #expect(hops[0]["path"] as? String == "app/io.py")
    #expect(hops[0]["line"] as? Int == 10)
    #expect(hops[0]["column"] as? Int == 5)

    let errors = try #require(root["errors"] as? [[String: Any]])
    #expect(errors.count == 1)
    #expect(Set(errors[0].keys) == ["path", "message"])
    #expect(errors[0]["path"] as? String == "gone.py")
    #expect(errors[0]["message"] as? String == "No such file or directory")

    let summary = try #require(root["summary"] as? [String: Any])
    #expect(Set(summary.keys) == ["files", "findings", "byCode", "errors"])
    #expect(summary["files"] as? Int == 4)
    #expect(summary["findings"] as? Int == 3)
    #expect(summary["errors"] as? Int == 1)
    let byCode = try #require(summary["byCode"] as? [String: Any])
    #expect(byCode as? [String: Int] == ["AL101": 1, "AL110": 1, "AL201": 1])
}

@Test func jsonKeysComeInTheDocumentedOrder() {
    let text = JSONReporter().render(ReportFixtures.sleepReport).standardOutput
    #expect(keysInOrder(text, depth: 1) == ["version", "tool", "findings", "errors", "summary"])
    #expect(keysInOrder(text, depth: 2) == ["name", "version", "informationUri", "files", "findings", "byCode", "errors"])
    #expect(keysInOrder(text, depth: 3) == ["path", "line", "column", "endLine", "endColumn", "code", "name", "category",
                                            "severity", "language", "message", "help", "chain", "AL101"])
}

@Test func jsonForACleanRunHasEmptyListsAndNothingOnStandardError() throws {
    let output = JSONReporter().render(ReportFixtures.report([], notes: [FileNote(path: "b.py", message: "skipped: binary file")], files: 0))
    let root = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    #expect((root["findings"] as? [Any])?.isEmpty == true)
    #expect((root["errors"] as? [Any])?.isEmpty == true)
    #expect(((root["summary"] as? [String: Any])?["byCode"] as? [String: Any])?.isEmpty == true)
    #expect(output.standardOutput.hasSuffix("}\n"))
    // Notes are not part of the contract: standard error only.
    #expect(output.standardError == "b.py: note: skipped: binary file\n")
}

@Test func jsonEscapesStrings() throws {
    let finding = ReportFixtures.finding("dir/we\"ird\\name.py", 1, 1, to: 2, message: "tab\there\nnewline \u{1} ctl é")
    let output = JSONReporter().render(ReportFixtures.report([finding])).standardOutput
    #expect(output.contains(#""path": "dir/we\"ird\\name.py""#))
    #expect(output.contains(#""message": "tab\there\nnewline \u0001 ctl é""#))
    let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let item = try #require((root["findings"] as? [[String: Any]])?.first)
    #expect(item["message"] as? String == "tab\there\nnewline \u{1} ctl é")
}
