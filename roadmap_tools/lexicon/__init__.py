"""The Russian vocabulary as data: ``ru.toml`` (the words) and its loader (the schema check)."""
