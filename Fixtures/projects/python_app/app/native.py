import hashlib


def digest(path):
    # The implementation beside its stub (native.pyi): the index reads this one.
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
