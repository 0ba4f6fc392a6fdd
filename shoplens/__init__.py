"""shoplens: shared settings, the warehouse lifecycle and the command line."""
