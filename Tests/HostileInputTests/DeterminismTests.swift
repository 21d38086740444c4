import AsyncLint
import Foundation
import Reporting
import Testing

/// A corpus-sized run prints the same bytes with one worker and with every core (and more
/// workers than cores, so they finish in a scrambled order). `.ci/run` does the same on the
/// benchmark corpora when they are present (scripts/hostile-scale.sh).
@Suite struct DeterminismTests {
    @Test func aCorpusSizedRunIsByteIdenticalWhateverTheNumberOfJobs() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures").standardized
        var sources: [(String, String)] = []
        for language in ["python", "swift"] {
            let dir = fixtures.appendingPathComponent(language)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where name.hasSuffix(".py") || name.hasSuffix(".swift") {
                sources.append((name, try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)))
            }
        }
        #expect(sources.count >= 20)
        // 1,000 files of uneven sizes in nested directories: every fixture many times, shifted
        // by a varying number of lines and repeated a varying number of times. (It was 2,000,
        // and this one test, three debug-built runs, set the whole suite's 3 minutes in CI;
        // hostile-scale.sh compares --jobs 1 and 2 on the real corpora with the release build.)
        let scratch = try Scratch()
        let fileCount = 1_000
        for index in 0..<fileCount {
            let (name, text) = sources[index % sources.count]
            let comment = name.hasSuffix(".py") ? "#" : "//"
            let shift = String(repeating: "\(comment) shift\n", count: index % 7)
            let body = String(repeating: text + "\n", count: 1 + (index * 7919) % 5)
            try scratch.write("d\(index % 13)/e\(index % 5)/\(index)-\(name)", shift + body)
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var outputs: [String: [String]] = [:]
        var elapsed: [Int: Double] = [:]
        for jobs in [1, cores, 2 * cores + 3] {
            var report: LintReport?
            elapsed[jobs] = try seconds { report = try scratch.lint(jobs: jobs) }
            let result = try #require(report)
            #expect(result.filesChecked == fileCount)
            #expect(result.findings.count > fileCount)
            outputs[String(jobs)] = [JSONReporter().render(result).standardOutput,
                                     TextReporter().render(result).standardOutput]
        }
        let one = try #require(outputs["1"])
        for (jobs, output) in outputs {
            #expect(output == one, "--jobs \(jobs) differs from --jobs 1")
        }
        #expect(elapsed.values.allSatisfy { $0 < 300 }, "\(elapsed)")
    }
}
