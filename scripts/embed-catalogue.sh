#!/usr/bin/env bash
# Embeds rules.json into the binary as Swift code that builds the catalogue, so the tool works
# from any directory (installed by pre-commit, run as a plugin) and starts without decoding JSON
# (JSONDecoder took ~28 M instructions, 40 % of a run on one small file). Run after editing
# rules.json; a test fails when the embedded catalogue and rules.json differ, and CI runs this
# script and fails on a diff.
#
# The generator knows each catalogue type's fields in declaration order (the order of the Swift
# initializers); a key it does not know stops it, so a schema change cannot be dropped silently.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/Analysis/Catalogue/EmbeddedCatalogue.swift
python3 - rules.json "$out" <<'PY'
import json, sys

source, out = sys.argv[1], sys.argv[2]

def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        sys.exit(f"embed-catalogue: duplicate keys {dupes} in {source}")
    return dict(pairs)

with open(source, encoding="utf-8") as f:
    catalogue = json.load(f, object_pairs_hook=no_duplicate_keys)

# Swift type -> [(JSON key and argument label, field type)], in the initializer's order.
# Field types: str, int, bool, [T], {str:str}, T? (may be missing), or a type of this table.
SCHEMA = {
    "RuleCatalogue": [("version", "int"), ("rules", "[Rule]"), ("python", "PythonCatalogue"),
                      ("swift", "SwiftCatalogue")],
    "Rule": [("code", "str"), ("name", "str"), ("category", "str"), ("severity", "Severity"),
             ("summary", "str"), ("rationale", "str"), ("fix", "str"), ("aliases", "[str]"),
             ("precision", "str"), ("tags", "[str]"), ("languages", "[str]"), ("examples", "[RuleExample]")],
    "RuleExample": [("language", "str"), ("kind", "str"), ("code", "str")],
    "PythonCatalogue": [("builtins", "[str]?"), ("calls", "[PythonCatalogue.CallGroup]?"),
                        ("types", "[PythonCatalogue.ValueType]?"), ("pureFunctions", "[str]?"),
                        ("coroutines", "[str]?"), ("transparentDecorators", "[str]?"), ("offloadDecorators", "[str]?"),
                        ("taskCreators", "[str]?"), ("offloads", "[PythonCatalogue.Offload]?"),
                        ("loopCallbacks", "[PythonCatalogue.Offload]?")],
    "PythonCatalogue.CallGroup": [("rule", "str"), ("use", "str"), ("names", "[str]"),
                                  ("onlyWithArguments", "bool?"),
                                  ("nonBlockingWhen", "PythonCatalogue.ArgumentCondition?"), ("propagates", "bool?")],
    "PythonCatalogue.ArgumentCondition": [("keyword", "str?"), ("position", "int?"), ("value", "str")],
    "PythonCatalogue.AnyMethod": [("rule", "str"), ("use", "str")],
    "PythonCatalogue.ValueType": [("name", "str"), ("description", "str"), ("constructors", "[str]?"),
                                  ("annotations", "[str]?"), ("methods", "[PythonCatalogue.CallGroup]?"),
                                  ("anyMethod", "PythonCatalogue.AnyMethod?"), ("returns", "{str:str}?"),
                                  ("firstOfPairReturns", "{str:str}?"), ("attributes", "{str:str}?"),
                                  ("anyAttribute", "str?"), ("callReturns", "str?"), ("operands", "bool?"),
                                  ("taskMethods", "[str]?"), ("coroutineMethods", "[str]?"),
                                  ("nonBlockingSwitches", "[PythonCatalogue.NonBlockingSwitch]?"),
                                  ("nonBlockingWhenCatching", "[str]?"), ("asyncEntersItself", "bool?"),
                                  ("managerAttribute", "str?"), ("managerModule", "str?")],
    "PythonCatalogue.NonBlockingSwitch": [("method", "str"), ("value", "str")],
    "PythonCatalogue.Offload": [("call", "str?"), ("method", "str?"), ("functionArgument", "int")],
    "SwiftCatalogue": [("blocking", "[SwiftBlockingGroup]?"), ("instanceProviders", "[SwiftInstanceProvider]?"),
                       ("sameTypeStatics", "[str]?"), ("systemModules", "[str]?"), ("offloadAPIs", "[str]?"),
                       ("inlineClosureAPIs", "[str]?"), ("deferredReceiverTypes", "[str]?"), ("deferredChainMembers", "[str]?"),
                       ("taskAPIs", "[SwiftTaskAPI]?")],
    "SwiftBlockingGroup": [("code", "str"), ("message", "str"), ("alternative", "str"),
                           ("apis", "[SwiftBlockingAPI]")],
    "SwiftBlockingAPI": [("initializer", "str?"), ("static", "str?"), ("instance", "str?"), ("function", "str?"),
                         ("property", "str?"), ("anyReceiver", "bool?"), ("anyReceiverWithURLArgument", "bool?"),
                         ("unlessAwaited", "bool?"), ("codeWhenRemoteURL", "str?"),
                         ("codeWhenSignalledIn", "SwiftSignallingCalls?"), ("message", "str?"),
                         ("alternative", "str?")],
    "SwiftSignallingCalls": [("code", "str"), ("members", "[str]")],
    "SwiftInstanceProvider": [("api", "str"), ("type", "str")],
    "SwiftTaskAPI": [("api", "str"), ("closureLabels", "[str]"), ("unstructured", "bool?")],
}
ENUMS = {"Severity": {"info", "warning", "error"}}

