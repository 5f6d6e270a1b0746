"""The built-in example collège (or pooled académie event): fictional, realistic, deterministic for a seed."""
