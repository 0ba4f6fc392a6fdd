"""A fixed tile-grid layout of Brazil's 27 federative units, for maps drawn with no geometry at all.

Each state is one equal square, placed (column, row) near its real position; row 0 is the north.
Equal tiles keep small, dense states (DF, SE, AL) as visible as Amazonas, and nothing is fetched
from the internet: the dashboard must render offline.

    col:  0    1    2    3    4    5
    r0:        RR        AP
    r1:        AM   PA   MA   CE   RN
    r2:   AC   RO   TO   PI   PE   PB
    r3:        MT   GO   BA   SE   AL
    r4:        MS   DF   MG   ES
    r5:        PR   SP   RJ
    r6:        SC
    r7:        RS
"""

from __future__ import annotations

STATE_TILES: dict[str, tuple[int, int]] = {
    "RR": (1, 0),
    "AP": (3, 0),
    "AM": (1, 1),
    "PA": (2, 1),
    "MA": (3, 1),
    "CE": (4, 1),
    "RN": (5, 1),
    "AC": (0, 2),
    "RO": (1, 2),
    "TO": (2, 2),
    "PI": (3, 2),
    "PE": (4, 2),
    "PB": (5, 2),
    "MT": (1, 3),
    "GO": (2, 3),
    "BA": (3, 3),
    "SE": (4, 3),
    "AL": (5, 3),
    "MS": (1, 4),
    "DF": (2, 4),
    "MG": (3, 4),
    "ES": (4, 4),
    "PR": (1, 5),
    "SP": (2, 5),
    "RJ": (3, 5),
    "SC": (1, 6),
    "RS": (1, 7),
}

STATE_NAMES: dict[str, str] = {
    "AC": "Acre",
    "AL": "Alagoas",
    "AM": "Amazonas",
    "AP": "Amapá",
    "BA": "Bahia",
    "CE": "Ceará",
    "DF": "Distrito Federal",
    "ES": "Espírito Santo",
    "GO": "Goiás",
    "MA": "Maranhão",
    "MG": "Minas Gerais",
    "MS": "Mato Grosso do Sul",
    "MT": "Mato Grosso",
    "PA": "Pará",
    "PB": "Paraíba",
    "PE": "Pernambuco",
    "PI": "Piauí",
    "PR": "Paraná",
    "RJ": "Rio de Janeiro",
    "RN": "Rio Grande do Norte",
    "RO": "Rondônia",
    "RR": "Roraima",
    "RS": "Rio Grande do Sul",
    "SC": "Santa Catarina",
    "SE": "Sergipe",
    "SP": "São Paulo",
    "TO": "Tocantins",
}

GRID_COLUMNS = 1 + max(col for col, _ in STATE_TILES.values())
GRID_ROWS = 1 + max(row for _, row in STATE_TILES.values())
