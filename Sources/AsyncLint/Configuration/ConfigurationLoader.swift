import Analysis
import Foundation
import TOMLKit

/// Reads a configuration file with TOMLKit, then checks every key and value, so a typo or a
/// wrong type is an error naming the file and line rather than a setting silently ignored.
public enum ConfigurationLoader {
    public static let fileName = ".asynclint.toml"
    public static let pyprojectName = "pyproject.toml"

    static let knownKeys = [
        "select", "ignore", "exclude", "fail-on", "per-file-ignores", "severity", "python", "swift",
        "blocking-functions", "safe-functions",
    ]

    /// The settings in `path`. For a `pyproject.toml`, those of `[tool.asynclint]`, or nil when it
    /// has no such table (it belongs to other tools then).
    public static func load(path: String, catalogue: RuleCatalogue = .embedded) throws(ConfigurationError) -> Configuration? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, line: nil, message: "not UTF-8 text")
        }
        // `path` is absolute and normalized (`PathText.absolute`); NSString's path methods trap
        // on one-character paths.
        let isPyproject = PathText.lastComponent(path) == pyprojectName
        let directory = PathText.parent(path)
        return try parse(text, path: path, directory: directory,
                         isPyproject: isPyproject, catalogue: catalogue)
    }

    static func parse(_ text: String, path: String, directory: String, isPyproject: Bool,
                      catalogue: RuleCatalogue) throws(ConfigurationError) -> Configuration? {
        let root: [String: Any]
        do {
            let table = try TOMLTable(string: text)
            let json = table.convert(to: .json)
            guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
                throw ConfigurationError(path: path, line: nil, message: "not a TOML table")
            }
            root = object
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line,
                                     message: "TOML syntax: \(error.description) (column \(error.source.begin.column))")
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(path: path, line: nil, message: "cannot read TOML: \(error)")
        }
        var prefix: [String] = []
        var settings = root
        if isPyproject {
            guard let tool = root["tool"] as? [String: Any], let ours = tool["asynclint"] else { return nil }
            guard let table = ours as? [String: Any] else {
                throw ConfigurationError(path: path, line: KeyLines(text).line(of: ["tool", "asynclint"]),
                                         message: "`tool.asynclint` must be a table")
            }
            settings = table
            prefix = ["tool", "asynclint"]
        }
        var reader = SettingsReader(path: path, lines: KeyLines(text), prefix: prefix, catalogue: catalogue)
        return try reader.read(settings, directory: directory)
    }
}

/// Checks the decoded TOML table key by key.
struct SettingsReader {
    let path: String
    let lines: KeyLines
    let prefix: [String]
    let catalogue: RuleCatalogue

