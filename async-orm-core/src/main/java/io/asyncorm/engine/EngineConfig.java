package io.asyncorm.engine;

import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.IsolationLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads engine settings from a flat map (the {@code async_engine_from_config} analogue): keeps the
 * keys under a prefix, strips it, coerces strings to the option types and rejects unknown keys. Keys
 * are kebab-case ({@code pool-size}); snake_case and camelCase spellings are accepted too.
 */
final class EngineConfig {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private static final Map<String, BiConsumer<EngineOptions.Builder, Object>> SETTERS = new LinkedHashMap<>();

    static {
        SETTERS.put("echo", (b, v) -> b.echo(bool("echo", v)));
        SETTERS.put("hide-parameters", (b, v) -> b.hideParameters(bool("hide-parameters", v)));
        SETTERS.put("logging-name", (b, v) -> b.loggingName(v.toString()));
        SETTERS.put("pool-enabled", (b, v) -> b.poolEnabled(bool("pool-enabled", v)));
        SETTERS.put("pool-size", (b, v) -> b.poolSize(integer("pool-size", v)));
        SETTERS.put("max-overflow", (b, v) -> b.maxOverflow(integer("max-overflow", v)));
        SETTERS.put("pool-timeout", (b, v) -> b.poolTimeout(duration("pool-timeout", v)));
        SETTERS.put("pool-recycle", (b, v) -> b.poolRecycle(duration("pool-recycle", v)));
        SETTERS.put("pool-idle-timeout", (b, v) -> b.poolIdleTimeout(duration("pool-idle-timeout", v)));
        SETTERS.put("cleanup-timeout", (b, v) -> b.cleanupTimeout(duration("cleanup-timeout", v)));
        SETTERS.put("pool-pre-ping", (b, v) -> b.poolPrePing(bool("pool-pre-ping", v)));
        SETTERS.put("isolation-level", (b, v) -> b.isolationLevel(isolationLevel(v)));
        SETTERS.put("fetch-size", (b, v) -> b.fetchSize(integer("fetch-size", v)));
        SETTERS.put("defer-begin", (b, v) -> b.deferBegin(bool("defer-begin", v)));
        SETTERS.put("server-side-cursors", (b, v) -> b.serverSideCursors(bool("server-side-cursors", v)));
    }

    private static final String EXECUTION_OPTIONS = "execution-options.";

    final String url;

    final @Nullable String username;

    final @Nullable String password;

    final EngineOptions options;

