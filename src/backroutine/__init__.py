"""BackRoutine: guided back-care exercise routines with a private local log."""

__version__ = "0.1.0"
