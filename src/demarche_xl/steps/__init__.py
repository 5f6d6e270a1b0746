"""The method's steps: pure functions from tables to tables plus a report (no file, Excel or Word access)."""
