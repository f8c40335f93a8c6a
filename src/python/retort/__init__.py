"""Retort's Python half: runs notebook cells the way `python file.py` would run the file."""
