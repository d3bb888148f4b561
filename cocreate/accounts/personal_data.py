"""A person's own data, gathered from every app for download, and erased on account deletion.

Each app registers what it holds about a person:

    @exporter("ideas")
    def export(person) -> list | dict: ...

    @eraser
    def erase(person) -> None: ...   # what must go; contributions themselves stay

    @on_name_change
    def refresh(person) -> None: ...  # pages that show the person's name
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: list[Callable] = []
_name_watchers: list[Callable] = []


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


def on_name_change(fn):
    """Register `fn(person)`, called when the name others see changes (or the account is
    deleted): pages showing the person's contributions must be rendered again."""
    _name_watchers.append(fn)
    return fn


def name_changed(person) -> None:
    for watcher in _name_watchers:
        watcher(person)
