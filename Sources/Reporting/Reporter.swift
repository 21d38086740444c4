import Analysis

/// Output formats. Each reporter renders the sorted findings and file errors to one string.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}
