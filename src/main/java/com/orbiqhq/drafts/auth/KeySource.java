package com.orbiqhq.drafts.auth;

/** Where the keys that sign tokens come from; exactly one is configured. */
public sealed interface KeySource {
    /** An OIDC provider's or Cognito user pool's JWKS endpoint, fetched and cached. */
    record JwksUrl(String url) implements KeySource {
    }

    /** The same JWKS document given inline, for local runs and tests. */
    record InlineJwks(String json) implements KeySource {
    }

    /** A shared secret for HS256 tokens. */
    record SharedSecret(byte[] secret) implements KeySource {
        public SharedSecret {
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public String toString() {
            return "SharedSecret[hidden]";
        }
    }
}
