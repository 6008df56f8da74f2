"""Vietnamese alphabetical order, as a dictionary or an office's list sorts names.

The letters come in the Vietnamese alphabet's order (a ă â b c d đ e ê … o ô ơ … u ư …),
then the tones (none, huyền, hỏi, ngã, sắc, nặng) decide between names spelt alike; a
unit's kind ("xã", "phường" …) is not part of its name's place.

>>> sorted(["Xuân Đông", "Đại Lợi", "Hương Mỹ", "Hải Lâm", "Hưng Trung", "Hưng Tâm"], key=collation_key)
['Đại Lợi', 'Hải Lâm', 'Hưng Tâm', 'Hưng Trung', 'Hương Mỹ', 'Xuân Đông']
>>> sorted(["phường Đại Lợi", "xã An Hà"], key=unit_name_key)
['xã An Hà', 'phường Đại Lợi']

Searching ignores marks and case, as people type on a keyboard without Vietnamese input:

>>> fold("Phường Thuận Hóa, ĐẠI LỘC")
'phuong thuan hoa, dai loc'
>>> matches("thuan  hoa", "phường Thuận Hóa")
True
>>> matches("thuân", "phường Thuận Hóa")  # a mark typed is a mark meant: still found
True
>>> matches("hoa thuan", "phường Thuận Hóa"), matches("huế", "phường Thuận Hóa")
(True, False)
"""

from __future__ import annotations

import unicodedata

from parindex.core.units import UNIT_KINDS

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: i for i, letter in enumerate(ALPHABET)}
_SHAPED = {  # a base letter and the mark that makes it another letter of the alphabet
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_KINDS = sorted(UNIT_KINDS, key=len, reverse=True)


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key: letters in the Vietnamese alphabet's order first, tones second."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(char):
            if letters and char in _TONES:
                tones[-1] = _TONES[char]
            elif letters and char in ("\u0306", "\u0302", "\u031b"):
                base = ALPHABET[letters[-1]] if letters[-1] < len(ALPHABET) else ""
                shaped = _SHAPED.get((base, char))
                if shaped is not None:
                    letters[-1] = _RANK[shaped]
            continue
        # letters by the alphabet; a space before every letter; anything else after them
        letters.append(_RANK.get(char, -1 if char.isspace() else len(ALPHABET) + ord(char)))
        tones.append(0)
    return tuple(letters), tuple(tones)


def unit_name_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The sort key of a unit's name as shown ("xã Tiên Châu"): its kind left out."""
    folded = name.casefold()
    for kind in _KINDS:
        if folded.startswith(kind + " "):
            return collation_key(name[len(kind) + 1 :])
    return collation_key(name)


def fold(text: str) -> str:
    """``text`` as a search compares it: lower case, without marks, "đ" as "d"."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(query: str, *texts: str) -> bool:
    """Every word of ``query`` is somewhere in ``texts``, marks and case ignored (an empty
    query matches everything)."""
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in fold(query).split())
