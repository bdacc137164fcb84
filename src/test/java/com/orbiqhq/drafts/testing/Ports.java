package com.orbiqhq.drafts.testing;

/** Loopback ports for fault tests. */
public final class Ports {
    private Ports() {
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    public static int closedPort() {
        return MotoServer.freePort();
    }
}
