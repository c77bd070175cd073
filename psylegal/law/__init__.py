"""The domain: vocabularies and records, how layers of law combine, and how names resolve."""
