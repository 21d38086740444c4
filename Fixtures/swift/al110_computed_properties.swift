// AL110 blocking-via-helper through a computed property or a subscript whose sync getter blocks:
// reading one runs its getter, as calling a method runs its body.
import Foundation

final class Settings {
    let url = URL(fileURLWithPath: "/etc/app.json")
    var cached: Data?

    /// A shorthand getter that reads the disk.
    var config: Data {
        try! Data(contentsOf: url)
    }

    /// A getter in an accessor block, through another blocking getter.
    var size: Int {
        get { config.count }
        set { cached = nil }
    }

    /// Computed, and never blocks.
    var isEmpty: Bool { cached == nil }

    /// An async getter: reading it is awaited, and blocks no caller.
    var fresh: Data {
        get async { Data() }
    }

    subscript(key: String) -> Data? {
        FileManager.default.contents(atPath: key)
    }

    subscript(index index: Int) -> Int { index }

    static var shared: Data {
        FileManager.default.contents(atPath: "/etc/shared") ?? Data()
    }

    func refresh() async {
        _ = config // expect: AL110
        _ = self.config // expect: AL110
        _ = size // expect: AL110
        _ = isEmpty
        _ = await fresh
        _ = self["k"] // expect: AL110
        _ = self[index: 1]
        _ = Settings.shared // expect: AL110
        cached = nil
        // A setter runs no getter.
        self.size = 3
    }

    func shadowed() async {
        // A local of the property's name hides it.
        let config = Data()
        _ = config
    }

    /// A sync helper reading the property blocks too: its callers get AL110.
    func summary() -> String {
        "\(config.count)"
    }
}

func use(_ settings: Settings) async {
    _ = settings.config // expect: AL110
    _ = settings.summary() // expect: AL110
    _ = settings["other"] // expect: AL110
    let local = Settings()
    _ = local.size // expect: AL110
    _ = local.isEmpty
    Task { // expect: AL201
        _ = settings.config.count // expect: AL110
    }
    // Run elsewhere: not an async context.
    DispatchQueue.global().async {
        _ = settings.config
    }
}

/// A global computed variable.
var hostsFile: Data? { FileManager.default.contents(atPath: "/etc/hosts") }

func global() async {
    _ = hostsFile // expect: AL110
}

/// The same property name on two types: with the receiver unknown, nothing is resolved.
struct First { var value: Data { try! Data(contentsOf: URL(fileURLWithPath: "/a")) } }
struct Second { var value: Int { 0 } }

func unknown(_ items: [First], second: Second) async {
    _ = items.first?.value
    _ = second.value
    for item in items {
        _ = item.value
    }
}

/// A protocol's requirement dispatches dynamically: which getter runs is not known.
protocol Source { var data: Data { get } }
struct DiskSource: Source { var data: Data { try! Data(contentsOf: URL(fileURLWithPath: "/d")) } }

func read(_ source: some Source) async {
    _ = source.data
}