def fail(path, message):
    sys.exit(f"embed-catalogue: {path}: {message}")

def string(value, path):
    if not isinstance(value, str):
        fail(path, "expected a string")
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'

def value(kind, v, path):
    if kind.endswith("?"):
        kind = kind[:-1]
    if kind == "str":
        return string(v, path)
    if kind == "int":
        if type(v) is not int:
            fail(path, "expected an integer")
        return str(v)
    if kind == "bool":
        if type(v) is not bool:
            fail(path, "expected true or false")
        return "true" if v else "false"
    if kind.startswith("["):
        if not isinstance(v, list):
            fail(path, "expected an array")
        element = kind[1:-1]
        if not v:
            return "[]"
        return "[" + ", ".join(value(element, e, f"{path}[{i}]") for i, e in enumerate(v)) + "]"
    if kind == "{str:str}":
        if not isinstance(v, dict):
            fail(path, "expected an object")
        if not v:
            return "[:]"
        return "[" + ", ".join(f"{string(k, path)}: {string(e, f'{path}.{k}')}" for k, e in v.items()) + "]"
    if kind in ENUMS:
        if v not in ENUMS[kind]:
            fail(path, f"expected one of {sorted(ENUMS[kind])}")
        return "." + v
    if kind in SCHEMA:
        if not isinstance(v, dict):
            fail(path, "expected an object")
        fields = SCHEMA[kind]
        unknown = sorted(set(v) - {name for name, _ in fields})
        if unknown:
            fail(path, f"unknown keys {unknown} for {kind}: teach scripts/embed-catalogue.sh")
        arguments = []
        for name, field in fields:
            if name not in v:
                if not field.endswith("?"):
                    fail(path, f"missing key {name!r}")
                continue
            arguments.append(f"{name}: {value(field, v[name], f'{path}.{name}')}")
        return f"{kind}(" + ", ".join(arguments) + ")"
    fail(path, f"no schema for {kind}")

# One statement per element keeps every expression small (fast to type-check).
def appends(variable, element_kind, elements, path):
    lines = [f"    var {variable}: [{element_kind}] = []", f"    {variable}.reserveCapacity({len(elements)})"]
    for i, element in enumerate(elements):
        lines.append(f"    {variable}.append({value(element_kind, element, f'{path}[{i}]')})")
    return lines

top = SCHEMA["RuleCatalogue"]
unknown = sorted(set(catalogue) - {name for name, _ in top})
if unknown:
    fail("rules.json", f"unknown top-level keys {unknown}")
python, swift = catalogue.get("python", {}), catalogue.get("swift", {})
for section, kind in ((python, "PythonCatalogue"), (swift, "SwiftCatalogue")):
    unknown = sorted(set(section) - {name for name, _ in SCHEMA[kind]})
    if unknown:
        fail(kind, f"unknown keys {unknown}")

def section_arguments(section, kind, big):
    arguments = []
    for name, field in SCHEMA[kind]:
        if name in section:
            arguments.append(f"{name}: {name}" if name in big else f"{name}: {value(field, section[name], f'{kind}.{name}')}")
    return ", ".join(arguments)

lines = [
    "// Generated by scripts/embed-catalogue.sh from rules.json. Do not edit.",
    "// swift-format-ignore-file",
    "",
    "/// rules.json as Swift values: built in a few hundred thousand instructions at startup,",
    "/// where decoding the JSON took tens of millions.",
    "func makeEmbeddedCatalogue() -> RuleCatalogue {",
    f"    RuleCatalogue(version: {value('int', catalogue['version'], 'version')}, rules: embeddedRules(), "
    "python: embeddedPythonCatalogue(), swift: embeddedSwiftCatalogue())",
    "}",
    "",
    "private func embeddedRules() -> [Rule] {",
    *appends("rules", "Rule", catalogue["rules"], "rules"),
    "    return rules",
    "}",
    "",
    "private func embeddedPythonCatalogue() -> PythonCatalogue {",
]
python_big = {"calls", "types"}
for name, kind in (("calls", "PythonCatalogue.CallGroup"), ("types", "PythonCatalogue.ValueType")):
    if name in python:
        lines += appends(name, kind, python[name], f"python.{name}")
lines += [f"    return PythonCatalogue({section_arguments(python, 'PythonCatalogue', python_big)})", "}", "",
          "private func embeddedSwiftCatalogue() -> SwiftCatalogue {"]
swift_big = {"blocking"}
if "blocking" in swift:
    lines += appends("blocking", "SwiftBlockingGroup", swift["blocking"], "swift.blocking")
lines += [f"    return SwiftCatalogue({section_arguments(swift, 'SwiftCatalogue', swift_big)})", "}", ""]

with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
PY
echo "wrote $out"
