#!/usr/bin/env python3
"""The conformance oracle for the Python front end: CPython's own `ast`.

Reads file paths (one per line) on standard input and prints, per file, one JSON line in the
format of `asynclint dump-summary` (see Sources/LightSyntax/SyntaxSummary.swift):
functions [name, line of def/async, async], closures [line, column] (lambdas), calls
[line, column, callee] and awaits [line, column]. Columns are 1-based and count Unicode scalars
of the raw line (so a BOM counts, as in asynclint's LineMap); `ast` gives UTF-8 byte offsets.
A file CPython rejects prints {"path": ..., "error": "syntax"}.

Usage: python_ast_summary.py [--jobs N] < paths > summaries.jsonl
"""
import ast
import warnings
import json
import re
import sys
from multiprocessing import Pool

LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def callee_text(node):
    """The normal form of SyntaxSummary.calleeText: names, a.b, f(), x[], await transparent."""
    parts = []
    for _ in range(64):
        if isinstance(node, ast.Name):
            parts.append(node.id)
            return "".join(reversed(parts))
        if isinstance(node, ast.Attribute):
            parts.append("." + node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            parts.append("()")
            node = node.func
        elif isinstance(node, ast.Subscript):
            parts.append("[]")
            node = node.value
        elif isinstance(node, ast.Await):
            node = node.value
        else:
            parts.append("?")
            return "".join(reversed(parts))
    return "?"


def summarize(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return json.dumps({"path": path, "error": "unreadable"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(data, filename=path)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return json.dumps({"path": path, "error": "syntax"})
    # Raw lines as the file has them, split where CPython and LineMap split lines.
    raw_lines = LINE_BREAK.split(data)
    utf8_source = True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        utf8_source = False
    columns = {}

    def column(line, col_offset):
        key = (line, col_offset)
        cached = columns.get(key)
        if cached is not None:
            return cached
        raw = raw_lines[line - 1] if 0 < line <= len(raw_lines) else b""
        prefix_bom = 0
        if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            prefix_bom = 1
        if utf8_source:
            head = raw[:col_offset]
        else:
            # ast offsets are into the UTF-8 re-encoding of the decoded line.
            head = raw.decode("latin-1").encode("utf-8")[:col_offset]
        value = prefix_bom + sum(1 for b in head if b & 0xC0 != 0x80) + 1
        columns[key] = value
        return value

    functions, closures, calls, awaits = [], [], [], []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append([node.name, node.lineno, isinstance(node, ast.AsyncFunctionDef)])
        elif isinstance(node, ast.Lambda):
            closures.append([node.lineno, column(node.lineno, node.col_offset)])
        elif isinstance(node, ast.Call):
            calls.append([node.lineno, column(node.lineno, node.col_offset), callee_text(node.func)])
        elif isinstance(node, ast.Await):
            awaits.append([node.lineno, column(node.lineno, node.col_offset)])
    functions.sort(key=lambda f: (f[1], f[0]))
    closures.sort()
    calls.sort()
    awaits.sort()
    return json.dumps({"path": path, "functions": functions, "closures": closures,
                       "calls": calls, "awaits": awaits}, ensure_ascii=False, separators=(",", ":"))


def main():
    jobs = 2
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--jobs":
        jobs = int(args[1])
    paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    sys.setrecursionlimit(10000)
    if jobs <= 1:
        results = map(summarize, paths)
        for line in results:
            print(line)
        return
    with Pool(jobs) as pool:
        for line in pool.imap(summarize, paths, chunksize=16):
            print(line)


if __name__ == "__main__":
    main()
