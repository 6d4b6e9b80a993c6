"""Results: what people said (analysis, charts, exports, themes), what changed (outcomes), and printed results."""
