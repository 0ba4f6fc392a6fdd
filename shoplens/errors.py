"""Errors a user can cause. The CLI prints their message, never a traceback."""


class ShoplensError(Exception):
    """Base class for errors with a message that tells the user what to do."""


class WarehouseError(ShoplensError):
    """The warehouse could not be started, reached or prepared."""
