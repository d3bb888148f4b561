"""Sources for `cocreate import`: signals files for listening."""
