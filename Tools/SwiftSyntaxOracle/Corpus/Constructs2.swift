import Dispatch

@MainActor
final class ViewModel: ObservableObject, @unchecked Sendable {
    @Published private(set) var items: [Item] = []
    private var tasks: Set<Task<Void, Never>> = []
    weak var delegate: (any Delegate)?
    unowned(unsafe) let owner: Owner
    nonisolated(unsafe) static var counter = 0

    init?(owner: Owner) async throws {
        self.owner = owner
        super.init()
        guard let first = try await owner.load(), !first.isEmpty else { return nil }
        items = first.map(Item.init(raw:))
    }

    convenience init!(x: Int) { self.init(owner: .default(x)) }

    func reload() async {
        async let a = fetch(page: 1)
        async let b = fetch(page: 2)
        let (x, y) = await (a, b)
        items = x + y
        Task { [weak self] in
            guard let self else { return }
            await self.refresh()
        }
        Task.detached(priority: .background) { @Sendable in heavy() }
        await withTaskGroup(of: Int.self) { group in
            for i in 0..<10 { group.addTask { await work(i) } }
            for await r in group { total += r }
        }
        try? await withThrowingDiscardingTaskGroup { g in g.addTask { try await ping() } }
        let value = try! JSONDecoder().decode([Item].self, from: data)
        let sum = items.lazy.filter { $0.enabled }.map(\.value).reduce(0, +)
        let sorted = items.sorted { a, b in a.name < b.name }
        let mapped = items.compactMap { (item: Item) -> String? in item.title }
        DispatchQueue.main.async { self.update(value, sum, sorted, mapped) }
        withAnimation(.easeOut) { show = true } completion: { done() }
        let closure: (Int) async throws -> Void = { @MainActor [count] n async throws in try await go(n, count) }
        _ = closure
        items.forEach { print($0) }
        let x = { 42 }()
        let result = if items.isEmpty { fallback() } else { items[0].value }
        let kind = switch result { case 0: "zero"; case 1...9: single(); default: other() }
        outer: for row in grid {
            inner: while let cell = row.next() {
                if cell == nil { continue outer } else if cell! > 3 { break inner }
                defer { cleanup(cell) }
                repeat { tick() } while spinning()
            }
        }
        do {
            try risky()
        } catch let error as NetworkError where error.code == 404 {
            notFound()
        } catch is CancellationError {
        } catch {
            report(error)
        }
        if case .some(let v) = optional, v > 0, #available(macOS 14, *) { use(v) }
        guard case let .success(val) = outcome else { fatalError("\(outcome)") }
        for case let .item(i)? in maybeItems where i.ok { print(i) }
        let path = \ViewModel.items[0].name
        let kp = \.count
        let sel = #selector(ViewModel.reload)
        let file = #file + #function
        let re = /[a-z]+(\d+)/
        let re2 = #/(?<year>\d{4})-\/#
        let ratio = total / count / 2
        let half = items.count/2
        print(x, result, kind, path, kp, sel, file, re, re2, ratio, half, val)
    }
}
