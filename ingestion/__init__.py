"""Getting data in: the raw tables' contract, the loader that fills them from landed files, and the
synthetic shop generator."""
