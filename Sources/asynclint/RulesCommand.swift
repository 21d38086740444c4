import Analysis
import ArgumentParser
import Reporting

/// `asynclint rules`: the catalogue at a glance.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: code, name, category, severity, languages, summary."
    )

    enum Format: String, NamedArgumentValue {
        case text, json, markdown
    }

    @Option(help: "text (a table), json (the catalogue's rules) or markdown (the README's table).")
    var format: Format = .text

    @Argument(help: "Rule codes, names or aliases to explain, as `asynclint rule` does (none: list them all).")
    var keys: [String] = []

    func run() throws {
        if !keys.isEmpty {
            // `asynclint rules AL105` is `asynclint rule AL105`: one explanation per key.
            for (index, key) in keys.enumerated() {
                if index > 0 { Terminal.write("\n") }
                try RuleCommand.explain(key)
            }
            return
        }
        let rules = RuleCatalogue.embedded.rules
        switch format {
        case .text: Terminal.write(RuleDocumentation.table(of: rules))
        case .json: Terminal.write(RuleDocumentation.json(of: rules).rendered())
        case .markdown: Terminal.write(RuleDocumentation.markdownTable(of: rules))
        }
    }
}

/// `asynclint rule CODE`: one rule explained, as `ruff rule` does.
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Explain one rule: what it does, why it is bad, an example, what to use instead."
    )

    @Argument(help: "A rule code (AL101), name (blocking-sleep) or alias (ASYNC251).")
    var key: String

    func run() throws {
        try Self.explain(key)
    }

    static func explain(_ key: String) throws {
        let catalogue = RuleCatalogue.embedded
        guard let rule = catalogue.rule(matching: key) ?? catalogue.rule(matching: key.uppercased()) else {
            Terminal.writeError("error: unknown rule `\(key)`: not a code, name or alias (`asynclint rules` lists them all)\n")
            throw ExitCode(2)
        }
        Terminal.write(RuleDocumentation.explanation(of: rule))
    }
}
