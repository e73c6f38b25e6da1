"""copies room."""
