"""How typed names are compared: case-, accent- and punctuation-insensitively."""

from __future__ import annotations

import unicodedata

# Dots vanish ("D.C." == "DC"); other separators become spaces ("costa-rica" == "Costa Rica").
_SEPARATORS = str.maketrans({"-": " ", "_": " ", ",": " ", "/": " ", "'": "", "’": "", ".": ""})


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_SEPARATORS).split())
