import Foundation

func retry<T>(times: Int = 3, _ operation: () async throws -> T) async rethrows -> T { try await operation() }

func retried() async -> Int {
    await retry { sleep(1); return 1 } // expect: AL101
}

func lines(_ path: String) async -> [String] {
    let stream = AsyncStream<String> { continuation in
        let text = try? String(contentsOfFile: path, encoding: .utf8) // expect: AL102
        continuation.yield(text ?? "")
        continuation.finish()
    }
    let other = AsyncThrowingStream(Int.self) { continuation in
        usleep(3) // expect: AL101
        continuation.finish()
    }
    let ticks = AsyncStream<Int>(unfolding: { usleep(2); return 1 }) // expect: AL101
    _ = (stream, other, ticks)
    await withTaskExecutorPreference(nil) {
        sleep(1) // expect: AL101
    }
    return []
}

func syncBuilder() -> AsyncStream<Int> {
    AsyncStream { continuation in
        usleep(1)
        continuation.finish()
    }
}

func syncUnfolding() -> AsyncStream<Int> {
    AsyncStream(unfolding: {
        usleep(1) // expect: AL101
        return 1
    })
}
