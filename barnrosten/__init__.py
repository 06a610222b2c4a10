"""Barnrösten core: configuration, storage, translations and the rules that hold everywhere."""
