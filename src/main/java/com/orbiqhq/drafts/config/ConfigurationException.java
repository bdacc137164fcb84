package com.orbiqhq.drafts.config;

/** A setting is missing or invalid: the function refuses to start rather than serve with a wrong setting. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
