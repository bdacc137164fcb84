package com.orbiqhq.drafts.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * moto's DynamoDB-compatible server, started once per test JVM on a free loopback port and stopped when the JVM
 * exits, through scripts/lib/moto_server.py, which serialises requests so that concurrent transactions cannot
 * undo each other inside moto. Python comes from the {@code moto.python} system property (the build points it at
 * the project's .venv, which scripts/test fills); a missing interpreter fails the tests instead of skipping them.
 */
final class MotoServer {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static String endpoint;

    private MotoServer() {
    }

    static synchronized String endpoint() {
        if (endpoint == null) {
            endpoint = start();
        }
        return endpoint;
    }

    private static String start() {
        String root = System.getProperty("project.root", ".");
        String python = System.getProperty("moto.python", root + "/.venv/bin/python");
        if (!new File(python).canExecute()) {
            throw new IllegalStateException("Python with moto not found at " + python + ": run scripts/test, which"
                    + " installs it into .venv");
        }
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("moto-" + port + ".log");
            Process process = new ProcessBuilder(python, root + "/scripts/lib/moto_server.py",
                    "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            String url = "http://127.0.0.1:" + port;
            awaitReady(url, process);
            return url;
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server", e);
        }
    }

    /** Stops the server and waits for it, so a finished test run leaves no process behind. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(String url, Process process) {
        Instant giveUp = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/moto-api/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep();
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer within " + STARTUP_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
