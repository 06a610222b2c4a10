"""Analysis of children's feedback: pure functions over plain rows (never imports streamlit)."""
