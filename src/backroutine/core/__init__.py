"""The pure core of BackRoutine: no Qt is imported anywhere in this package."""
