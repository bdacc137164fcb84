# How `sam build` builds the function (template.yaml: Metadata BuildMethod makefile): the project's own Maven
# wrapper without running the test suite (scripts/test does that), then the classes at the artifact's root and
# exactly the runtime classpath in lib/, the layout Lambda's Java runtime loads. samconfig.toml builds in place.

build-CreateVersionFunction build-ScheduledDraftFunction:
	bash -c 'source scripts/lib/common.sh && use_java_21 && ./mvnw -B -q --no-transfer-progress -Dmaven.test.skip=true package'
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp -R target/classes/. "$(ARTIFACTS_DIR)/"
	rm -rf "$(ARTIFACTS_DIR)/com/orbiqhq/drafts/local"  # the local tools (scripts/local-api) are not deployed
	tr ':' '\n' < target/runtime-classpath.txt | xargs -I{} cp {} "$(ARTIFACTS_DIR)/lib/"
