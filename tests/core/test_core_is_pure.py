"""The core never imports Django, a file library or the terminal."""

import ast
from pathlib import Path

CORE = Path(__file__).parents[2] / "src" / "parindex" / "core"
ALLOWED = {"numpy", "parindex"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_django():
    for path in CORE.glob("*.py"):
        assert "django" not in imported_modules(path), path


def test_the_core_imports_only_the_standard_library_and_numpy():
    import sys

    for path in CORE.glob("*.py"):
        foreign = {
            name
            for name in imported_modules(path)
            if name not in sys.stdlib_module_names and name not in ALLOWED and name != "__future__"
        }
        assert not foreign, f"{path.name} imports {foreign}"


def test_importing_the_core_loads_no_django():
    import subprocess
    import sys

    code = (
        "import sys, parindex.core.scoring, parindex.core.narrative, parindex.core.framework;"
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
