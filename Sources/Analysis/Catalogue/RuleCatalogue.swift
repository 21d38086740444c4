import Foundation

/// The catalogue: every rule, and per language the APIs that block (from `rules.json`, embedded
/// in the binary as Swift code by `scripts/embed-catalogue.sh`, so the tool works from any directory).
public struct RuleCatalogue: Sendable, Codable {
    public var version: Int
    public var rules: [Rule]
    public var python: PythonCatalogue
    public var swift: SwiftCatalogue

    /// The catalogue built into the binary: Swift code generated from `rules.json`, so startup
    /// decodes no JSON.
    public static let embedded: RuleCatalogue = makeEmbeddedCatalogue()

    public static func decode(_ data: Data) throws -> RuleCatalogue {
        try JSONDecoder().decode(RuleCatalogue.self, from: data)
    }

    /// The rule with this code, name or alias (`AL101`, `blocking-sleep`, `ASYNC251`).
    public func rule(matching key: String) -> Rule? {
        rules.first { $0.code == key || $0.name == key } ?? rules.first { $0.aliases.contains(key) }
    }

    /// Every rule a key selects: a code, a name, an alias, a code prefix (`AL1`), or an alias
    /// prefix as ruff reads one (`ASYNC2`, `ASYNC`: the tool's letters, then some digits).
    public func rules(selectedBy key: String) -> [Rule] {
        if let exact = rule(matching: key) {
            return rules.filter { $0.code == exact.code || $0.aliases.contains(key) }
        }
        let byCode = rules.filter { $0.code.hasPrefix(key) }
        if !byCode.isEmpty || key.isEmpty { return byCode }
        return rules.filter { rule in
            rule.aliases.contains { alias in
                let letters = alias.prefix { !("0"..."9").contains($0) }
                return alias.hasPrefix(key) && key.hasPrefix(letters)
            }
        }
    }

    public func rule(code: String) -> Rule? { rules.first { $0.code == code } }
}
