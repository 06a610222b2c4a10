"""The answering screens for children, young people and guardians, and the state that moves them."""
