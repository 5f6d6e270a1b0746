"""The no-install door: xlwings Lite inside the workbook. `door` writes into a workbook file what the add-in needs
(`parts`: the extension and its settings; `main_py`: one script per step; `wheel`: the package itself, in a hidden
sheet); `run` is what a script does when clicked, on xlwings' remote engine through the live store; `sheets` says
which sheets each script sends to Python; `catalogue` lists the scripts."""
