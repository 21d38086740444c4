/// The Swift section of `rules.json`: what blocks, matched by type, member and labels.
public struct SwiftCatalogue: Sendable, Codable {
}
