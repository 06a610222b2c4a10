"""Answering: sessions and join codes, participants and their answers, stored surveys, imports and annotations."""
