"""What researchers use on an output folder: query, export, the static viewer, review and corrections, spaCy."""
