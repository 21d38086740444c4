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

// A semaphore that turns a URLSession task into a blocking call is network I/O.
func bridged(url: URL) async -> Data? {
    let semaphore = DispatchSemaphore(value: 0)
    var result: Data?
    URLSession.shared.dataTask(with: url) { data, _, _ in
        result = data
        semaphore.signal()
    }.resume()
    semaphore.wait() // expect: AL103
    return result
}

// Signalled by something else: a plain blocking wait.
func otherSignal(url: URL) async {
    let semaphore = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: url) { _, _, _ in
        done.signal()
    }.resume()
    semaphore.wait() // expect: AL105
    _ = done
}
