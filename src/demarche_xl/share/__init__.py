"""Sharing the workbook within the team: row ids, fingerprints and history of writes, merging e-mailed copies
(step `fusionner`), upgrading workbooks made by older versions; and personal data (anonymised copy, purge)."""
