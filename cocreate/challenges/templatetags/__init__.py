"""Template tags of the challenges, one library per part that needs one."""
