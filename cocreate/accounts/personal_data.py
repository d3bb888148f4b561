"""A person's own data, gathered from every app for download, and erased on account deletion.

Each app registers what it holds about a person:

    @exporter("ideas")
    def export(person) -> list | dict: ...

    @eraser
    def erase(person) -> None: ...   # what must go; contributions themselves stay
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: list[Callable] = []


def exporter(section: str):
    def register(fn):
        _exporters[section] = fn
        return fn

    return register


def eraser(fn):
    _erasers.append(fn)
    return fn


def export_sections():
    return dict(_exporters)


def erasers():
    return list(_erasers)
