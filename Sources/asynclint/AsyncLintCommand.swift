import ArgumentParser
import AsyncLint
import Foundation
import Reporting

@main
struct AsyncLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asynclint",
        abstract: "Finds the calls that stall an event loop or a cooperative thread pool, in Python and Swift.",
        discussion: """
            Exit status: 0 no findings (at or above --fail-on), 1 findings, 2 usage, configuration or I/O error.
            """,
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, RulesCommand.self, RuleCommand.self, DumpSummaryCommand.self]
    )

    func run() throws {
        Terminal.writeError(Self.helpMessage() + "\n")
        throw ExitCode(2)
    }

    /// ArgumentParser exits with 64 for usage errors; DESIGN.md promises 2 for every usage,
    /// configuration or I/O error, so the mapping happens here once for all subcommands.
    static func main() {
        MemoryTuning.keepLargeBlocksMapped()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                if let hint = pathInsteadOfSubcommand(Array(CommandLine.arguments.dropFirst())) {
                    Terminal.writeError("error: \(hint)\n")
                    Foundation.exit(2)
                }
                Terminal.writeError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// `asynclint src/` (a path where a subcommand belongs): say what was probably meant.
    static func pathInsteadOfSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let known = ["check", "rules", "rule", "dump-summary", "help"]
        guard !known.contains(first) else { return nil }
        return "`\(first)` is not a subcommand; to check files, run `asynclint check \(arguments.joined(separator: " "))`"
            + " (subcommands: check, rules, rule; see `asynclint --help`)."
    }
}

/// Unbuffered writes to the standard streams (reports can be large; `print` line-buffers).
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `--color auto`: only when standard output is a terminal and `NO_COLOR` is unset or
    /// empty (https://no-color.org) and the terminal is not `dumb`.
    static func wantsColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environmentVariable("NO_COLOR"), !noColor.isEmpty { return false }
            if environmentVariable("TERM") == "dumb" { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }
}

enum ColorChoice: String, NamedArgumentValue {
    case auto, always, never
}
