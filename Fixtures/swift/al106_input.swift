// AL106 blocking-input: reading the terminal in async code.
import Foundation

func prompt() async -> String? {
    print("name?")
    return readLine() // expect: AL106
}

func stdin() async {
    let all = FileHandle.standardInput.readDataToEndOfFile() // expect: AL106
    let some = FileHandle.standardInput.availableData // expect: AL106
    let input = FileHandle.standardInput
    let more = input.availableData // expect: AL106
    _ = (all, some, more)
}

// The async way.
func lines() async throws {
    for try await line in FileHandle.standardInput.bytes.lines {
        print(line)
    }
}

func repl() {
    while let line = readLine() {
        print(line)
    }
}