    func fail(_ keys: [String], _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: lines.line(of: prefix + keys), message: message)
    }

    mutating func read(_ table: [String: Any], directory: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration(path: path, directory: directory)
        for key in table.keys.sorted() where !ConfigurationLoader.knownKeys.contains(key) {
            throw fail([key], "unknown key `\(key)` (known keys: \(ConfigurationLoader.knownKeys.joined(separator: ", ")))")
        }
        configuration.select = try ruleList(table["select"], key: ["select"])
        // ruff reads `select = []` as "no rule"; we would read it as "every rule". Neither is
        // what someone who wrote it expects to get silently.
        if table["select"] != nil && RuleSelection.keys(configuration.select).isEmpty {
            throw fail(["select"], "`select` names no rule; leave it out to check every rule, or use `ignore`")
        }
        configuration.ignore = try ruleList(table["ignore"], key: ["ignore"])
        configuration.exclude = try strings(table["exclude"], key: ["exclude"])
        configuration.blockingFunctions = try functionNames(table["blocking-functions"], key: ["blocking-functions"])
        configuration.safeFunctions = try functionNames(table["safe-functions"], key: ["safe-functions"])
        if let raw = table["fail-on"] {
            configuration.failOn = try severity(raw, key: ["fail-on"])
        }
        if let raw = table["per-file-ignores"] {
            guard let globs = raw as? [String: Any] else {
                throw fail(["per-file-ignores"], "`per-file-ignores` must be a table of glob = [rules]")
            }
            for glob in globs.keys.sorted() {
                let rules = try ruleList(globs[glob], key: ["per-file-ignores", glob])
                configuration.perFileIgnores.append(.init(glob: glob, rules: rules))
            }
        }
        if let raw = table["severity"] {
            guard let overrides = raw as? [String: Any] else {
                throw fail(["severity"], "`severity` must be a table of rule = \"info\" | \"warning\" | \"error\"")
            }
            for selector in overrides.keys.sorted() {
                try checkSelector(selector, key: ["severity", selector])
                configuration.severityOverrides.append((selector, try severity(overrides[selector]!, key: ["severity", selector])))
            }
        }
        if let raw = table["python"] {
            try checkSectionKeys(raw, key: "python", known: ["builtins", "calls", "types", "pureFunctions", "coroutines",
                                                              "transparentDecorators", "offloadDecorators", "taskCreators", "offloads", "loopCallbacks"])
            let python: PythonCatalogue = try decode(raw, key: ["python"])
            for code in python.referencedRuleCodes where catalogue.rule(code: code) == nil {
                throw fail(["python"], "`python` names the unknown rule code `\(code)`")
            }
            configuration.python = python
        }
        if let raw = table["swift"] {
            try checkSectionKeys(raw, key: "swift", known: ["blocking", "instanceProviders", "sameTypeStatics", "systemModules",
                                                            "offloadAPIs", "inlineClosureAPIs", "deferredReceiverTypes", "deferredChainMembers",
                                                            "taskAPIs"])
            let swift: SwiftCatalogue = try decode(raw, key: ["swift"])
            for code in swift.blocking.map(\.code) where catalogue.rule(code: code) == nil {
                throw fail(["swift"], "`swift` names the unknown rule code `\(code)`")
            }
            configuration.swift = swift
        }
        return configuration
    }

    /// The catalogue decoder ignores keys it does not know; a user's typo must not vanish.
    func checkSectionKeys(_ raw: Any, key: String, known: [String]) throws(ConfigurationError) {
        guard let section = raw as? [String: Any] else { throw fail([key], "`\(key)` must be a table") }
        for name in section.keys.sorted() where !known.contains(name) {
            throw fail([key, name], "unknown key `\(key).\(name)` (known: \(known.joined(separator: ", ")))")
        }
    }

    func strings(_ raw: Any?, key: [String]) throws(ConfigurationError) -> [String] {
        guard let raw else { return [] }
        guard let array = raw as? [Any], let strings = array as? [String] else {
            throw fail(key, "`\(key.joined(separator: "."))` must be an array of strings")
        }
        return strings
    }

    /// Qualified function names (`app.io.load`, `Store.load`): a name that can match no
    /// function (`load()`, `app io`) is a mistake to report, not an entry that never applies.
    func functionNames(_ raw: Any?, key: [String]) throws(ConfigurationError) -> [String] {
        let names = try strings(raw, key: key)
        for name in names {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            let valid = parts.allSatisfy { part in
                guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
                return part.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
            }
            if !valid {
                throw fail(key, "`\(key.joined(separator: "."))`: `\(name)` is not a function's qualified name (such as `app.io.load` or `Store.load`)")
            }
        }
        return names
    }

    func ruleList(_ raw: Any?, key: [String]) throws(ConfigurationError) -> [String] {
        let list = try strings(raw, key: key)
        for selector in RuleSelection.keys(list) { try checkSelector(selector, key: key) }
        return list
    }

    func checkSelector(_ selector: String, key: [String]) throws(ConfigurationError) {
        do {
            _ = try RuleSelection.codes(for: selector, catalogue: catalogue)
        } catch {
            throw fail(key, "`\(key.joined(separator: "."))`: unknown rule `\(selector)`: not a code, name, alias or code prefix (see `asynclint rules`)")
        }
    }

    func severity(_ raw: Any, key: [String]) throws(ConfigurationError) -> Severity {
        guard let text = raw as? String, let severity = Severity(rawValue: text) else {
            throw fail(key, "`\(key.joined(separator: "."))` must be \"info\", \"warning\" or \"error\"")
        }
        return severity
    }

    /// A catalogue section, decoded as `rules.json` spells it. The decoder passes over keys it
    /// does not know, so the value is encoded again and every key written must come back: a
    /// typo deep in an entry (`apis = [{ instanc = … }]`, `onlyWithArgs`) is an error, not an
    /// entry that silently matches nothing.
    func decode<T: Codable>(_ raw: Any, key: [String]) throws(ConfigurationError) -> T {
        let value: T
        do {
            let data = try JSONSerialization.data(withJSONObject: raw)
            value = try JSONDecoder().decode(T.self, from: data)
            let echo = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
            if let unknown = Self.firstUnknownKey(written: raw, understood: echo, path: key.joined(separator: ".")) {
                throw fail(key, "unknown key `\(unknown)`")
            }
            return value
        } catch let error as ConfigurationError {
            throw error
        } catch let DecodingError.keyNotFound(missing, context) {
            throw fail(key, "`\(Self.path(key, context.codingPath))`: missing key `\(missing.stringValue)`")
        } catch let DecodingError.typeMismatch(type, context) {
            throw fail(key, "`\(Self.path(key, context.codingPath))`: expected \(Self.typeName(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw fail(key, "`\(Self.path(key, context.codingPath))`: expected \(Self.typeName(type))")
        } catch let DecodingError.dataCorrupted(context) {
            throw fail(key, "`\(Self.path(key, context.codingPath))`: \(context.debugDescription)")
        } catch {
            throw fail(key, "`\(key.joined(separator: "."))`: \(error)")
        }
    }

    /// The first key (in sorted order, as a dotted path) of `written` that `understood` lacks.
    static func firstUnknownKey(written: Any, understood: Any, path: String) -> String? {
        if let table = written as? [String: Any] {
            let known = understood as? [String: Any] ?? [:]
            for name in table.keys.sorted() {
                guard let echoed = known[name] else { return path + "." + name }
                if let deeper = firstUnknownKey(written: table[name]!, understood: echoed, path: path + "." + name) { return deeper }
            }
        } else if let array = written as? [Any], let echoed = understood as? [Any] {
            for (index, (item, echo)) in zip(array, echoed).enumerated() {
                if let deeper = firstUnknownKey(written: item, understood: echo, path: path + "[\(index)]") { return deeper }
            }
        }
        return nil
    }

    static func path(_ key: [String], _ codingPath: [any CodingKey]) -> String {
        (key + codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue })
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "a table" : "a \(name)"
        }
    }
}

