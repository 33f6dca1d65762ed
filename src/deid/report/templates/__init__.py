"""The HTML pages' Jinja2 templates (autoescaped) and their inline CSS and scripts."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The environment of deid's pages: every value escaped unless a template marks it safe."""
    return Environment(
        loader=PackageLoader("deid.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def static(name: str) -> Markup:
    """An inline stylesheet or script of the pages, as written (it is deid's own file, not data)."""
    return Markup(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
