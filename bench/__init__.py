"""Performance benchmarks (`sme-advisor bench`) and the HTTP load test (`python -m bench.loadtest`)."""
