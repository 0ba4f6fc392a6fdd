"""Portuguese review titles and messages, built once as small pools and then drawn by index.

Fragments are written in the style of Olist's reviews (short, informal, sometimes without accents);
Faker (pt_BR, seeded) adds first names and cities so that messages vary. Nothing here loops per review.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

POOL_SIZE = 400

TITLES: dict[str, tuple[str, ...]] = {
    "negative": (
        "Não chegou", "Não recebi", "Péssimo", "Produto errado", "Atraso na entrega", "Não recomendo",
        "Decepcionado", "Veio com defeito", "Horrível", "Cadê meu produto?",
    ),
    "neutral": ("Regular", "Mais ou menos", "Razoável", "Ok", "Poderia ser melhor", "Entrega demorada"),
    "positive": (
        "Recomendo", "Super recomendo", "Ótimo", "Excelente", "Muito bom", "Adorei", "Perfeito",
        "Ótima loja", "Chegou rápido", "Nota 10", "Amei", "Top",
    ),
}  # fmt: skip

SENTENCES: dict[str, tuple[str, ...]] = {
    "negative": (
        "Até agora não recebi o produto.",
        "O produto chegou com defeito e ninguém responde.",
        "Comprei dois e só veio um.",
        "Já passou da data prevista e nada de entrega.",
        "Veio diferente do anunciado.",
        "Pedi reembolso e sem resposta até o momento.",
        "Péssimo atendimento, não compro mais.",
        "A embalagem chegou toda amassada.",
        "Falta de respeito com o cliente.",
        "Paguei o frete e tive que buscar no correio.",
        "nao recebi ate hoje",
        "Cancelaram minha compra sem aviso.",
    ),
    "neutral": (
        "O produto é bom, mas a entrega demorou.",
        "Chegou no prazo, mas a qualidade deixa a desejar.",
        "Esperava um pouco mais pelo preço.",
        "Produto ok, nada demais.",
        "Atendeu parcialmente as expectativas.",
        "A cor é um pouco diferente da foto.",
    ),
    "positive": (
        "Produto de ótima qualidade, recomendo.",
        "Chegou antes do prazo, muito bem embalado.",
        "Tudo certo, entrega rápida.",
        "Excelente vendedor, voltarei a comprar.",
        "Exatamente como descrito no anúncio.",
        "Meu filho adorou o presente.",
        "Muito bom, superou minhas expectativas.",
        "ótimo chegou bem antes do prazo .",
        "Recebi tudo certinho, obrigado!",
        "Bom custo benefício.",
        "Produto original e de qualidade",
        "Entrega super rápida, parabéns à loja.",
    ),
}

PERSONAL: dict[str, tuple[str, ...]] = {
    "negative": ("Moro em {city} e até hoje nada.", "{name} aqui, ainda aguardo uma resposta."),
    "neutral": ("Entregue em {city}, demorou um pouco.", "{name} achou o produto razoável."),
    "positive": ("Chegou em {city} rapidinho!", "Comprei para a {name} e ela adorou."),
}


def sentiment_of_score(score: np.ndarray) -> np.ndarray:
    """negative (1-2), neutral (3), positive (4-5)."""
    return np.where(score <= 2, "negative", np.where(score == 3, "neutral", "positive"))


class ReviewTexts:
    """Pools of titles and messages per sentiment; `draw_*` pick from them with numpy indices."""

    def __init__(self, faker: Faker) -> None:
        self.titles = {k: np.array(v, dtype=object) for k, v in TITLES.items()}
        self.sentences = {k: self._sentence_pool(faker, k) for k in SENTENCES}

    @staticmethod
    def _sentence_pool(faker: Faker, sentiment: str) -> np.ndarray:
        personal = [
            PERSONAL[sentiment][i % len(PERSONAL[sentiment])].format(
                name=faker.first_name(), city=faker.city()
            )
            for i in range(POOL_SIZE // 10)
        ]
        return np.array(list(SENTENCES[sentiment]) * 3 + personal, dtype=object)

    def draw_titles(self, rng: np.random.Generator, sentiment: np.ndarray) -> np.ndarray:
        return self._draw(rng, self.titles, sentiment)

    def draw_messages(
        self, rng: np.random.Generator, sentiment: np.ndarray, multiline: np.ndarray
    ) -> np.ndarray:
        """One or two sentences; multi-line messages join two with CRLF, as Olist's do."""
        first = self._draw(rng, self.sentences, sentiment)
        second = self._draw(rng, self.sentences, sentiment)
        two_on_one_line = ~multiline & (rng.random(len(sentiment)) < 0.25)
        out = first.copy()
        out[two_on_one_line] = first[two_on_one_line] + " " + second[two_on_one_line]
        out[multiline] = first[multiline] + "\r\n" + second[multiline]
        return out

    @staticmethod
    def _draw(rng: np.random.Generator, pools: dict[str, np.ndarray], sentiment: np.ndarray) -> np.ndarray:
        out = np.empty(len(sentiment), dtype=object)
        for key, pool in pools.items():
            rows = np.flatnonzero(sentiment == key)
            out[rows] = pool[rng.integers(0, len(pool), len(rows))]
        return out
