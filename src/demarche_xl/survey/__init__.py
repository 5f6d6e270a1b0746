"""Questionnaires: the reference question banks (Temps 1 and satisfaction), their export layouts, import and
consolidation into the reference tables."""
