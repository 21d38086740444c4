/// The Python section of `rules.json`: what blocks, resolved by qualified name.
public struct PythonCatalogue: Sendable, Codable {
}
