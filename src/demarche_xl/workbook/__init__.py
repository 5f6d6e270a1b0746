"""How the master workbook looks: sheet layout from declarations, the `Accueil` page, creation of a workbook."""
