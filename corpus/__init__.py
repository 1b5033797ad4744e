"""Ingestion: load documents, clean them, chunk them by structure, and index them (Chroma + BM25)."""
