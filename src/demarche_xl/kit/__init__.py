"""The workshop kit's chain — irritant → need → axis → action → indicator — checked link by link."""
