package com.orbiqhq.drafts.log;

import com.orbiqhq.drafts.config.Environment;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Sends what libraries log through SLF4J (the AWS SDK does) into the same one-line JSON as the service's own
 * logs, at WARN and above only: a library's chatter is not worth a log line per request. Without a provider,
 * SLF4J would print a plain-text warning at every cold start and drop the library's warnings.
 */
public final class LibraryLogProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public void initialize() {
        JsonLogger configured = JsonLogger.create(Environment.system());
        JsonLogger log = configured.isEnabled(JsonLogger.Level.WARN)
                ? configured.atLeast(JsonLogger.Level.WARN)
                : configured;
        loggers = name -> new LibraryLogger(name, log);
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** One library logger: its name goes into the line as {@code logger}. */
    private static final class LibraryLogger extends LegacyAbstractLogger {
        private final transient JsonLogger log;

        LibraryLogger(String name, JsonLogger log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return log.isEnabled(JsonLogger.Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return log.isEnabled(JsonLogger.Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable failure) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (level == Level.ERROR) {
                log.error(message, failure, "logger", name);
            } else {
                log.warn(message, "logger", name, "errorType", failure == null ? null : failure.getClass().getName());
            }
        }
    }
}
