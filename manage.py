#!/usr/bin/env python3
"""Same as the `cocreate` command, for people used to Django."""

from cocreate.cli import main

if __name__ == "__main__":
    main()
