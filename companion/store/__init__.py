"""TinyDB made safe for years of writing: atomic, locked, versioned, backed up."""
