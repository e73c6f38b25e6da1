"""Fixtures for the web tests; the world they run against is built in :mod:`webworld`."""

from webworld import client, world

__all__ = ["client", "world"]
