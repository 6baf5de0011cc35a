"""outputs package."""
