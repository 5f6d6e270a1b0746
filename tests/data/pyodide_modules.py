"""Write the list of what Python code can import in a Pyodide release, from its npm package (`npm pack
pyodide@<version>`): the packages of `pyodide-lock.json` with the modules each provides, and the standard library
(the modules of `python_stdlib.zip`, the unvendored ones of the lock file, and those compiled into
`pyodide.asm.wasm`). The Lite import check (tests/test_lite_pyodide.py) reads the list this writes.

    npm pack pyodide@0.27.5
    python tests/data/pyodide_modules.py pyodide-0.27.5.tgz > tests/data/pyodide-0.27.5.txt
"""
from __future__ import annotations

import io
import json
import re
import sys
import tarfile
import zipfile

CORE = ("builtins", "sys", "marshal", "_imp", "_io", "_thread", "_warnings", "_weakref", "_frozen_importlib",
        "_frozen_importlib_external", "_string", "_tokenize", "_abc", "posix", "time", "errno", "itertools", "gc")


def main(archive: str) -> None:
    with tarfile.open(archive) as package:
        lock = json.load(package.extractfile("package/pyodide-lock.json"))
        stdlib = zipfile.ZipFile(io.BytesIO(package.extractfile("package/python_stdlib.zip").read()))
        wasm = package.extractfile("package/pyodide.asm.wasm").read()
    info = lock["info"]
    print(f"# Pyodide {info['version']} (Python {info['python']}, {info['platform']}) : ce que le code peut importer.")
    version = info["version"]
    print(f"# Produit par : npm pack pyodide@{version} && "
          f"python tests/data/pyodide_modules.py pyodide-{version}.tgz > tests/data/pyodide-{version}.txt")
    print("# package <nom> <version> <modules,…> <dépendances,…> : paquets du fichier pyodide-lock.json (chargés quand "
          "requirements.txt les nomme, ou un paquet qui en dépend)")
    for name, entry in sorted(lock["packages"].items()):
        if entry.get("package_type") != "cpython_module":
            imports = ",".join(sorted(entry.get("imports") or [name]))
            print(f"package {name} {entry['version']} {imports} {','.join(sorted(entry.get('depends') or [])) or '-'}")
    modules = {name.split("/")[0].removesuffix(".py") for name in stdlib.namelist() if name.split("/")[0]}
    modules |= {m for entry in lock["packages"].values() if entry.get("package_type") == "cpython_module"
                for m in entry.get("imports") or []}
    modules |= {m.decode() for m in re.findall(rb"PyInit_([A-Za-z0-9_]+)", wasm)}
    modules |= set(CORE)
    print("# stdlib <module> : bibliothèque standard (python_stdlib.zip, modules non livrés d'office, modules "
          "compilés)")
    for name in sorted(m for m in modules if m.isidentifier() and m != "site-packages"):
        print(f"stdlib {name}")


if __name__ == "__main__":
    main(sys.argv[1])
