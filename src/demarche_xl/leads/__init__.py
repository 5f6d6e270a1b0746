"""Lead teachers (référents) for Temps 3: who, why (scored criteria), and whom each one accompanies."""
