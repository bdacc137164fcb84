package com.orbiqhq.drafts.integration;

import com.orbiqhq.drafts.testing.TestDatabase;

/** The create-version contract against moto's server (or DYNAMODB_ENDPOINT when set). */
class CreateVersionOnMotoIT extends CreateVersionContract {
    @Override
    TestDatabase.Kind database() {
        return TestDatabase.Kind.MOTO;
    }
}
