"""notify room."""
