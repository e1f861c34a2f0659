"""Real-shaped files for tests: documents as people upload them (`field_cases`: Word, Word
Online, PDFs with and without passwords, maps, scans) and files saved by LibreOffice
(`libreoffice`). Each folder's README says where its files come from."""

from pathlib import Path

FIELD_CASES = Path(__file__).parent / "field_cases"
LIBREOFFICE = Path(__file__).parent / "libreoffice"
