package io.asyncorm.dialect;

import java.util.Set;
import java.util.regex.Pattern;

/** The identifier rules the dialects share: what a plain name is, and the words that must be quoted. */
final class Identifiers {

    static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    // Reserved in at least one of PostgreSQL, H2 and MariaDB, so quoted everywhere for portable SQL.
    static final Set<String> RESERVED = Set.of("all", "alter", "and", "any", "array", "as", "asc", "between", "both",
            "by", "case", "cast", "check", "column", "constraint", "create", "cross", "current_date", "current_time",
            "current_timestamp", "current_user", "day", "default", "delete", "desc", "distinct", "drop", "else", "end",
            "except", "exists", "false", "fetch", "for", "foreign", "from", "full", "group", "having", "hour", "if",
            "in", "index", "inner", "insert", "intersect", "interval", "into", "is", "join", "key", "leading", "left",
            "like", "limit", "minute", "month", "natural", "not", "null", "offset", "on", "or", "order", "outer",
            "primary", "qualify", "references", "right", "row", "rows", "second", "select", "set", "some", "table",
            "then", "to", "top", "trailing", "true", "union", "unique", "unknown", "update", "user", "using", "value",
            "values", "when", "where", "window", "with", "year");

    private Identifiers() {
    }
}
