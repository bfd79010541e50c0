"""Scoring against gold, `rasd evaluate`, the regression gate."""
