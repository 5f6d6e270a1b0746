"""Steering (pilotage) of the method: the default roadmap and stakeholders, and the roadmap's alerts."""