/// Where keys are written in a TOML text, found by reading its lines (TOMLKit keeps no
/// positions for values): so a wrong value is reported on its own line.
struct KeyLines {
    /// Per line: the table header in force and the key written at its start, if any.
    private var entries: [(line: Int, table: [String], key: String?)] = []

    init(_ text: String) {
        var table: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let inner = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    .split(separator: "]").first.map(String.init) ?? ""
                table = Self.keyParts(inner)
                entries.append((index + 1, table, nil))
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let parts = Self.keyParts(String(line[..<equals]))
                entries.append((index + 1, table + parts.dropLast(), parts.last))
            }
        }
    }

    static func keyParts(_ text: String) -> [String] {
        text.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
    }

    /// The line of `key` (a dotted path), else of its table's header, else of its last part.
    func line(of key: [String]) -> Int? {
        guard let last = key.last else { return nil }
        let table = Array(key.dropLast())
        if let hit = entries.first(where: { $0.table == table && $0.key == last }) { return hit.line }
        if let header = entries.first(where: { $0.table == key && $0.key == nil }) { return header.line }
        if let named = entries.first(where: { $0.key == last }) { return named.line }
        // A key inside an inline table (`python = { bogus = 1 }`): the line of the table's key.
        return key.count > 1 ? line(of: table) : nil
    }
}
