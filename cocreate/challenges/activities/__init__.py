"""What people can do in a challenge. Each part of a challenge (events, teams, prototypes,
judging, condensing, support, recognition) declares its activities in its own module here; every
module of this package is imported when the app is ready, so `can()` knows each rule."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
