import ArgumentParser
import AsyncLint
import Foundation
import LightSyntax

/// Hidden: prints one `SyntaxSummary` JSON line per file, for the conformance scripts.
/// Paths are read from the arguments, or one per line from standard input with `--stdin`.
struct DumpSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-summary", shouldDisplay: false)

    @Flag(help: "Read the file paths from standard input, one per line.") var stdin = false
    @Argument var paths: [String] = []

    func run() throws {
        var all = paths
        if stdin {
            while let line = readLine(strippingNewline: true) { if !line.isEmpty { all.append(line) } }
        }
        for path in all {
            guard let language = FrontEnds.language(forPath: path),
                  let data = FileManager.default.contents(atPath: path) else {
                print("{\"path\":\(jsonString(path)),\"error\":\"unreadable\"}")
                continue
            }
            let tree = FrontEnds.parse([UInt8](data), language: language)
            print(SyntaxSummary(tree: tree).json(path: path))
        }
    }
}
