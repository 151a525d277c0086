# Shortcuts; the scripts are the source of truth.
.PHONY: test bench fuzz examples
test:
	./scripts/test
bench:
	./scripts/bench
fuzz:
	./scripts/fuzz
examples:
	cargo run -- check examples
