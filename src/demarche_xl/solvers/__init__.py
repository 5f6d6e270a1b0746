"""PuLP solver classes of our own: `scipy_milp` runs a PuLP model with `scipy.optimize.milp` (HiGHS built into
SciPy), the solver available in xlwings Lite's Pyodide where highspy and PuLP's CBC binary are not."""
