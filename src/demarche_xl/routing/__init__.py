"""Routes through the workshops and the free-choice allocation: domain, shared rules, PuLP models."""
