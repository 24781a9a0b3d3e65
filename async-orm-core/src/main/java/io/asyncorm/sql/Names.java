package io.asyncorm.sql;

import java.util.List;

/** Default constraint and index names, shortened to what every supported database accepts (63 characters). */
final class Names {

    private static final int MAX = 63;

    private Names() {
    }

    static String primaryKey(String table) {
        return shorten("pk_" + table);
    }

    static String constraint(String prefix, String table, List<String> columns) {
        return shorten(prefix + "_" + table + "_" + String.join("_", columns));
    }

    private static String shorten(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode());
        return name.substring(0, MAX - hash.length() - 1) + "_" + hash;
    }
}
