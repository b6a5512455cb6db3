# The two commands of the README: `make table` runs the main job (the
# literature table), `make test` runs the tests. Both install the system
# packages the build needs when they are missing.

SWIFT ?= swift
# The peer scripts (NumPy, SciPy, PyTorch) the benchmarks run beside ours,
# and extra options for them, e.g. `make bench BENCH_ARGS="--quick --only mc"`.
PEERS ?= ../shared/peers
BENCH_ARGS ?=

.PHONY: deps build release table test bench clean

deps:
	./scripts/install-system-packages.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job: the literature table, from an optimised build of the
# command line only.
table: deps
	$(SWIFT) build -c release --product vi3nr
	.build/release/vi3nr table

test: deps
	$(SWIFT) test

bench: deps
	$(SWIFT) build -c release --product vi3nr-bench
	.build/release/vi3nr-bench --peers $(PEERS) $(BENCH_ARGS)

clean:
	rm -rf .build
