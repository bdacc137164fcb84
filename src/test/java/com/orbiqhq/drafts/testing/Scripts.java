package com.orbiqhq.drafts.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the project's own scripts the way a user would, with the build the test suite already made. */
public final class Scripts {
    public static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();

    private Scripts() {
    }

    /** A script of scripts/ with extra environment; SKIP_BUILD because the running build keeps target/ current. */
    public static ProcessBuilder script(String name, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts").resolve(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("DYNAMODB_ENDPOINT");
        builder.environment().put("SKIP_BUILD", "true");
        builder.environment().putAll(env);
        return builder;
    }

    public static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + builder.command(), e);
        }
    }
}
