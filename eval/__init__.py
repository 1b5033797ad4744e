"""Evaluation: datasets, claim splitting, faithfulness scorers and their validation."""
