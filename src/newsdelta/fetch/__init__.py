"""fetch room."""
