"""docs/architecture.md stays true: every module, file and name it points at exists."""

import importlib
import re
from pathlib import Path

from django.conf import settings

DOC = Path(settings.BASE_DIR) / "docs" / "architecture.md"


def test_every_path_the_architecture_guide_names_exists():
    text = DOC.read_text()
    paths = set(re.findall(r"`([a-z_]+(?:/[A-Za-z_<>.]+)+/?)`", text))
    assert len(paths) > 20, "the guide names the modules it describes"
    missing = [p for p in sorted(paths) if "<" not in p and not (Path(settings.BASE_DIR) / p).exists()]
    assert missing == []


def test_every_name_given_with_its_module_exists():
    """`name` in `module.py`: each such pair is checked by importing the module."""
    text = DOC.read_text()
    pairs = re.findall(r"`(\w+)`(?: \(\w+\))? in `([a-z_/]+)\.py`", text)
    pairs += [(name, module) for module, name in re.findall(r"`([a-z_/]+)\.py` \(`(\w+)`", text)]
    assert len(pairs) >= 5
    missing = []
    for name, module in pairs:
        imported = importlib.import_module(module.replace("/", "."))
        if not hasattr(imported, name):
            missing.append(f"{module}.{name}")
    assert missing == []
