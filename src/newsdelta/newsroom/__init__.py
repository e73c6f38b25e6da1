"""newsroom room."""
