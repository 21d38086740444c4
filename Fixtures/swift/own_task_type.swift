// A file with a `Task` type of its own: `Task { … }` makes that type, not a concurrency task;
// `Swift.Task { … }` is still one.
struct Task {
    let title: String
    init(_ make: () -> String) { title = make() }
}

func plan() async {
    Task { "write report" }
    Swift.Task { await refresh() } // expect: AL201
}

func refresh() async {}
