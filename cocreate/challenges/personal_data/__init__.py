"""What a person can download about themselves from challenges. Each part of a challenge
registers its own records in its own module here; every
module of this package is imported when the app is ready."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
