// AL107 blocking-database: synchronous SQLite and GRDB calls in async code.
import GRDB
import SQLite3

func query(db: OpaquePointer, statement: OpaquePointer) async {
    while sqlite3_step(statement) == SQLITE_ROW { // expect: AL107
        print("row")
    }
    sqlite3_exec(db, "VACUUM", nil, nil, nil) // expect: AL107
    var handle: OpaquePointer?
    _ = sqlite3_open("/tmp/db.sqlite", &handle) // expect: AL107
    _ = sqlite3_open_v2("/tmp/db.sqlite", &handle, SQLITE_OPEN_READONLY, nil) // expect: AL107
}

struct PlayerStore {
    let dbQueue: DatabaseQueue
    let pool = try! DatabasePool(path: "/tmp/db.sqlite")

    func count() async throws -> Int {
        let syncCount = try dbQueue.read { db in try Player.fetchCount(db) } // expect: AL107
        try pool.write { db in try Player.deleteAll(db) } // expect: AL107
        try dbQueue.inDatabase { db in try db.execute(sql: "VACUUM") } // expect: AL107
        // GRDB's async overloads share the names: an awaited call is the async one.
        let asyncCount = try await dbQueue.read { db in try Player.fetchCount(db) }
        return syncCount + asyncCount
    }

    func countSync() throws -> Int {
        try dbQueue.read { db in try Player.fetchCount(db) }
    }
}

// An unknown receiver's `read`/`write` stays silent.
func other(file: Document) async throws {
    try file.write { _ in }
    _ = try file.read { _ in 1 }
}
