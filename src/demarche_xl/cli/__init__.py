"""The command line `demarche-xl <étape> classeur.xlsx`: French help, French errors, one module per area."""
