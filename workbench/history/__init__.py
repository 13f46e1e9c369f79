"""Revision recording: the base layer every write path uses. It imports no domain."""
