from .campaign import main

__all__ = ["main"]
