"""Errors of the models that a user can cause (an empty warehouse, a bad date)."""

from __future__ import annotations

from shoplens.errors import ShoplensError


class ModelInputError(ShoplensError):
    """The warehouse cannot feed the models: no orders yet, or an as-of date outside the data."""


class TooLittleData(ShoplensError):
    """A model refuses to train: too few examples of a class, or nothing to learn from.

    Not a failure of the run: the model writes no scores and records this message in its metrics.
    """
