"""What goes upward: the cover letter, the e-mail draft, Russian wording, page counts."""
