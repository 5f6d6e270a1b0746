"""Group formation: domain, shared rules, PuLP model, heuristic, explanations, « changer le moins possible »."""
