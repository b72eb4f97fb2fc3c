"""Exports the teacher owns: a static site, a PDF, and (later) a verifiable evidence bundle."""
