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

    // MariaDB's own reserved words (https://mariadb.com/kb/en/reserved-words/) beyond the shared ones; quoted on MariaDB only,
    // so that H2, which upper-cases unquoted names, keeps them unquoted.
    static final Set<String> MARIADB_RESERVED = Set.of("accessible", "add", "analyze", "asensitive", "before", "bigint", "binary",
            "blob", "call", "cascade", "change", "char", "character", "collate", "condition", "continue", "convert", "current_role",
            "cursor", "database", "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare",
            "delayed", "delete_domain_id", "describe", "deterministic", "distinctrow", "div", "do_domain_ids", "double", "dual", "each",
            "elseif", "enclosed", "escaped", "except", "exit", "explain", "float", "float4", "float8", "force", "fulltext", "general",
            "grant", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "ignore", "ignore_domain_ids",
            "ignore_server_ids", "infile", "inout", "insensitive", "int", "int1", "int2", "int3", "int4", "int8", "integer", "iterate",
            "keys", "kill", "leave", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob",
            "longtext", "loop", "low_priority", "master_heartbeat_period", "master_ssl_verify_server_cert", "match", "maxvalue",
            "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies",
            "no_write_to_binlog", "numeric", "optimize", "option", "optionally", "out", "outfile", "over", "page_checksum",
            "parse_vcol_expr", "partition", "position", "precision", "procedure", "purge", "range", "read", "reads",
            "read_write", "real", "recursive", "ref_system_id", "regexp", "release", "rename", "repeat", "replace", "require",
            "resignal", "restrict", "return", "returning", "revoke", "rlike", "rownum", "schema", "schemas", "second_microsecond",
            "sensitive", "separator", "show", "signal", "slow", "smallint", "spatial", "specific", "sql", "sqlexception",
            "sqlstate", "sqlwarning", "sql_big_result", "sql_calc_found_rows", "sql_small_result", "ssl", "starting", "stats_auto_recalc",
            "stats_persistent", "stats_sample_pages", "straight_join", "terminated", "tinyblob", "tinyint", "tinytext", "trigger",
            "undo", "unlock", "unsigned", "usage", "use", "utc_date", "utc_time", "utc_timestamp", "varbinary", "varchar",
            "varcharacter", "varying", "while", "write", "xor", "year_month", "zerofill");

    private Identifiers() {
    }
}
