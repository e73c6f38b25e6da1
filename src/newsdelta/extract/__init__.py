"""extract room."""
