// AL204 swallowed-task-error: a throwing `Task {}` whose handle is discarded, in any context.
import Foundation

func save() throws {}
func saveAsync() async throws {}

func buttonTapped() {
    Task { // expect: AL204
        try await saveAsync()
    }
    Task.detached { // expect: AL204
        try save()
    }
    Task { // expect: AL204
        throw CancellationError()
    }
    let _ = Task { try save() } // expect: AL204
    var _ = Task { try save() } // expect: AL204
    let _: Task<Void, Error> = Task { try save() } // expect: AL204
    let kept = Task { try save() }
    _ = kept
    Task {
        do {
            try await saveAsync()
        } catch {
            print(error)
        }
    }
    Task {
        try? await saveAsync()
        try! save()
    }
    Task {
        // A nested closure throws on its own account.
        let work = { () throws in try save() }
        _ = work
    }
    // The catch clause throws again: the task can still fail.
    Task { // expect: AL204
        do {
            try await saveAsync()
        } catch {
            try save()
        }
    }
    // A catch clause that takes only some errors lets the others through.
    Task { // expect: AL204
        do {
            try await saveAsync()
        } catch let error as URLError {
            print(error)
        }
    }
    Task { // expect: AL204
        do {
            try await saveAsync()
        } catch is CancellationError {
        }
    }
    Task {
        do {
            try await saveAsync()
        } catch is CancellationError {
        } catch let other {
            print(other)
        }
    }
    Task { // expect: AL204
        for try await line in URL(fileURLWithPath: "/tmp/x").lines {
            print(line)
        }
    }
    Task {
        for await value in AsyncStream<Int> { $0.finish() } {
            print(value)
        }
    }
    let handled = Task { try await saveAsync() }
    _ = handled
}

// Returned (an implicit return), so the caller holds the handle.
func makeSaveTask() -> Task<Void, Error> {
    Task { try await saveAsync() }
}

// The branches of an `if` expression that is the implicit return (SE-0380) are returned too.
func makeSaveTask(now: Bool, later: Bool) -> Task<Void, Error> {
    if now {
        Task { try await saveAsync() }
    } else if later {
        Task { try await saveAsync() }
    } else {
        Task { try save() }
    }
}

func maybeSave(now: Bool) {
    if now {
        Task { // expect: AL204
            try await saveAsync()
        }
    } else {
        Task { // expect: AL204
            try save()
        }
    }
}

// Both AL201 and AL204 apply to a throwing task discarded inside async code.
func refresh() async {
    Task { // expect: AL201, AL204
        try await saveAsync()
    }
}

// A closure's lone `Task { … }` is its value: kept when the closure's value is (collected by a
// transform, stored, declared to return it), dropped when the closure returns `Void`.
func saveAll(_ ids: [Int]) async throws {
    let tasks = ids.map { _ in Task { try await saveAsync() } }
    let make = { Task { try await saveAsync() } }
    let typed = ids.map { _ -> Task<Void, Error> in Task { try await saveAsync() } }
    let dropped: () -> Void = { Task { try await saveAsync() } } // expect: AL204
    ids.forEach { _ in Task { try await saveAsync() } } // expect: AL201, AL204
    _ = (make, typed, dropped)
    for task in tasks { try await task.value }
}

// Qualified by its module, as an app with a `Task` type of its own writes it.
func qualified() {
    Swift.Task { // expect: AL204
        try await saveAsync()
    }
    _Concurrency.Task.detached { // expect: AL204
        try save()
    }
}
