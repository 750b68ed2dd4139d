"""`datamoat …` commands."""
