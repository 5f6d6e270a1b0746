"""Declarations of every table, list and setting of the master workbook (see `model` for the vocabulary)."""
from demarche_xl.schema.model import USER, Column, Kind, ListDef, Param, Table
from demarche_xl.schema.registry import ALL_TABLES, SCHEMA_VERSION, table, table_for_sheet

__all__ = ["USER", "Column", "Kind", "ListDef", "Param", "Table", "ALL_TABLES", "SCHEMA_VERSION", "table",
           "table_for_sheet"]
