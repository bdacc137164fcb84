package com.orbiqhq.drafts.config;

import java.util.Map;
import java.util.Optional;

/**
 * Read access to the process environment (or a map standing in for it in tests), with the checks every
 * setting needs: blank counts as unset, and a missing required value fails at init with the variable's name.
 */
public final class Environment {
    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + " must be set"));
    }

    public String orDefault(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int positiveInt(String name, int defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the variable's name
        }
        throw new ConfigurationException(name + " must be a positive whole number");
    }

    public boolean isSet(String name) {
        return optional(name).isPresent();
    }
}
