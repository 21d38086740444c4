import ArgumentParser

@main
struct AsyncLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asynclint",
        abstract: "Finds the code that stalls an event loop or a cooperative thread pool.",
        subcommands: [DumpSummaryCommand.self]
    )
}
