"""A synthetic Olist shop, written as the 9 CSV files of the Kaggle dataset (format and quirks kept).

    from ingestion.generator import generate_shop
    paths = generate_shop(Path("data/landing"), scale=0.1, seed=7)   # {raw table name: path}

`build_shop` returns the same shop as DataFrames, for generators that extend this world.
"""

from ingestion.generator.shop import GeneratorArgumentError, Shop, build_shop, generate_shop, write_shop

__all__ = ["GeneratorArgumentError", "Shop", "build_shop", "generate_shop", "write_shop"]
