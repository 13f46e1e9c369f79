"""The settings classes of the project's top-level config.py, loaded under a name of our own.

config.py stays where a newcomer looks for it, at the top of the checkout, but it is not installed
as a top-level module called `config`: that name belongs to whatever else on the path is called
config (another project's settings, a library's test helper), and whichever comes first would win.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CONFIG_FILE = Path(__file__).resolve().parent.parent / "config.py"
MODULE_NAME = "workbench_config"


def _load() -> ModuleType:
    if MODULE_NAME in sys.modules:
        return sys.modules[MODULE_NAME]
    spec = importlib.util.spec_from_file_location(MODULE_NAME, CONFIG_FILE)
    if spec is None or spec.loader is None:
        raise ImportError(f"the workbench's settings file is missing: {CONFIG_FILE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE_NAME] = module
    spec.loader.exec_module(module)
    return module


config = _load()
