import Foundation

/// No async code here: the getters are found by the index's demand (review 5: computed properties).
public struct Settings {
    public init() {}

    /// Reads the disk on every read.
    public var config: Data {
        FileManager.default.contents(atPath: "settings.json") ?? Data()
    }

    public var name: String { "settings" }

    public subscript(key: String) -> Data? {
        FileManager.default.contents(atPath: key)
    }
}
