#!/usr/bin/env python3
"""Proto compatibility check: proto/ against the committed descriptor snapshot.

    scripts/proto-compat.py PROTO_DIR SNAPSHOT   exit 1 if PROTO_DIR breaks SNAPSHOT
    scripts/proto-compat.py --self-test          breaks a copy of proto/ on purpose

Breaking: a service, method, message, field or enum value removed; a field's
number, type, label or message type changed; a method's request or response
type or streaming kind changed. Adding things is fine. To accept a break on
purpose, update the snapshot with `make proto-snapshot`.

Standard library only: the FileDescriptorSet (protoc --descriptor_set_out) is
decoded from the protobuf wire format directly.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fields(buf):
    """(field number, wire type, value) of one protobuf message."""
    i, out = 0, []

    def varint():
        nonlocal i
        shift = result = 0
        while True:
            b = buf[i]
            i += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result

    while i < len(buf):
        key = varint()
        num, wt = key >> 3, key & 7
        if wt == 0:
            val = varint()
        elif wt == 1:
            val, i = buf[i:i + 8], i + 8
        elif wt == 2:
            n = varint()
            val, i = buf[i:i + n], i + n
        elif wt == 5:
            val, i = buf[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        out.append((num, wt, val))
    return out


def first(msg, num, default=None):
    for n, _, v in msg:
        if n == num:
            return v.decode() if isinstance(v, (bytes, bytearray)) else v
    return default


def every(msg, num):
    return [fields(v) for n, _, v in msg if n == num]


def describe(descriptor_set):
    """A flat map of every element to its compatibility-relevant properties."""
    out = {}

    def enum(prefix, e):
        name = prefix + first(e, 1)
        out["enum " + name] = ()
        for v in every(e, 2):
            out["enum value %s.%s" % (name, first(v, 1))] = ("number", first(v, 2, 0))

    def message(prefix, m):
        name = prefix + first(m, 1)
        out["message " + name] = ()
        for f in every(m, 2):
            out["field %s#%d" % (name, first(f, 3, 0))] = (
                "name", first(f, 1), "type", first(f, 5, 0), "label", first(f, 4, 0),
                "type_name", first(f, 6, ""))
        for n in every(m, 3):
            message(name + ".", n)
        for e in every(m, 4):
            enum(name + ".", e)

    for f in every(fields(descriptor_set), 1):
        pkg = first(f, 2, "")
        prefix = pkg + "." if pkg else ""
        for m in every(f, 4):
            message(prefix, m)
        for e in every(f, 5):
            enum(prefix, e)
        for s in every(f, 6):
            svc = prefix + first(s, 1)
            out["service " + svc] = ()
            for m in every(s, 2):
                out["method %s/%s" % (svc, first(m, 1))] = (
                    "request", first(m, 2), "response", first(m, 3),
                    "client_streaming", bool(first(m, 5, 0)),
                    "server_streaming", bool(first(m, 6, 0)))
    return out


def descriptor_set(proto_dir):
    protos = sorted(os.path.relpath(os.path.join(d, n), proto_dir)
                    for d, _, names in os.walk(proto_dir) for n in names if n.endswith(".proto"))
    with tempfile.NamedTemporaryFile(suffix=".binpb") as out:
        subprocess.run(["protoc", "--proto_path=" + proto_dir, "--include_imports",
                        "--descriptor_set_out=" + out.name] + protos, check=True)
        return open(out.name, "rb").read()


def breaks(old, new):
    """Every incompatibility of new against old, as sentences."""
    problems = []
    for key, props in sorted(old.items()):
        if key not in new:
            if key.startswith("field "):
                # Same name under another number: say so rather than "removed".
                msg, name = key[6:].split("#")[0], props[1]
                moved = [k for k, p in new.items()
                         if k.startswith("field %s#" % msg) and p[1] == name]
                if moved:
                    problems.append("%s (%s) changed number to %s" % (key, name, moved[0].split("#")[1]))
                    continue
            problems.append("%s was removed" % key)
        elif props != new[key]:
            was, now = dict(zip(props[::2], props[1::2])), dict(zip(new[key][::2], new[key][1::2]))
            changed = ["%s %r -> %r" % (k, was[k], now[k]) for k in was if k != "name" and was[k] != now[k]]
            if changed:
                problems.append("%s changed: %s" % (key, ", ".join(changed)))
    return problems


def check(proto_dir, snapshot):
    old = describe(open(snapshot, "rb").read())
    new = describe(descriptor_set(proto_dir))
    return breaks(old, new)


SELF_TEST_BREAKS = [
    ("test/v1/test.proto", r"int32 response_size = 1;", "int64 response_size = 1;", "type"),
    ("test/v1/test.proto", r"int32 response_size = 1;", "int32 response_size = 9;", "changed number"),
    ("test/v1/test.proto", r"\n  // The status message.\n  string message = 2;", "", "removed"),
    ("test/v1/test.proto", r"returns \(stream StreamingOutputCallResponse\)(?= \{[^}]*\}\n  // Sums)",
     "returns (StreamingOutputCallResponse)", "server_streaming"),
    ("test/v1/test.proto", r"(?s)service UnimplementedService \{.*?\n\}", "", "service arpc.test.v1.UnimplementedService was removed"),
    ("health/v1/health.proto", r"\n  // The current status, then every change, until the call ends.\n  rpc Watch[^}]*\}", "", "method arpc.health.v1.Health/Watch was removed"),
]


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "base")
        shutil.copytree(os.path.join(ROOT, "proto"), base)
        snapshot = os.path.join(tmp, "snapshot.binpb")
        with open(snapshot, "wb") as f:
            f.write(descriptor_set(base))
        if check(base, snapshot):
            sys.exit("proto-compat self-test: an unchanged copy of proto/ was reported as breaking")
        for path, pattern, repl, expect in SELF_TEST_BREAKS:
            broken = os.path.join(tmp, "broken")
            shutil.rmtree(broken, ignore_errors=True)
            shutil.copytree(base, broken)
            target = os.path.join(broken, "arpc", path)
            text = open(target).read()
            changed, n = re.subn(pattern, lambda _: repl, text, count=1)
            if n != 1:
                sys.exit("proto-compat self-test: pattern %r not found in %s" % (pattern, path))
            open(target, "w").write(changed)
            problems = check(broken, snapshot)
            if not any(expect in p for p in problems):
                sys.exit("proto-compat self-test: a break (%s) was not caught; got %r" % (expect, problems))
    print("proto-compat self-test: %d deliberate breaks caught" % len(SELF_TEST_BREAKS))


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        print("proto-compat: BREAKING: " + p, file=sys.stderr)
    if problems:
        sys.exit("proto-compat: %d breaking change(s) against %s; if deliberate, run `make proto-snapshot`"
                 % (len(problems), sys.argv[2]))
    print("proto-compat: proto/ is compatible with %s" % sys.argv[2])


if __name__ == "__main__":
    main()
