"""The code's shape, checked rather than remembered: no module over 400 lines, no function
over 50 (a `# long:` comment on the def line says why one may be)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 50


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := p.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_50_lines_without_a_reason():
    long = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and "# long:" not in lines[node.lineno - 1]:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} "
                                f"({length} lines)")
    assert long == []


def _imports_of(path: Path, module: str, modules: set[str]) -> set[str]:
    """Every pipeline module `module` imports, wherever the import stands (a function's
    body too); imports under `if TYPE_CHECKING:` never run and are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test)
               for stmt in node.body for n in ast.walk(stmt)}
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] \
                if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            submodules = {f"{target}.{a.name}" for a in node.names} & modules
            found |= submodules
            if len(submodules) < len(node.names):    # names defined by the module itself
                found.add(target)
    return {name for name in found if name in modules and name != module}


def test_no_import_cycle_anywhere_in_the_package():
    paths = {".".join(("pipeline", *p.relative_to(PACKAGE).with_suffix("").parts))
             .removesuffix(".__init__"): p for p in _modules()}
    graph = {m: _imports_of(p, m, set(paths)) for m, p in paths.items()}
    assert sum(len(edges) for edges in graph.values()) > 300    # the walk sees the imports
    cycles, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
