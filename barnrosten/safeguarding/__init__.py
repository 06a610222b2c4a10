"""Safeguarding: the review queue where staff work through comments that may disclose harm."""
