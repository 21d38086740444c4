// AL201 orphaned-task: an unstructured task started inside async code with its handle discarded.
func refresh() async {
    Task { // expect: AL201
        await reload()
    }
    Task.detached(priority: .background) { // expect: AL201
        await reload()
    }
    _ = Task { await reload() } // expect: AL201
    // A binding to `_` discards the handle just the same.
    let _ = Task { await reload() } // expect: AL201
    var _ = Task { await reload() } // expect: AL201
    let _: Task<Void, Never> = Task { await reload() } // expect: AL201
    let kept = Task { await reload() }
    await kept.value
    await withTaskGroup(of: Void.self) { group in
        group.addTask { await reload() }
    }
    async let first: Void = reload()
    await first
}

// The usual bridge from synchronous code: not reported.
func buttonTapped() {
    Task {
        await reload()
    }
}

// A task nested in a task is neither awaited nor cancelled with the outer one.
func nested() {
    Task {
        Task { // expect: AL201
            await reload()
        }
        [1, 2].forEach { _ in
            Task { await reload() } // expect: AL201
        }
    }
}

actor Cache {
    func warm() async {
        Task { await reload() } // expect: AL201
    }

    // The handle is the function's result (an implicit return), not discarded.
    func start() async -> Task<Void, Never> {
        Task { await reload() }
    }
}

func reload() async {}
