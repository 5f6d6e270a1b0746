"""demarche-xl : outiller la démarche « Impulser de nouveaux usages numériques pédagogiques dans mon collège »
depuis un seul classeur Excel. This package owns nothing itself; see the sub-packages' docstrings."""

__version__ = "0.1.0"
