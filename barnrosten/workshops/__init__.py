"""Workshops: the facilitator running the room, the participants joining and taking part, and the printed papers."""
