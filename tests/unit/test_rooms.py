"""The rooms import only what docs/architecture.md says they may.

The table in docs/architecture.md is the one statement of the package's layering;
this test reads it and checks every module's imports against it, so the code and
the document cannot drift apart. Imports under ``if TYPE_CHECKING:`` only name
types for annotations and never run, so they do not count.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "newsdelta"
ANY_ROOM = "*"

IO_LIBRARIES = frozenset({
    "aiohttp", "alembic", "asyncio", "http", "httpx", "os", "pathlib", "shutil", "socket",
    "sqlalchemy", "sqlite3", "starlette", "subprocess", "tempfile", "urllib.request",
})
"""What ``core/`` may not import: it holds pure policies, tested without I/O."""
SQL_LIBRARIES = ("sqlalchemy", "sqlite3", "alembic")
HTML_LIBRARIES = ("html", "jinja2", "markupsafe")
HTML_ROOMS = frozenset({"web", "newsroom"})  # the UI, and the simulated news site


def allowed_imports(table: str) -> dict[str, frozenset[str]]:
    """``room -> rooms it may import`` from the markdown table's rows."""
    allowed: dict[str, frozenset[str]] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        room = _room_name(cells[0].strip("`"))
        may = cells[2]
        if may.startswith("all rooms"):
            allowed[room] = frozenset({ANY_ROOM})
        else:
            # Backticked names outside parentheses; "(the demo)" notes say why.
            names = re.findall(r"`([^`]+)`", re.sub(r"\([^)]*\)", "", may))
            allowed[room] = frozenset(_room_name(name) for name in names)
    return allowed


def _room_name(name: str) -> str:
    return name.removesuffix("/").removesuffix(".py")


def room_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """``(line, module)`` of every import that runs, at any depth (lazy ones too)."""
    return _imports_in(list(ast.iter_child_nodes(tree)))


def _imports_in(nodes: list[ast.AST]) -> Iterator[tuple[int, str]]:
    for node in nodes:
        if _type_checking_only(node):
            assert isinstance(node, ast.If)
            yield from _imports_in(list(node.orelse))
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "newsdelta" and node.level == 0:
            for alias in node.names:  # `from newsdelta import service` imports the room `service`
                yield node.lineno, f"newsdelta.{alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        yield from _imports_in(list(ast.iter_child_nodes(node)))


def _imports_of_package() -> list[tuple[Path, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, module in imported_modules(ast.parse(path.read_text(), str(path))):
            found.append((path, line, module))
    return found


IMPORTS = _imports_of_package()


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def _is_module(module: str, names: tuple[str, ...] | frozenset[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def test_the_table_covers_every_room() -> None:
    allowed = allowed_imports((ROOT / "docs" / "architecture.md").read_text())
    rooms = {room_of(path) for path, _line, _module in IMPORTS}
    assert rooms - set(allowed) == set(), "rooms missing from docs/architecture.md's table"
    assert allowed["store"] == {"core", "errors", "settings"}  # the table was read


def test_rooms_import_only_what_the_table_allows() -> None:
    allowed = allowed_imports((ROOT / "docs" / "architecture.md").read_text())
    wrong = []
    for path, line, module in IMPORTS:
        if not module.startswith("newsdelta."):
            continue
        room, target = room_of(path), module.split(".")[1]
        may = allowed.get(room, frozenset())
        if target != room and ANY_ROOM not in may and target not in may:
            wrong.append(f"{_where(path, line)}: {room} imports {module}")
    assert wrong == []


def _uses(libraries: tuple[str, ...] | frozenset[str], rooms: Callable[[str], bool]) -> list[str]:
    """Where a module of a room that ``rooms`` selects imports one of ``libraries``."""
    return [
        f"{_where(path, line)}: {module}"
        for path, line, module in IMPORTS
        if rooms(room_of(path)) and _is_module(module, libraries)
    ]


def test_core_does_no_io() -> None:
    wrong = _uses(IO_LIBRARIES, lambda room: room == "core")
    for path in (PACKAGE / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                wrong.append(f"{_where(path, node.lineno)}: open()")
    assert wrong == []


def test_only_the_store_speaks_sql() -> None:
    assert _uses(SQL_LIBRARIES, lambda room: room != "store") == []


def test_html_is_made_in_the_web_room() -> None:
    assert _uses(HTML_LIBRARIES, lambda room: room not in HTML_ROOMS) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import newsdelta.store\n", ["newsdelta.store"]),
        ("def f():\n    from newsdelta.web import app\n", ["newsdelta.web"]),
        ("if TYPE_CHECKING:\n    from newsdelta.settings import Settings\n", []),
        ("if TYPE_CHECKING:\n    pass\nelse:\n    import os\n", ["os"]),
        ("from . import sibling\n", []),
    ],
)
def test_imports_are_found_at_any_depth(source: str, expected: list[str]) -> None:
    assert [module for _line, module in imported_modules(ast.parse(source))] == expected


def test_the_table_parser_reads_notes_and_wildcards() -> None:
    table = (
        "| room | job | may import |\n| --- | --- | --- |\n"
        "| `web/` | pages | `core`, `copies` (reading the `index`) |\n"
        "| `cli.py` | commands | all rooms, lazily |\n"
        "| `core/` | pure | stdlib |\n"
    )
    assert allowed_imports(table) == {
        "web": frozenset({"core", "copies"}),
        "cli": frozenset({ANY_ROOM}),
        "core": frozenset(),
    }
