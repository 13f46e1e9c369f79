"""Claim engine: article text in, claims with typed, normalised values out.

Pure Python. Never imports workbench, Flask or SQLAlchemy (a test enforces it).
"""
