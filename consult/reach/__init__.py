"""About you, and who is missing: the "About you" monitoring questions, the shares staff expect from
each group, and the reach view that compares the two (the ``reach`` blueprint, beside the results)."""
