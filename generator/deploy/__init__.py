"""Putting the built site in place of the published one, atomically (swap.py)."""
