"""How much raters agree on ordinal levels: Krippendorff's alpha with the ordinal metric.

alpha = 1 - D_o / D_e, where D_o is the observed and D_e the expected disagreement over the coincidence matrix
o_ck = sum over units u of (number of c-k pairs of values in u) / (m_u - 1), m_u = values in u (units with one
value are not pairable and are left out). With n_c = sum_k o_ck and n = sum_c n_c:

    D_o = 1/n * sum_ck o_ck * delta2(c, k)
    D_e = 1/(n (n - 1)) * sum_ck n_c * n_k * delta2(c, k)
    ordinal delta(c, k) = sum_{g=c..k} n_g - (n_c + n_k) / 2      (for c <= k)

1 is perfect agreement, 0 what chance would give, below 0 systematic disagreement (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def coincidences(units: Sequence[Sequence[int]]) -> Counter[tuple[int, int]]:
    """The coincidence matrix o_ck over pairable units (two or more values)."""
    out: Counter[tuple[int, int]] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    out[(c, k)] += 1 / (m - 1)  # type: ignore[assignment]
    return out


def ordinal_alpha(units: Sequence[Sequence[int]]) -> float | None:
    """Krippendorff's alpha (ordinal) for units (criteria) each holding the levels raters gave; None if undefined
    (fewer than two pairable values, or every value the same so no disagreement is even possible)."""
    o = coincidences(units)
    if not o:
        return None
    values = sorted({c for c, _ in o})
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())

    def delta2(c: int, k: int) -> float:
        lo, hi = min(c, k), max(c, k)
        return (sum(n_c[g] for g in values if lo <= g <= hi) - (n_c[lo] + n_c[hi]) / 2) ** 2

    d_o = sum(o[(c, k)] * delta2(c, k) for c in values for k in values) / n
    d_e = sum(n_c[c] * n_c[k] * delta2(c, k) for c in values for k in values) / (n * (n - 1))
    if d_e == 0:
        return None
    return round(1 - d_o / d_e, 4)
