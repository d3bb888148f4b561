"""One module per part of dialogue (questions, listening); every module of this package is
imported when the app is ready, so its registrations are known."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
