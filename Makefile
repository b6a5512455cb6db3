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

table: release
	.build/release/vi3nr table

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
