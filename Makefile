# The two commands of the README: `make table` runs the main job (the
# literature table), `make test` runs the tests. Both install the system
# packages the build needs when they are missing.

SWIFT ?= swift

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

clean:
	rm -rf .build
