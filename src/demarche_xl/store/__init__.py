"""Stores at the edge: the file store (calamine to read, openpyxl to write) and the live store (xlwings).
They move rows in and out of a workbook and hold no method logic."""
