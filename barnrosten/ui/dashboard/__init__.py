"""The staff dashboard: its filter widgets, kept in the URL, and its tabs."""
