"""The « Bilan » of the method: key figures (mobilisation, engagement, collective dynamics, satisfaction), needs
by kind, strengths and limits, and the proposed next steps. Pure functions on rows; no file access."""
