"""Results: what staff, boards and children may see, with access checked and the privacy rules applied."""
