package com.orbiqhq.drafts.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps a copy of everything the test suite logs, for {@link LogLeakCheck} to search once the suite is over: the
 * JVM's standard output and error (where functions log, and where the SDK's lines go), and every line the tests
 * capture with {@link TestLogs}. Registered with the JUnit Platform, so it covers every test of the run.
 *
 * <p>The copy is {@code target/suite-logs/run.log}, started afresh by each run of the suite (one test JVM, as the
 * build configures it).
 */
public final class SuiteLogs implements LauncherSessionListener {
    static final Path DIRECTORY = Path.of(System.getProperty("project.root", "."), "target", "suite-logs");
    static final Path FILE = DIRECTORY.resolve("run.log");

    static final Path CREDENTIALS = DIRECTORY.resolve("sent-credentials.txt");

    private static OutputStream copy;
    private static final Set<String> SENT_CREDENTIALS = ConcurrentHashMap.newKeySet();

    /** Notes an {@code Authorization} value a test sent, so that {@link LogLeakCheck} searches for it literally. */
    public static void recordCredential(String authorization) {
        if (authorization != null) {
            SENT_CREDENTIALS.add(authorization);
        }
    }

    /**
     * Where a test sends the output of a process it starts whose logs must be searched too (a local front): a file
     * of the suite's logs, which {@link LogLeakCheck} reads with the rest.
     */
    public static File file(String name) {
        return DIRECTORY.resolve(name + ".log").toFile();
    }

    /**
     * Where such a process's other output goes (the local front's welcome text, which prints a token for a person
     * to paste, on purpose): next to its log lines, and not searched.
     */
    public static File console(String name) {
        return DIRECTORY.resolve(name + ".console.txt").toFile();
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        open();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (SuiteLogs.class) {
            try {
                if (copy != null) {
                    copy.flush();
                    // One per line; a value holding a line break is split, and each part is still searched for.
                    Files.write(CREDENTIALS, SENT_CREDENTIALS, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static synchronized void open() {
        if (copy != null) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            try (Stream<Path> old = Files.list(DIRECTORY)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            copy = Files.newOutputStream(FILE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
    }

    /** A stream whose lines also go to the copy, each whole, so that lines of several threads never mix. */
    static OutputStream copying(OutputStream original) {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                try {
                    original.write(bytes, offset, length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (int i = offset; i < offset + length; i++) {
                    line.write(bytes[i]);
                    if (bytes[i] == '\n') {
                        keep(line.toByteArray());
                        line.reset();
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        };
    }

    private static PrintStream tee(PrintStream original) {
        return new PrintStream(copying(original), true, StandardCharsets.UTF_8);
    }

    private static synchronized void keep(byte[] line) {
        if (copy == null) {
            // Outside the JUnit Platform (a probe's main): there is no suite to keep a copy for.
            return;
        }
        try {
            copy.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
