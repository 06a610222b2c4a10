"""Survey definitions: data files in `templates/`, their schema and their loader."""