    private EngineConfig(String url, @Nullable String username, @Nullable String password, EngineOptions options) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.options = options;
    }

    static EngineConfig parse(Map<String, ?> config, String prefix, Map<String, ?> overrides) {
        Map<String, Object> settings = underPrefix(config, prefix);
        overrides.forEach((key, value) -> {
            if (value != null) {
                settings.put(canonical(key), value);
            }
        });
        Object url = settings.remove("url");
        if (url == null || url.toString().isBlank()) {
            throw new ArgumentError("The engine configuration has no '" + prefix + "url'; set it to an R2DBC URL such as "
                    + "r2dbc:postgresql://user@localhost:5432/db (keys found: " + settings.keySet() + ")");
        }
        Object username = settings.remove("username");
        Object password = settings.remove("password");
        return new EngineConfig(url.toString(), username == null ? null : username.toString(),
                password == null ? null : password.toString(), options(settings, prefix));
    }

    /** The options part of a configuration: every key but url, username and password, already canonical. */
    static EngineOptions options(Map<String, Object> settings, String prefix) {
        EngineOptions.Builder builder = EngineOptions.builder();
        ExecutionOptions.Builder execution = ExecutionOptions.builder();
        boolean hasExecution = false;
        for (Map.Entry<String, Object> entry : settings.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith(EXECUTION_OPTIONS)) {
                executionOption(execution, key.substring(EXECUTION_OPTIONS.length()), value);
                hasExecution = true;
                continue;
            }
            BiConsumer<EngineOptions.Builder, Object> setter = SETTERS.get(key);
            if (setter == null) {
                throw new ArgumentError("Unknown engine option '" + prefix + key + "'; valid options are url, username, password, "
                        + String.join(", ", SETTERS.keySet()) + ", and execution-options.<name>");
            }
            setter.accept(builder, value);
        }
        if (hasExecution) {
            builder.executionOptions(execution.build());
        }
        return builder.build();
    }

    /** Reads the engine options alone (no url): for an engine over a connection factory made elsewhere. */
    static EngineOptions parseOptions(Map<String, ?> config, String prefix) {
        Map<String, Object> settings = underPrefix(config, prefix);
        for (String connectionKey : List.of("url", "username", "password")) {
            if (settings.containsKey(connectionKey)) {
                throw new ArgumentError("'" + prefix + connectionKey + "' says where to connect, which EngineOptions cannot: "
                        + "use AsyncEngine.fromConfig for a configuration with a URL");
            }
        }
        return options(settings, prefix);
    }

    /** The non-null settings under a prefix, with the prefix stripped and the keys in canonical (kebab) form. */
    private static Map<String, Object> underPrefix(Map<String, ?> config, String prefix) {
        Map<String, Object> settings = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null) {
                settings.put(canonical(key.substring(prefix.length())), value);
            }
        });
        return settings;
    }

    /** One {@code execution-options.<name>} entry: the typed ones by name, anything else as a custom option. */
    private static void executionOption(ExecutionOptions.Builder builder, String name, Object value) {
        switch (name) {
            case "isolation-level" -> builder.isolationLevel(isolationLevel(value));
            case "read-only" -> builder.readOnly(bool(EXECUTION_OPTIONS + name, value));
            case "stream-results" -> builder.streamResults(bool(EXECUTION_OPTIONS + name, value));
            case "yield-per" -> builder.yieldPer(integer(EXECUTION_OPTIONS + name, value));
            case "timeout" -> builder.timeout(duration(EXECUTION_OPTIONS + name, value));
            default -> builder.option(name, value);
        }
    }

    static List<String> optionNames() {
        return List.copyOf(SETTERS.keySet());
    }

    // pool_size, poolSize and pool-size all become pool-size.
    static String canonical(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                out.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && out.charAt(out.length() - 1) != '-') {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ArgumentError("Option '" + key + "' must be true or false, got '" + value + "'");
        };
    }

    static int integer(String key, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ArgumentError("Option '" + key + "' must be a whole number, got '" + value + "'", e);
        }
    }

    /** A {@link Duration}, a number of seconds, "500ms" / "30s" / "5m" / "1h" / "1d", or ISO-8601 ("PT30S"). */
    static Duration duration(String key, Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return seconds(new BigDecimal(n.toString()));
        }
        String text = value.toString().trim();
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(text);
            }
            Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                BigDecimal amount = new BigDecimal(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount.longValue());
                    case "m" -> seconds(amount.multiply(BigDecimal.valueOf(60)));
                    case "h" -> seconds(amount.multiply(BigDecimal.valueOf(3600)));
                    case "d" -> seconds(amount.multiply(BigDecimal.valueOf(86400)));
                    default -> seconds(amount);
                };
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ArgumentError("Option '" + key + "' is not a duration: '" + value + "'", e);
        }
        throw new ArgumentError("Option '" + key + "' must be a duration such as 30 (seconds), 500ms, 30s, 5m or PT30S; got '"
                + value + "'");
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValueExact());
    }

    static IsolationLevel isolationLevel(Object value) {
        if (value instanceof IsolationLevel level) {
            return level;
        }
        String text = value.toString().trim().toUpperCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return switch (text) {
            case "READ UNCOMMITTED" -> IsolationLevel.READ_UNCOMMITTED;
            case "READ COMMITTED" -> IsolationLevel.READ_COMMITTED;
            case "REPEATABLE READ" -> IsolationLevel.REPEATABLE_READ;
            case "SERIALIZABLE" -> IsolationLevel.SERIALIZABLE;
            default -> throw new ArgumentError("Option 'isolation-level' must be one of READ UNCOMMITTED, READ COMMITTED, "
                    + "REPEATABLE READ, SERIALIZABLE; got '" + value + "'");
        };
    }
}
