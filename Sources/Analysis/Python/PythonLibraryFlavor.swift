/// The async library a Python file is written for, so the advice names what that file can use:
/// `await asyncio.to_thread(...)` does not run under trio, and trio's `nursery.start_soon` takes
/// a function where asyncio's `create_task` takes a coroutine (flake8-async words its messages
/// by the library a file imports, too).
///
/// A file that imports `asyncio` is asyncio code whatever else it imports (the catalogue's
/// advice is written for asyncio); otherwise one that imports `anyio` is anyio code (anyio runs
/// on trio as well, so its advice fits both), and one that imports `trio` is trio code.
enum PythonLibraryFlavor: UInt8, Sendable {
    case asyncio
    case trio
    case anyio

    init<Names: Sequence<String>>(importedNames: Names) {
        var trio = false, anyio = false
        for name in importedNames {
            switch Self.topLevel(name) {
            case "asyncio": self = .asyncio; return
            case "trio": trio = true
            case "anyio": anyio = true
            default: break
            }
        }
        self = anyio ? .anyio : trio ? .trio : .asyncio
    }

    private static func topLevel(_ name: String) -> Substring {
        name.utf8.firstIndex(of: UInt8(ascii: ".")).map { name[..<$0] } ?? name[...]
    }

    /// The advice, with asyncio's APIs replaced by this library's. Whole pieces of the
    /// catalogue's `use` texts first (written as templates, before `{callee}`/`{method}` are
    /// filled in, or as the rules word them), then the single APIs wherever they are left.
    func translate(_ text: String) -> String {
        guard self != .asyncio, text.utf8.contains(UInt8(ascii: "y")) else { return text }
        var result = text
        for (asyncio, trio, anyio) in Self.replacements where result.contains(asyncio) {
            result = result.replacingOccurrences(of: asyncio, with: self == .trio ? trio : anyio)
        }
        return result
    }

    /// (asyncio's wording, trio's, anyio's), in the order they are tried.
    private static let replacements: [(String, String, String)] = [
        ("aiofiles.open(...) / anyio.open_file(...), or await asyncio.to_thread(...)",
         "await trio.open_file(...), or await trio.to_thread.run_sync(...)",
         "await anyio.open_file(...), or await anyio.to_thread.run_sync(...)"),
        ("aiofiles / anyio.open_file, or await asyncio.to_thread(",
         "trio.open_file / trio.Path, or await trio.to_thread.run_sync(",
         "anyio.open_file / anyio.Path, or await anyio.to_thread.run_sync("),
        ("anyio.Path / trio.Path (", "trio.Path (", "anyio.Path ("),
        ("await asyncio.create_subprocess_exec(...) (or trio.run_process / anyio.run_process)",
         "await trio.run_process(...)", "await anyio.run_process(...)"),
        ("await asyncio.create_subprocess_exec(...) and await proc.wait()",
         "await trio.run_process(...)", "await anyio.run_process(...)"),
        ("asyncio.create_subprocess_exec(...) and await proc.{method}()",
         "await trio.run_process(...)", "await anyio.run_process(...)"),
        ("await asyncio.create_subprocess_shell(...)",
         "await trio.run_process(..., shell=True)", "await anyio.run_process(...) with a command string"),
        ("asyncio.Lock / asyncio.Semaphore (async with lock)",
         "trio.Lock / trio.Semaphore (async with lock)", "anyio.Lock / anyio.Semaphore (async with lock)"),
        ("asyncio.Lock (async with lock)", "trio.Lock (async with lock)", "anyio.Lock (async with lock)"),
        ("asyncio.Event / asyncio.Condition / asyncio.Barrier: await event.wait()",
         "trio.Event / trio.Condition: await event.wait()", "anyio.Event / anyio.Condition: await event.wait()"),
        ("asyncio.Queue: await queue.{method}(...), or {method}_nowait",
         "a memory channel (trio.open_memory_channel): await send_channel.send(...) / await receive_channel.receive()",
         "a memory object stream (anyio.create_memory_object_stream): await send_stream.send(...) / await receive_stream.receive()"),
        ("asyncio.Queue: await queue.join()",
         "a memory channel (trio.open_memory_channel), closed by the sender when done",
         "a memory object stream (anyio.create_memory_object_stream), closed by the sender when done"),
        ("await asyncio.get_running_loop().getaddrinfo(...)",
         "await trio.socket.getaddrinfo(...)", "await anyio.getaddrinfo(...)"),
        ("await asyncio.open_connection(...) (streams) or loop.sock_* with a non-blocking socket",
         "await trio.open_tcp_stream(...), or a trio.socket socket", "await anyio.connect_tcp(...)"),
        ("asyncio streams (asyncio.open_connection) or await loop.sock_{method}(sock, ...)",
         "trio.open_tcp_stream(...), or a trio.socket socket: await sock.{method}(...)",
         "a byte stream from anyio.connect_tcp(...)"),
        ("asyncio streams with ssl=context (asyncio.open_connection)",
         "trio.open_ssl_over_tcp_stream(...)", "anyio.connect_tcp(..., tls=True)"),
        ("await asyncio.to_thread(input, ...) or an asyncio.StreamReader on stdin (loop.connect_read_pipe)",
         "await trio.to_thread.run_sync(input, ...)", "await anyio.to_thread.run_sync(input, ...)"),
        ("await asyncio.wait([asyncio.wrap_future(f) for f in fs])",
         "await trio.to_thread.run_sync(concurrent.futures.wait, fs)",
         "await anyio.to_thread.run_sync(concurrent.futures.wait, fs)"),
        ("await asyncio.wrap_future(future)",
         "await trio.to_thread.run_sync(future.result)", "await anyio.to_thread.run_sync(future.result)"),
        ("hand the coroutine to `asyncio.create_task(...)` or a task group to run it concurrently",
         "start it in a nursery to run it concurrently (`nursery.start_soon(function, *args)` takes the function, not a coroutine)",
         "start it in a task group to run it concurrently (`task_group.start_soon(function, *args)` takes the function, not a coroutine)"),
        ("asyncio.to_thread(", "trio.to_thread.run_sync(", "anyio.to_thread.run_sync("),
        ("await asyncio.sleep(", "await trio.sleep(", "await anyio.sleep("),
    ]
}
