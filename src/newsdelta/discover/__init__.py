"""discover room."""
