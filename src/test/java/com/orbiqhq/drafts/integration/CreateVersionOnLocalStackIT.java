package com.orbiqhq.drafts.integration;

import com.orbiqhq.drafts.testing.TestDatabase;

/** The same contract against LocalStack in Docker; steps aside, saying so, where no Docker engine runs. */
class CreateVersionOnLocalStackIT extends CreateVersionContract {
    @Override
    TestDatabase.Kind database() {
        return TestDatabase.Kind.LOCALSTACK;
    }
}
