"""The workshop screens: the facilitator's controls and live wall, and the participant's screens."""
