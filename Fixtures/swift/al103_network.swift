// AL103 blocking-network-io: synchronous URL loading; `Data(contentsOf:)` counts as network I/O
// only when the URL is visibly http(s).
import Foundation

func download() async throws {
    let remote = URL(string: "https://example.com/data.json")!
    let body = try Data(contentsOf: remote) // expect: AL103
    let page = try String(contentsOf: URL(string: "http://example.com")!) // expect: AL103
    let local = URL(fileURLWithPath: "/tmp/data.json")
    let file = try Data(contentsOf: local) // expect: AL102
    let request = URLRequest(url: remote)
    var response: URLResponse?
    let legacy = try NSURLConnection.sendSynchronousRequest(request, returning: &response) // expect: AL103
    let (data, _) = try await URLSession.shared.data(from: remote)
    _ = (body, page, file, legacy, data)
}

func configured(base: URL) async throws -> Data {
    // Where the URL comes from is not visible: file I/O is the safer guess.
    try Data(contentsOf: base.appendingPathComponent("x")) // expect: AL102
}
