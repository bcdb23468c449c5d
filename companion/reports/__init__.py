"""The session brief on paper and screen: Markdown, one self-contained HTML file, and PDF.

Every renderer reads a finished `companion.domain.brief.Brief` and nothing else, so what the
therapist sees is exactly what the builder (and redaction, when asked) put in it.
"""
