package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A textual statement with {@code :name} parameters, compiled to each dialect's bind markers. Create
 * it with {@link Sql#text(String)}. Immutable and safe for concurrent use.
 *
 * <p>{@code :name} is recognised outside quoted strings, quoted identifiers, comments and
 * dollar-quoted bodies; {@code ::} (a PostgreSQL cast) is left alone, and {@code \:} writes a literal
 * colon.
 */
public final class TextClause implements Executable {

    private final String text;

    // The text split at parameters: fragments.get(i) precedes names.get(i); the last fragment ends it.
    private final List<String> fragments;

    private final List<String> names;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    TextClause(String text) {
        this.text = text;
        List<String> fragments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        TextParser.parse(text, fragments, names);
        this.fragments = List.copyOf(fragments);
        this.names = List.copyOf(names);
    }

    /**
     * The text as written.
     *
     * @return the original text
     */
    public String text() {
        return this.text;
    }

    /**
     * The names of the parameters, in order of appearance (repeats included).
     *
     * @return an immutable list
     */
    public List<String> parameterNames() {
        return this.names;
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.compiled.computeIfAbsent(dialect.name(), key -> {
            StringBuilder sql = new StringBuilder(this.text.length() + 8);
            for (int i = 0; i < this.names.size(); i++) {
                sql.append(this.fragments.get(i)).append(dialect.bindMarker(i));
            }
            sql.append(this.fragments.get(this.names.size()));
            return new CompiledStatement(sql.toString(), this.names);
        });
    }

    @Override
    public String toString() {
        return this.text;
    }

    /** Splits text at {@code :name} parameters while skipping quotes, comments and casts. */
    static final class TextParser {

        private TextParser() {
        }

        static void parse(String text, List<String> fragments, List<String> names) {
            StringBuilder fragment = new StringBuilder();
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"' || c == '`') {
                    int end = closing(text, i + 1, c);
                    fragment.append(text, i, end);
                    i = end;
                } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                    int end = text.indexOf('\n', i);
                    end = end < 0 ? n : end;
                    fragment.append(text, i, end);
                    i = end;
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    fragment.append(text, i, end);
                    i = end;
                } else if (c == '$' && dollarTag(text, i) != null) {
                    String tag = String.valueOf(dollarTag(text, i));
                    int end = text.indexOf(tag, i + tag.length());
                    end = end < 0 ? n : end + tag.length();
                    fragment.append(text, i, end);
                    i = end;
                } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == ':') {
                    fragment.append(':');
                    i += 2;
                } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                    fragment.append("::");
                    i += 2;
                } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1))
                        && text.charAt(i + 1) != '$') {
                    int end = i + 1;
                    while (end < n && Character.isJavaIdentifierPart(text.charAt(end)) && text.charAt(end) != '$') {
                        end++;
                    }
                    fragments.add(fragment.toString());
                    fragment.setLength(0);
                    names.add(text.substring(i + 1, end));
                    i = end;
                } else {
                    fragment.append(c);
                    i++;
                }
            }
            fragments.add(fragment.toString());
        }

        private static int closing(String text, int from, char quote) {
            int i = from;
            while (i < text.length()) {
                if (text.charAt(i) == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            throw new ArgumentError("Unterminated quote " + quote + " in SQL text: " + text);
        }

        // A PostgreSQL dollar quote opener such as $$ or $body$, or null when '$' starts something else ($1).
        private static @Nullable String dollarTag(String text, int at) {
            int i = at + 1;
            while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            return i < text.length() && text.charAt(i) == '$' ? text.substring(at, i + 1) : null;
        }
    }
}
